"""Hong Kong personal data in English and Chinese text: where it is and of which type.

The stable interface (the model gateway, the Redact tool and the CLI call it): ``detect(text)`` gives the
spans found, sorted by start, not overlapping; ``TYPES`` are the types a span may have. Offsets are into the
text as given (Python string indices). Each type has its own module: ``numbers`` (HKID, phone, e-mail,
passport, card, bank account), ``addresses`` and ``names``; the word lists are files under ``data/``.

``TYPES`` are personal data: each names or reaches one person. ``QUASI_TYPES`` are quasi-identifiers,
which identify someone only together with other facts: places and organisations (``places``), dates,
ages, IP and web addresses and other identity numbers (``quasi``). ``detect`` looks for ``TYPES`` unless
asked for more; the Redact tool asks for ``ALL_TYPES`` (see docs/personal-data-detection.md).
"""

import bisect
from dataclasses import dataclass

from . import addresses, names, numbers, places, quasi
from .numbers import hkid_valid, luhn_valid

TYPES = ("HKID", "PHONE", "EMAIL", "PASSPORT", "CREDIT_CARD", "BANK_ACCOUNT", "ADDRESS", "PERSON")
QUASI_TYPES = ("LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "AGE", "IP_ADDRESS", "URL", "ID_NUMBER")
ALL_TYPES = (*TYPES, *QUASI_TYPES)
MAX_CHARS = 2_000_000

__all__ = ["ALL_TYPES", "MAX_CHARS", "QUASI_TYPES", "TYPES", "Span", "detect", "hkid_valid", "luhn_valid"]


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int
    text: str
    score: float = 1.0


def detect(text: str, *, types: tuple[str, ...] = TYPES) -> list[Span]:
    """The personal data in ``text`` of the given ``types``. Where two findings overlap, the surer one
    stays (an HKID over a phone, an e-mail over the name inside it, an address over a district that looks
    like a name), then the longer. Quasi-identifiers are looked for only when ``types`` asks for one: a
    place or organisation found then may also take the place of a weak name guess. Text longer than ``MAX_CHARS`` is read in pieces of that size."""
    if len(text) > MAX_CHARS:
        return [
            Span(s.type, s.start + offset, s.end + offset, s.text, s.score)
            for offset in range(0, len(text), MAX_CHARS)
            for s in detect(text[offset : offset + MAX_CHARS], types=types)
        ]
    found = [*numbers.find(text), *addresses.find(text), *names.find(text)]
    quasi_asked = not set(types).isdisjoint(QUASI_TYPES)
    if quasi_asked:
        found += [*quasi.find(text), *places.find(text)]
    # Only names found with a title, a cue or a listed word are looked for again.
    people = [
        (kind, start, end) for kind, start, end, score in _resolve(found) if kind == "PERSON" and score >= 0.6
    ]
    found += names.repeats(text, people)
    kept = _resolve(found)
    if quasi_asked:
        kept = addresses.join_places(text, kept)
    kept = [f for f in kept if f[0] in types]
    return [Span(kind, start, end, text[start:end], score) for kind, start, end, score in kept]


def _resolve(found: list[tuple[str, int, int, float]]) -> list[tuple[str, int, int, float]]:
    """The findings that stay, sorted by start: the surest first, then the longest, none overlapping."""
    kept: list[tuple[str, int, int, float]] = []
    starts: list[int] = []  # starts and ends of the kept spans, both sorted (they never overlap)
    ends: list[int] = []
    for kind, start, end, score in sorted(found, key=lambda f: (-f[3], f[1] - f[2], f[1])):
        at = bisect.bisect_right(starts, start)
        free = (at == 0 or ends[at - 1] <= start) and (at == len(starts) or starts[at] >= end)
        if free:
            kept.append((kind, start, end, score))
            starts.insert(at, start)
            ends.insert(at, end)
    return sorted(kept, key=lambda f: f[1])
