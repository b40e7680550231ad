"""Identifiers written with digits: HKID, phone, e-mail, passport, card and bank account numbers.

Boundaries are lookarounds on ASCII letters and digits rather than ``\\b``: in Python ``\\b`` sees no
boundary between a Chinese character and a digit, so ``卡號4111111111111111`` would be missed (Presidio's
CreditCardRecognizer misses it for that reason, which is why cards are matched here; its IBAN recognizer,
with per-country formats, is used as it is).
"""

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from .context import is_amount, is_public, near, phone_cue

Found = tuple[str, int, int, float]


def hkid_valid(number: str) -> bool:
    """Whether a Hong Kong identity card number (brackets and spaces allowed) has the right check character.
    Letters count 10–35, a one-letter prefix gets a leading space worth 36, weights run 9..2 over the eight
    values; the check is 0 when the sum is divisible by 11, A when the remainder is 1, else 11 − remainder."""
    compact = re.sub(r"[\s()（）]", "", number).upper()
    match = re.fullmatch(r"([A-Z]{1,2})(\d{6})([0-9A])", compact)
    if not match:
        return False
    letters, digits, check = match.groups()
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    remainder = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    expected = "0" if remainder == 0 else "A" if remainder == 1 else str(11 - remainder)
    return check == expected


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


_A = r"(?<![A-Za-z0-9])"
_Z = r"(?![A-Za-z0-9])"
HKID = re.compile(
    _A + r"[A-Z]{1,2} ?\d{6} ?(?:[(（] ?[0-9A] ?[)）]|[0-9A])" + r"(?![A-Za-z0-9])", re.IGNORECASE
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.ASCII)
PHONE = re.compile(
    r"(?<!\d[ -])(?<![\w+])(?:(?:\+|00) ?852[ -]?|\(\+?852\) ?|852[ -])?[2-35-9]\d{3}[ -]?\d{4}(?!\d)(?![ -]\d)",
    re.ASCII,
)
# Numbers outside Hong Kong: with a country code, in the North American 3-3-4 shape, or any group of 7 to
# 15 digits right after a phone cue ("Phone:", "call me at").
PHONE_ABROAD = re.compile(
    r"(?<![\w+])(?:(?:\+(?!852)|00(?!852))\d{1,3}[ .-]?(?:\(0\)[ .-]?)?(?:\(?\d{1,4}\)?[ .-]?){1,4}\d{2,4}"
    r"|\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4})(?:x\d{1,5})?(?![\w-])",
    re.ASCII,
)
PHONE_GROUPS = re.compile(
    r"(?<![\w+])\+?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w-])|(?<![\w+])\d{7,15}(?![\w-])", re.ASCII
)
PASSPORT_HK = re.compile(_A + r"[HK]\d{8}" + _Z)
PASSPORT_OTHER = re.compile(_A + r"(?:[A-Z]{1,2}\d{6,9}|\d{9})" + _Z)
PASSPORT_CUE = re.compile(r"passport|travel document|護照|旅行證件|回鄉證|通行證|證件號碼", re.IGNORECASE)
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
BANK = re.compile(r"(?<![\w-])\d{2,6}(?:[ -]\d{1,9}){1,4}(?![\w-])|(?<![\w-])\d{9,16}(?![\w-])", re.ASCII)
BANK_STRICT = re.compile(r"\d{3}-\d{3}-\d{5,9}(?:-\d{1,3})?|\d{3}-\d{3}-\d{1,6}-\d{1,3}")
IBAN_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,32}(?![A-Za-z0-9])")
BANK_CUE = re.compile(r"account|a/c|acct|bank|戶口|賬戶|帳戶|帳號|賬號|銀行|存入|轉賬|轉帳", re.IGNORECASE)


def _looks_like_date(digits: str) -> bool:
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return 1900 <= int(digits[:4]) <= 2100


def _card_grouping_ok(text: str) -> bool:
    groups = re.split(r"[ -]", text)
    if len(groups) == 1:
        return True
    sizes = [len(g) for g in groups]
    return all(s == 4 for s in sizes[:-1]) or sizes == [4, 6, 5] or sizes == [4, 6, 4]


def _hkids(text: str) -> Iterator[Found]:
    for m in HKID.finditer(text):
        if hkid_valid(m.group()):
            yield "HKID", m.start(), m.end(), 1.0


def _emails(text: str) -> Iterator[Found]:
    for m in EMAIL.finditer(text):
        yield "EMAIL", m.start(), m.end(), 1.0


def _phones(text: str) -> Iterator[Found]:
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) == 8 and _looks_like_date(digits):
            continue
        if is_amount(text, m.start(), m.end()) or is_public(text, m.start(), m.end()):
            continue
        yield "PHONE", m.start(), m.end(), 0.8
    for pattern in (PHONE_ABROAD, PHONE_GROUPS):
        for m in pattern.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if (
                not 7 <= len(digits) <= 15
                or is_amount(text, m.start(), m.end())
                or is_public(text, m.start())
            ):
                continue
            if pattern is PHONE_ABROAD or phone_cue(text, m.start()):
                yield "PHONE", m.start(), m.end(), 0.75


def _passports(text: str) -> Iterator[Found]:
    for m in PASSPORT_HK.finditer(text):
        yield "PASSPORT", m.start(), m.end(), 0.85
    for m in PASSPORT_OTHER.finditer(text):
        if near(text, m.start(), PASSPORT_CUE) and not hkid_valid(m.group()):
            yield "PASSPORT", m.start(), m.end(), 0.85


def _cards(text: str) -> Iterator[Found]:
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        valid = len(set(digits)) > 1 and luhn_valid(digits) and _card_grouping_ok(m.group())
        if valid and not is_amount(text, m.start(), m.end()):
            yield "CREDIT_CARD", m.start(), m.end(), 0.95


def _banks(text: str) -> Iterator[Found]:
    for m in BANK.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        strict = BANK_STRICT.fullmatch(m.group()) is not None
        if not 8 <= len(digits) <= 16 or is_amount(text, m.start(), m.end()):
            continue
        if (strict and not is_public(text, m.start())) or near(text, m.start(), BANK_CUE):
            yield "BANK_ACCOUNT", m.start(), m.end(), 0.9
    # Presidio's IBAN patterns are slow on long capitalised text, so it reads only what could be an IBAN.
    for m in IBAN_LIKE.finditer(text):
        for result in _iban().analyze(m.group(), ["IBAN_CODE"], None):
            yield "BANK_ACCOUNT", m.start() + result.start, m.start() + result.end, 0.9


@cache
def _iban():
    """Presidio's IBAN recognizer (country formats and the mod-97 check); imported on first use."""
    from presidio_analyzer.predefined_recognizers import IbanRecognizer

    return IbanRecognizer()


def find(text: str) -> Iterator[Found]:
    for finder in (_hkids, _emails, _cards, _banks, _passports, _phones):
        yield from finder(text)
