"""What the words just before a number say about it: a public body's line or a file number (not personal
data), or a person's own number."""

import bisect
import re
from functools import cache, lru_cache

from .lexicon import words

WINDOW = 40


@cache
def _cues() -> re.Pattern:
    def group(name: str, entries: tuple[str, ...]) -> str:
        # ASCII cues must stand as words; Chinese cues are matched as they are.
        ascii_ = sorted((w for w in entries if w.isascii()), key=len, reverse=True)
        other = sorted((w for w in entries if not w.isascii()), key=len, reverse=True)
        words_ = "(?<![A-Za-z])(?:" + "|".join(map(re.escape, ascii_)) + ")(?![a-z])"
        return f"(?P<{name}>{words_}|" + "|".join(map(re.escape, other)) + ")"

    personal, public = words("personal_number_cues.txt"), words("public_number_cues.txt")
    return re.compile(group("personal", personal) + "|" + group("public", public), re.IGNORECASE)


@lru_cache(maxsize=4)
def _cue_index(text: str) -> tuple[list[int], list[int], list[str]]:
    """Every cue of ``text`` once (ends, starts, kinds; sorted by end), so each number looks back cheaply."""
    found = [(m.end(), m.start(), m.lastgroup or "") for m in _cues().finditer(text)]
    return [f[0] for f in found], [f[1] for f in found], [f[2] for f in found]


def _last_cue(text: str, start: int, window: int) -> str | None:
    ends, starts, kinds = _cue_index(text)
    at = bisect.bisect_right(ends, start) - 1
    if at < 0:
        return None
    # Spaces do not count towards the window: tables pad a label and its number far apart.
    between = text[starts[at] : start] if start - starts[at] <= 20 * window else ""
    return kinds[at] if between and len(between) - between.count(" ") <= window else None


HOTLINE_AFTER = re.compile(r"\s*[(（][^)）]{0,20}(?:hotline|helpline|熱線|enquir|查詢)", re.IGNORECASE)


def is_public(text: str, start: int, end: int | None = None) -> bool:
    """Whether the cue nearest before ``start`` (within a short window) marks a public or file number, or a
    bracket right after the number says it is a hotline."""
    after = end is not None and HOTLINE_AFTER.match(text, end) is not None
    return after or _last_cue(text, start, WINDOW) == "public"


def phone_cue(text: str, start: int) -> bool:
    """Whether a person's phone cue ("Phone:", "call me at", 電話) comes just before ``start``."""
    return _last_cue(text, start, 25) == "personal"


def near(text: str, start: int, pattern: re.Pattern, window: int = WINDOW) -> bool:
    return pattern.search(text, max(0, start - window), start) is not None


AMOUNT_BEFORE = re.compile(r"(?:HK\$|US\$|\$|HKD|港幣|港元|RMB|¥|€|£)\s*$", re.IGNORECASE)
AMOUNT_AFTER = re.compile(r"^\s*(?:元|蚊|港元|dollars?|HKD)", re.IGNORECASE)


def is_amount(text: str, start: int, end: int) -> bool:
    return bool(
        AMOUNT_BEFORE.search(text[max(0, start - 6) : start]) or AMOUNT_AFTER.match(text[end : end + 6])
    )
