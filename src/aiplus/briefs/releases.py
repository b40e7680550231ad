"""A press release read from its document: title, outlet, date, body sentences and quotes.

Hong Kong government releases put the title first (underlined with asterisks), the body, then the date
line after "Ends/" ("Ends/Monday, December 7, 2026") or after "完" ("2026年12月7日（星期一）"). The outlet is
a marker line near the top (``data/outlets.tsv``); without one it is the collection's name. A release with
no date line takes the first date written in it, else the document's date.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property

from aiplus.briefs.recognise import data_rows
from aiplus.core.language import index_terms, language_of, sentence_spans

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_EN_DATES = (
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})"),
)
_ZH_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_END_RE = re.compile(r"^\s*(?:Ends\s*/|完\s*$)", re.IGNORECASE | re.MULTILINE)
_RULE_LINE_RE = re.compile(r"^[\s*=\-_＊]+$")
_ISSUED_RE = re.compile(r"^\s*(?:Issued at|香港時間|Issued)", re.IGNORECASE)
# A quotation of at least a few words: “…”, "…" or 「…」.
_QUOTE_RE = re.compile(r"“(?P<en>[^”]{25,})”|\"(?P<plain>[^\"\n]{25,})\"|「(?P<zh>[^」]{10,})」")
_EN_SPEAKER_RES = (
    re.compile(r"\bsaid\s+(?P<who>(?:the\s+)?[A-Z][^,.;“”]{2,80}?)(?:[,.;]|$)"),
    re.compile(r"(?P<who>(?:The\s+|the\s+)?[A-Z][^,.;“”]{2,80}?),?\s+(?:said|says|added|noted|remarked)\b"),
)
_ZH_SPEAKER_RE = re.compile(r"(?P<who>[^，。；「」：:\s]{2,30}?)(?:表示|說|指出|補充|稱)[：:，,]?\s*「?")


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str


@dataclass
class Release:
    """One release of a brief; ``number`` is its place in the brief's sources (1-based)."""

    document_id: int
    title: str
    outlet: str
    date: date | None
    language: str
    text: str
    sentences: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    number: int = 0

    @cached_property
    def terms(self) -> set[str]:
        return set(index_terms(self.title + "\n" + self.text))


@cache
def _outlets() -> tuple[tuple[str, str], ...]:
    return tuple((marker.strip().casefold(), name.strip()) for marker, name in data_rows("outlets.tsv"))


def _date_from(match: re.Match) -> date | None:
    month = match.group("month")
    month_number = _MONTHS[month.lower()] if month.isalpha() else int(month)
    try:
        return date(int(match.group("year")), month_number, int(match.group("day")))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first date written in a text (English, Chinese or ISO), or None."""
    found = [(m.start(), m) for pattern in (*_EN_DATES, _ZH_DATE, _ISO_DATE) for m in pattern.finditer(text)]
    for _start, match in sorted(found, key=lambda pair: pair[0]):
        day = _date_from(match)
        if day is not None:
            return day
    return None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _outlet_and_title(lines: list[str], default_outlet: str) -> tuple[str, str, int]:
    """(outlet, title, index of the line after the title)."""
    outlet = ""
    for index, line in enumerate(lines):
        if not line or _RULE_LINE_RE.match(line):
            continue
        named = dict(_outlets()).get(line.casefold())
        if named and not outlet:
            outlet = named
            continue
        return outlet or default_outlet, line, index + 1
    return outlet or default_outlet, "", len(lines)


def speaker_of(context: str, language: str) -> str:
    """Who is quoted, from the words around the quotation ("…," said the Secretary; 局長表示：「…」)."""
    if language.startswith("zh"):
        match = _ZH_SPEAKER_RE.search(context)
        return match.group("who") if match else ""
    for pattern in _EN_SPEAKER_RES:
        match = pattern.search(context)
        if match:
            return match.group("who").strip()
    return ""


def _quotes(body: str, language: str) -> list[Quote]:
    quotes = []
    for match in _QUOTE_RE.finditer(body):
        text = (match.group("en") or match.group("plain") or match.group("zh")).strip()
        paragraph_start = body.rfind("\n", 0, match.start()) + 1
        paragraph_end = body.find("\n", match.end())
        before = body[paragraph_start : match.start()]
        after = body[match.end() : paragraph_end if paragraph_end >= 0 else len(body)]
        speaker = speaker_of(after[:120], language) or speaker_of(before[-120:], language)
        if language.startswith("zh") and not speaker:
            speaker = speaker_of(before[-60:] + "「", language)
        quotes.append(Quote(text.strip(" ,，"), speaker.strip()))
    return quotes


def release_parse(*, document_id: int, text: str, default_outlet: str, fallback_date: date | None) -> Release:
    lines = _lines(text)
    outlet, title, body_start = _outlet_and_title(lines, default_outlet)
    body_lines = lines[body_start:]
    body_text = "\n".join(body_lines)
    released = None
    end = _END_RE.search(body_text)
    if end is not None:
        released = find_date(body_text[end.start() : end.start() + 200])
        body_text = body_text[: end.start()]
    body_lines = [line for line in body_text.splitlines() if not _ISSUED_RE.match(line)]
    body_text = "\n".join(body_lines).strip()
    released = released or find_date(text) or fallback_date
    language = language_of(title + " " + body_text[:500])
    sentences = []
    for start, stop in sentence_spans(body_text):
        sentence = " ".join(body_text[start:stop].split())
        if index_terms(sentence):
            sentences.append(sentence)
    return Release(
        document_id=document_id,
        title=title,
        outlet=outlet,
        date=released,
        language="zh-Hant" if language.startswith("zh") else "en",
        text=body_text,
        sentences=sentences,
        quotes=_quotes(body_text, language),
    )
