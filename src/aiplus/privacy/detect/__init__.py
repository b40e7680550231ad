"""Hong Kong personal data in English and Chinese text: where it is and of which type.

The stable interface (the model gateway, the Redact tool and the CLI call it): ``detect(text)`` gives the
spans found, sorted by start, not overlapping; ``TYPES`` are the types a span may have. Offsets are into the
text as given (Python string indices).
"""

import re
from dataclasses import dataclass

TYPES = ("HKID", "PHONE", "EMAIL", "PASSPORT", "CREDIT_CARD", "BANK_ACCOUNT", "ADDRESS", "PERSON")


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int
    text: str
    score: float = 1.0


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


_HKID = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\d{6}\s?[(（]?[0-9Aa][)）]?(?![A-Za-z0-9])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_PHONE = re.compile(r"(?<!\d)(?:\+?852[\s-]?)?[2-9]\d{3}[\s-]?\d{4}(?!\d)")


def detect(text: str) -> list[Span]:
    """The personal data in ``text``: a first version that finds HKIDs (check character validated), e-mail
    addresses and Hong Kong phone numbers."""
    found = [
        Span("HKID", m.start(), m.end(), m.group()) for m in _HKID.finditer(text) if hkid_valid(m.group())
    ]
    found += [Span("EMAIL", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    found += [Span("PHONE", m.start(), m.end(), m.group()) for m in _PHONE.finditer(text)]
    kept: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
