"""The checks that compare places in one text: a thing named two ways, numbers and dates written two ways.
The form used most (the first one on a tie) is taken as the document's choice; the others are flagged."""

import re
from collections import Counter
from datetime import date

from django.utils.translation import gettext as _

from aiplus.glossary.terms import Term
from aiplus.pilot.proofread.issues import Issue, IssueKind
from aiplus.pilot.proofread.rules import occurrences
from aiplus.pilot.proofread.tables import consistent_forms

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CHINESE_DIGITS = "〇一二三四五六七八九"
_YEAR_DIGIT = f"[{CHINESE_DIGITS}零]"

# style -> pattern; each pattern's groups give (year, month, day) in that order of names.
DATE_STYLES = {
    "zh": re.compile(r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    "dmy": re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
    "iso": re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
    "en": re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}) (?P<m>{'|'.join(MONTHS)}) (?P<y>\d{{4}})(?!\d)"),
}
_COMMA_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
# Four to seven plain digits (HK$1200 included), not part of a code (DSD-2025-00123), a phone number (2123 4567), a time, a
# decimal, a date or a year (2024年, 1997): those are never written with commas.
_PLAIN_NUMBER = re.compile(r"(?<![A-Za-z0-9_\-/.:,])(?<!\d )\d{4,7}(?![A-Za-z0-9_\-/:.,年]| \d)")
_ARABIC_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}年")
_CHINESE_YEAR = re.compile(f"{_YEAR_DIGIT}{{4}}年")


def _minority(found: list[tuple[str, int, int, str]]) -> tuple[str, list[tuple[str, int, int, str]]]:
    """(style kept, occurrences of the other styles) for occurrences (style, start, end, text)."""
    counts = Counter(item[0] for item in found)
    first = {}
    for item in found:
        first.setdefault(item[0], len(first))
    kept = max(counts, key=lambda style: (counts[style], -first[style]))
    return kept, [item for item in found if item[0] != kept]


def term_issues(text: str, glossary: list[Term]) -> list[Issue]:
    """Two acceptable spellings of one thing in the same text (email and e-mail, 身份證 and 身分證)."""
    issues = []
    for group in consistent_forms():
        found = sorted(
            ((form, start, end, text[start:end]) for form in group for start, end in occurrences(text, form)),
            key=lambda item: item[1],
        )
        if len({item[0] for item in found}) < 2:
            continue
        kept, others = _minority(found)
        for _form, start, end, written in others:
            message = _("“%(found)s” and “%(other)s” are both used for the same thing; keep to one.") % {
                "found": written,
                "other": kept,
            }
            issues.append(Issue(start, end, IssueKind.INCONSISTENT_TERM, message, kept, written))
    return issues


def _date(match: re.Match) -> date | None:
    month = match.group("m")
    month = MONTHS.index(month) + 1 if month in MONTHS else int(month)
    try:
        return date(int(match.group("y")), month, int(match.group("d")))
    except ValueError:
        return None


def format_date(value: date, style: str) -> str:
    return {
        "zh": f"{value.year}年{value.month}月{value.day}日",
        "dmy": f"{value.day}/{value.month}/{value.year}",
        "iso": value.isoformat(),
        "en": f"{value.day} {MONTHS[value.month - 1]} {value.year}",
    }[style]


def _chinese_year(year: str) -> str:
    return "".join(CHINESE_DIGITS[int(d)] for d in year)


def _arabic_year(year: str) -> str:
    return "".join(str(CHINESE_DIGITS.index(c)) if c in CHINESE_DIGITS else "0" for c in year)


def number_issues(text: str) -> list[Issue]:
    issues = []
    dates = []
    for style, pattern in DATE_STYLES.items():
        for match in pattern.finditer(text):
            value = _date(match)
            if value is not None:
                dates.append((style, match.start(), match.end(), match.group(), value))
    if len({d[0] for d in dates}) > 1:
        kept, others = _minority([d[:4] for d in dates])
        values = {(d[1], d[2]): d[4] for d in dates}
        example = next(d[3] for d in dates if d[0] == kept)
        for _style, start, end, written in others:
            fix = format_date(values[(start, end)], kept)
            message = _("Dates are written two ways (%(found)s and %(other)s); keep to one style.") % {
                "found": written,
                "other": example,
            }
            issues.append(Issue(start, end, IssueKind.DATE, message, fix, written))
    years = [("arabic", m.start(), m.end(), m.group()) for m in _ARABIC_YEAR.finditer(text)]
    years += [("chinese", m.start(), m.end(), m.group()) for m in _CHINESE_YEAR.finditer(text)]
    if len({y[0] for y in years}) > 1:
        kept, others = _minority(sorted(years, key=lambda y: y[1]))
        example = next(y[3] for y in years if y[0] == kept)
        for style, start, end, written in others:
            digits = written[:-1]
            fix = (_arabic_year(digits) if style == "chinese" else _chinese_year(digits)) + "年"
            message = _("Years are written two ways (%(found)s and %(other)s); keep to one style.") % {
                "found": written,
                "other": example,
            }
            issues.append(Issue(start, end, IssueKind.DATE, message, fix, written))
    numbers = [("comma", m.start(), m.end(), m.group()) for m in _COMMA_NUMBER.finditer(text)]
    numbers += [("plain", m.start(), m.end(), m.group()) for m in _PLAIN_NUMBER.finditer(text)]
    numbers = [n for n in numbers if not (n[0] == "plain" and 1900 <= int(n[3]) <= 2099)]
    if len({n[0] for n in numbers}) > 1:
        kept, others = _minority(sorted(numbers, key=lambda n: n[1]))
        example = next(n[3] for n in numbers if n[0] == kept)
        for style, start, end, written in others:
            fix = f"{int(written):,}" if style == "plain" else written.replace(",", "")
            message = _("Numbers are written two ways (%(found)s and %(other)s); keep to one style.") % {
                "found": written,
                "other": example,
            }
            issues.append(Issue(start, end, IssueKind.NUMBER, message, fix, written))
    return issues
