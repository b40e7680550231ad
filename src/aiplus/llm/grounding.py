"""The grounding check every generated text passes before it is shown as grounded: each sentence cites
sources that exist, and shares at least a third of its terms with what it cites.

Used by cited answers (sources are search passages [1], [2], …) and by generated minutes (sources are
transcript segments, cited by their numbers).
"""

import re

from aiplus.core.language import index_terms, sentence_spans

CITATION_RE = re.compile(r"\[(\d{1,5})\]")
SUPPORT_SHARE = 1 / 3


def supported(claim: str, cited_texts: list[str]) -> bool:
    """Whether a claim (without its citation marks) shares enough terms with the texts it cites."""
    terms = set(index_terms(CITATION_RE.sub("", claim)))
    if not terms or not cited_texts:
        return False
    support = set().union(*(index_terms(text) for text in cited_texts))
    return len(terms & support) >= len(terms) * SUPPORT_SHARE


def check(text: str, sources: dict[int, str]) -> tuple[bool, set[int]]:
    """(grounded, cited source numbers) of a text whose sentences cite ``sources`` as [n]."""
    cited: set[int] = set()
    sentences: list[str] = []
    for start, end in sentence_spans(text):
        piece = text[start:end].strip()
        if index_terms(CITATION_RE.sub("", piece)):
            sentences.append(piece)
        elif sentences:  # "…a year. [1]": the citation belongs to the sentence before it
            sentences[-1] += " " + piece
    if not sentences:
        return False, cited
    for sentence in sentences:
        numbers = {int(n) for n in CITATION_RE.findall(sentence)}
        if not numbers or any(n not in sources for n in numbers):
            return False, cited
        cited |= numbers
        if not supported(sentence, [sources[n] for n in numbers]):
            return False, cited
    return True, cited
