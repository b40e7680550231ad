"""Running headers and footers: lines repeated at the top or bottom of most pages, left out of passages.

A PDF's text layer (or a scan's OCR) carries the department's name and "Page 3" on every page; inside a
passage they interrupt the sentence that runs across the break and make every passage of the document
look alike to search. A line counts as running when, with its numbers ignored ("第 1 頁" and "第 2 頁" are
one line), it is among the first or last few lines of at least half the pages (and of two at least). Only
lines at the edges of a page are left out, so each page's body is one stretch of its text: the page itself,
as stored and shown, keeps them, and passage offsets still point into it.
"""

import re
from collections import Counter
from dataclasses import dataclass

from aiplus.documents.parsers import PageText

EDGE_LINES = 2  # lines looked at, at the top and at the bottom of each page
MIN_SHARE = 0.5
_NUMBER = re.compile(r"\d+")
_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class PageBody:
    page_number: int
    start: int  # where the body starts in the page's text
    text: str
    rows: bool = False  # table rows (see ``PageText.rows``)


def _key(line: str) -> str:
    return " ".join(_NUMBER.sub("#", line).split())


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its line break."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\n")
        if line.strip():
            spans.append((match.start(), match.start() + len(line)))
    return spans


def _edges(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return spans[:EDGE_LINES] + spans[max(EDGE_LINES, len(spans) - EDGE_LINES) :]


def interior(text: str) -> tuple[int, int]:
    """Start and end of the text between its first and last ``EDGE_LINES`` lines, where running headers and
    footers would be; (end, end) for a page with no more lines than that."""
    spans = _lines(text)
    if len(spans) <= 2 * EDGE_LINES:
        return len(text), len(text)
    return spans[EDGE_LINES - 1][1], spans[-EDGE_LINES][0]


def page_bodies(pages: list[PageText]) -> list[PageBody]:
    """Each page's text without the running headers and footers at its edges."""
    # Table rows are never running lines: sheets may well end alike ("Total: 120", "Total: 300").
    paged = [page for page in pages if not page.rows]
    lines = {page.number: _lines(page.text) for page in paged}
    seen: Counter[str] = Counter()
    for page in paged:
        seen.update({_key(page.text[a:b]) for a, b in _edges(lines[page.number])})
    needed = max(2, MIN_SHARE * len(paged))
    running = {key for key, count in seen.items() if count >= needed}
    bodies = []
    for page in pages:
        if page.rows:
            bodies.append(PageBody(page.number, 0, page.text, rows=True))
            continue
        spans = lines[page.number]
        first, last = 0, len(spans)
        while first < min(EDGE_LINES, last) and _key(page.text[slice(*spans[first])]) in running:
            first += 1
        while (
            last > max(first, len(spans) - EDGE_LINES) and _key(page.text[slice(*spans[last - 1])]) in running
        ):
            last -= 1
        if first == last:
            continue  # nothing but running lines, or nothing at all
        start, end = spans[first][0], spans[last - 1][1]
        bodies.append(PageBody(page.number, start, page.text[start:end]))
    if not bodies:
        # Every line of every page repeats (a form filled in alike on each page): that is the document's
        # text, not a header, so it is kept whole rather than left with nothing to search.
        return [PageBody(page.number, 0, page.text, rows=page.rows) for page in pages]
    return bodies
