"""What a value of each field type looks like, and whether it is valid: each ``find_<type>`` gives the
(start, end, normalised, valid) of the values of that type in a stretch of text.

HKIDs, phones and e-mail addresses are found by the personal-data detector (``aiplus.privacy.detect``), so
extraction and redaction agree on what they are; dates reuse the proofreader's date styles.
"""

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from aiplus.pilot.proofread.consistency import DATE_STYLES, MONTHS, _date
from aiplus.privacy.detect import detect, hkid_valid

Found = tuple[int, int, str, bool]

_SHORT_MONTHS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)}
_EXTRA_DATES = [
    # 5-1-2024, 5.1.2024 (day first, as in Hong Kong)
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-.](?P<m>\d{1,2})[-.](?P<y>\d{4})(?![\d/.-])"),
    # 5 Jan 2024, 5 Jan. 2024
    re.compile(r"(?<!\d)(?P<d>\d{1,2}) (?P<m>[A-Z][a-z]{2})\.? (?P<y>\d{4})(?!\d)"),
    # January 5, 2024
    re.compile(rf"(?P<m>{'|'.join(MONTHS)}) (?P<d>\d{{1,2}}),? (?P<y>\d{{4}})(?!\d)"),
]
_AMOUNT = re.compile(
    r"(?:(?P<currency>HK\$|HKD|US\$|\$|港幣|港元|人民幣)\s?)?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d{1,2})?"
    r"\s?(?P<unit>萬|億)?(?P<yuan>元|圓)?"
)
_CASE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?:\(\d+\)\s?in\s)?[A-Z]{1,6}(?:[-/ ][A-Z0-9]{1,10}){1,5}(?:\(\d+\))?(?![A-Za-z0-9])"
)


def _detected(text: str, kind: str) -> Iterator[Found]:
    for span in detect(text):
        if span.type == kind:
            yield span.start, span.end, span.text, True


def find_hkid(text: str) -> Iterator[Found]:
    pattern = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}\s?[(（]?[0-9A][)）]?(?![A-Za-z0-9])")
    for match in pattern.finditer(text):
        compact = re.sub(r"[\s()（）]", "", match.group())
        yield match.start(), match.end(), f"{compact[:-1]}({compact[-1]})", hkid_valid(compact)


def find_email(text: str) -> Iterator[Found]:
    for start, end, value, valid in _detected(text, "EMAIL"):
        yield start, end, value.lower(), valid


def find_phone(text: str) -> Iterator[Found]:
    for start, end, value, valid in _detected(text, "PHONE"):
        digits = re.sub(r"\D", "", value)
        yield start, end, digits[-8:], valid


def find_date(text: str) -> Iterator[Found]:
    seen = set()
    for pattern in [*DATE_STYLES.values(), *_EXTRA_DATES]:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in seen):
                continue
            seen.add((match.start(), match.end()))
            month = match.group("m")
            if month in _SHORT_MONTHS:
                value = _month_date(match, _SHORT_MONTHS[month])
            else:
                value = _date(match) if month in MONTHS or month.isdigit() else None
            yield match.start(), match.end(), value.isoformat() if value else match.group(), value is not None


def _month_date(match: re.Match, month: int) -> date | None:
    try:
        return date(int(match.group("y")), month, int(match.group("d")))
    except ValueError:
        return None


def find_amount(text: str) -> Iterator[Found]:
    """Sums of money: with a currency sign or 元 (a bare number is not an amount)."""
    for match in _AMOUNT.finditer(text):
        if not (match.group("currency") or match.group("yuan")):
            continue
        try:
            value = Decimal(match.group("number").replace(",", "") + (match.group("decimals") or ""))
        except InvalidOperation:
            yield match.start(), match.end(), match.group(), False
            continue
        value *= {"萬": 10_000, "億": 100_000_000}.get(match.group("unit") or "", 1)
        yield match.start(), match.end(), f"{value:.2f}", True


def find_case_number(text: str) -> Iterator[Found]:
    for match in _CASE_NUMBER.finditer(text):
        if any(c.isdigit() for c in match.group()):
            yield match.start(), match.end(), match.group(), True


def find_line(text: str) -> Iterator[Found]:
    """A text, name or address value: the stretch itself, trimmed of marks around it."""
    stripped = text.strip(" \t:：,，;；|")
    if stripped:
        start = text.index(stripped)
        yield start, start + len(stripped), stripped, True


def find_address(text: str) -> Iterator[Found]:
    yield from find_line(text)


FINDERS = {
    "hkid": find_hkid,
    "email": find_email,
    "phone": find_phone,
    "date": find_date,
    "amount": find_amount,
    "case_number": find_case_number,
    "address": find_address,
    "name": find_line,
    "text": find_line,
}
# Types whose values are recognisable anywhere in a document, without a label before them.
ANYWHERE = ("hkid", "email", "phone", "date", "amount")
