"""Split page text into passages at sentence boundaries, keeping each passage's offsets in its page."""

import re
from dataclasses import dataclass

from aiplus.core.language import HAN_RE, sentence_spans

# About 350 Chinese characters or 230 English words: long enough to answer a question, short enough
# that a citation points at the place.
MAX_UNITS = 350
MIN_UNITS = 60

_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Passage:
    page_number: int
    char_start: int
    char_end: int
    text: str


def text_units(text: str) -> float:
    """Length in reading units: a Chinese character is one, an English word one and a half."""
    return len(HAN_RE.findall(text)) + 1.5 * len(_WORD.findall(text))


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than a passage at whitespace or commas, or failing that, by length."""
    pieces, cursor = [], start
    while text_units(text[cursor:end]) > MAX_UNITS:
        limit = cursor
        while limit < end and text_units(text[cursor:limit]) < MAX_UNITS:
            limit += 10
        cut = max(text.rfind(sep, cursor, limit) for sep in (" ", "，", ",", "、"))
        cut = cut + 1 if cut > cursor else min(limit, end)
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    return pieces


def chunk_page(page_number: int, text: str) -> list[Passage]:
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        spans.extend(_split_long(text, start, end))
    passages: list[Passage] = []
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current and text_units(text[current[0] : end]) <= MAX_UNITS:
            current = (current[0], end)
            continue
        if current:
            passages.append(Passage(page_number, current[0], current[1], text[current[0] : current[1]]))
        current = (start, end)
    if current:
        last = Passage(page_number, current[0], current[1], text[current[0] : current[1]])
        # A short tail joins the previous passage, so no citation points at a lone line.
        if (
            passages
            and text_units(last.text) < MIN_UNITS
            and text_units(text[passages[-1].char_start : last.char_end]) <= MAX_UNITS * 1.3
        ):
            previous = passages.pop()
            last = Passage(
                page_number, previous.char_start, last.char_end, text[previous.char_start : last.char_end]
            )
        passages.append(last)
    return [p for p in passages if p.text.strip()]
