"""Split page text into passages at sentence boundaries, keeping each passage's offsets in its page.

Every length is read from one running total of reading units over the page (a numpy cumulative sum), so
asking "how long is text[a:b]?" costs O(1) and chunking a page is linear in its length. Measuring each
candidate slice afresh, as a first version did, was quadratic on text without sentence punctuation: a
page of 160k unpunctuated Chinese characters took 6 s, and a 50 MB page many minutes.
"""

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from aiplus.core.language import HAN_RE, sentence_spans

# About 350 Chinese characters or 230 English words: long enough to answer a question, short enough
# that a citation points at the place.
MAX_UNITS = 350
MIN_UNITS = 60

_WORD = re.compile(r"[A-Za-z0-9]+")
_SEPARATORS = (" ", "，", ",", "、")


@dataclass(frozen=True)
class Passage:
    page_number: int
    char_start: int
    char_end: int
    text: str


def text_units(text: str) -> float:
    """Length in reading units: a Chinese character is one, an English word one and a half."""
    return len(HAN_RE.findall(text)) + 1.5 * len(_WORD.findall(text))


class _Units:
    """Reading units of every prefix of a text, in half units (a Han character 2, an English word 3, counted
    at its first letter), so the units of any slice are one subtraction."""

    def __init__(self, text: str):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        han = ((codes >= 0x3400) & (codes <= 0x9FFF)) | ((codes >= 0xF900) & (codes <= 0xFAFF))
        alnum = (
            ((codes >= ord("0")) & (codes <= ord("9")))
            | ((codes >= ord("A")) & (codes <= ord("Z")))
            | ((codes >= ord("a")) & (codes <= ord("z")))
        )
        word_start = alnum.copy()
        word_start[1:] &= ~alnum[:-1]
        halves = han.astype(np.int64) * 2 + word_start.astype(np.int64) * 3
        # An array of machine integers: 8 bytes a character, and indexed from Python far faster than numpy.
        self.prefix = array("q", bytes(8))
        self.prefix.frombytes(np.cumsum(halves, dtype=np.int64).tobytes())

    def between(self, start: int, end: int) -> float:
        return (self.prefix[end] - self.prefix[start]) / 2

    def reach(self, start: int, units: float) -> int:
        """The first offset at which the text from ``start`` holds ``units`` reading units."""
        return bisect_left(self.prefix, self.prefix[start] + units * 2)


def _split_long(text: str, units: _Units, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than a passage at whitespace or commas, or failing that, by length."""
    pieces, cursor = [], start
    while units.between(cursor, end) > MAX_UNITS:
        limit = min(max(units.reach(cursor, MAX_UNITS), cursor + 1), end)
        cut = max(text.rfind(sep, cursor, limit) for sep in _SEPARATORS)
        cut = cut + 1 if cut > cursor else limit
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    return pieces


# A table row longer than this many passages' worth is cut after all, so one runaway cell cannot make a
# passage too long to search or cite.
MAX_ROW_PASSAGES = 4


# The longest line taken for a heading or a question that introduces the text after it.
LEAD_IN_UNITS = 30
_LEAD_IN_END = ("?", "？", ":", "：")
_SENTENCE_END = (".", "。", "!", "！", ";", "；")
_DIGIT = re.compile(r"\d")


def is_lead_in(line: str) -> bool:
    """Whether a short line introduces what follows it: a question ("狗牌要幾多錢？"), a label ending in a
    colon, or a heading (a few words with no full stop and no figures; "Fee: HK$120" is a fact)."""
    line = line.strip()
    if not line or "\n" in line or text_units(line) > LEAD_IN_UNITS:
        return False
    if line.endswith(_LEAD_IN_END):
        return True
    return not line.endswith(_SENTENCE_END) and text_units(line) <= 12 and not _DIGIT.search(line)


def _row_spans(text: str, units: _Units) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if units.between(start, end) > MAX_UNITS * MAX_ROW_PASSAGES:
            spans.extend(_split_long(text, units, start, end))
        else:
            spans.append((start, end))
        start = end + 1
    return spans


def chunk_page(page_number: int, text: str, *, offset: int = 0, rows: bool = False) -> list[Passage]:
    """Passages of a page's text. ``offset`` is where ``text`` starts in the page (when a running header
    was left out), so the passages' offsets point into the whole page. With ``rows``, each line is a table
    row and a passage of its own."""
    units = _Units(text)

    def passage(start: int, end: int) -> Passage:
        return Passage(page_number, start + offset, end + offset, text[start:end])

    if rows:
        return [passage(start, end) for start, end in _row_spans(text, units) if text[start:end].strip()]
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        spans.extend(_split_long(text, units, start, end))

    bounds: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous_end = last_start = 0  # the end of the span before the current passage's last, and its start
    for start, end in spans:
        if current and units.between(current[0], end) <= MAX_UNITS:
            current, previous_end, last_start = (current[0], end), current[1], start
            continue
        if current and last_start > current[0] and is_lead_in(text[last_start : current[1]]):
            # A heading or question goes with the text under it, not at the end of the passage before.
            bounds.append((current[0], previous_end))
            current = (last_start, end)
        else:
            if current:
                bounds.append(current)
            current = (start, end)
        previous_end, last_start = current[0], current[0]
    if current:
        # A short tail joins the previous passage, so no citation points at a lone line.
        if (
            bounds
            and units.between(*current) < MIN_UNITS
            and units.between(bounds[-1][0], current[1]) <= MAX_UNITS * 1.3
        ):
            current = (bounds.pop()[0], current[1])
        bounds.append(current)
    return [passage(start, end) for start, end in bounds if text[start:end].strip()]
