"""Quasi-identifiers written as patterns: dates and times, ages, IP addresses, web addresses and other
identity numbers (a US social security or driving licence number). Alone none of them names a person, but
with other facts they can, so the Redact tool proposes them; the model gateway leaves them by default.

Dates, IP addresses, web addresses and US social security numbers come from Presidio's own pattern
recognizers (with their validation); month and weekday names come from Python's ``calendar``; the words
that date a bare year are ``year_cues.txt``; ages are short rules, and the cues before other identity
numbers the word list ``id_number_cues.txt``.
"""

import calendar
import re
from collections.abc import Iterator
from functools import cache

from .lexicon import alternation

Found = tuple[str, int, int, float]

# Presidio's patterns scored below this are its "weak" ones (mm/yy, bare nine digits).
PRESIDIO_FLOOR = 0.5


@cache
def _recognizers() -> list[tuple[str, object]]:
    """Presidio's recognizers for the types here, imported on first use."""
    from presidio_analyzer.predefined_recognizers import (
        DateRecognizer,
        IpRecognizer,
        UrlRecognizer,
        UsSsnRecognizer,
    )

    return [
        ("DATE_TIME", DateRecognizer()),
        ("IP_ADDRESS", IpRecognizer()),
        ("URL", UrlRecognizer()),
        ("ID_NUMBER", UsSsnRecognizer()),
    ]


PRESIDIO_ENTITIES = {
    "DATE_TIME": "DATE_TIME",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "ID_NUMBER": "US_SSN",
}


@cache
def _patterns() -> dict[str, re.Pattern]:
    # English names: Python keeps the C locale for dates unless the process sets another.
    months = list(calendar.month_name[1:]) + list(calendar.month_abbr[1:])
    days = list(calendar.day_name)
    month = "(?:" + "|".join(sorted(months, key=len, reverse=True)) + r")\.?"
    day = "(?:" + "|".join(days) + ")"
    year = r"(?:1[89]\d\d|20\d\d)"
    ordinal = r"\d{1,2}(?:st|nd|rd|th)?"
    return {
        "date_words": re.compile(
            rf"\b(?:{day},?\s+)?(?:{month}\s+{ordinal}(?:,?\s+{year})?|{ordinal}\s+(?:of\s+)?{month}(?:,?\s+{year})?"
            rf"|{month},?\s+{year})\b|\b{day}s?\b"
        ),
        # A bare year is a date only after a word that dates something (in 1977, since 2001, born 1990).
        "year": re.compile(rf"\b(?i:{alternation('year_cues.txt')})\s+({year})\b"),
        "time": re.compile(
            r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}\s?[ap]\.m\.", re.I
        ),
        "zh_date": re.compile(
            r"(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
            r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日號])?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日號]|(?:星期|禮拜)[一二三四五六日天]"
        ),
        "age": re.compile(
            r"(?i:\baged?\s*(?:of|is|:)?\s*|\bage\s+of\s+|\bturn(?:ed|s)?\s+)(\d{1,3})\b"
            r"|\b(\d{1,3})(?:[- ]?(?i:years?|yrs?)[- ]?(?i:old|of age)|\s?(?i:y/o|yo)\b)"
            r"|(\d{1,3}|[一二三四五六七八九十]{1,3})(?:歲|岁)"
        ),
        "id_cued": re.compile(
            rf"(?i:{alternation('id_number_cues.txt')})(?:\s+(?:is|was|no\.?|number|#))*[\s:：#]*"
            r"([A-Z]{0,3}\d[\d -]{3,14}\d)(?![\w-])"
        ),
    }


def _presidio(text: str) -> Iterator[Found]:
    for kind, recognizer in _recognizers():
        for result in recognizer.analyze(text, [PRESIDIO_ENTITIES[kind]], None):
            value = text[result.start : result.end]
            if result.score < PRESIDIO_FLOOR:
                continue
            # A web address needs its scheme or www. (README.md and e.g. have the shape of a domain).
            if kind == "URL" and not re.match(r"(?i)(?:https?|ftp)://|www\.", value.strip("\"'")):
                continue
            yield kind, result.start, result.end, 0.55


def find(text: str) -> Iterator[Found]:
    """The dates, times, ages, IP and web addresses and other identity numbers in ``text``."""
    p = _patterns()
    yield from _presidio(text)
    for name in ("date_words", "time", "zh_date"):
        for m in p[name].finditer(text):
            yield "DATE_TIME", m.start(), m.end(), 0.5
    for m in p["year"].finditer(text):
        yield "DATE_TIME", m.start(1), m.end(1), 0.45
    for m in p["age"].finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g))
        if 0 < int(_arabic(m.group(group))) < 130:
            yield "AGE", m.start(group), m.end(group), 0.55
    for m in p["id_cued"].finditer(text):
        yield "ID_NUMBER", m.start(1), m.end(1), 0.5


_CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}


def _arabic(number: str) -> int:
    """12 or 十二 as an integer (Chinese numbers up to 99)."""
    if number.isdigit():
        return int(number)
    tens, _, units = number.rpartition("十")
    if "十" not in number:
        return _CHINESE_DIGITS.get(number, 0)
    return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + _CHINESE_DIGITS.get(units, 0)
