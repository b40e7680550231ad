"""How alike two tasks are: Dice of character pairs (Traditional/Simplified folded) for Chinese, of
stemmed content words for English."""

import re
from functools import cache, lru_cache

from aiplus.core.language import HAN, has_han, to_simplified
from aiplus.meetings.actions.tables import word_set


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@cache
def _stop_words() -> frozenset[str]:
    return word_set("stop_words_en")


@cache
def stem(word: str) -> str:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord(word)


def _fold(text: str) -> str:
    return to_simplified(text.lower())


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD_RE.findall(text.lower()) if w not in _stop_words())


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    chars = re.sub(rf"[^a-z0-9{HAN}]", "", _fold(text))
    return frozenset({chars[i : i + 2] for i in range(len(chars) - 1)} or ({chars} if chars else set()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def task_similarity(a: str, b: str) -> float:
    """How alike two tasks are, from 0 to 1: Dice of character pairs (Traditional/Simplified folded) when
    either is Chinese, else Dice of content words (lower-cased, crudely stemmed)."""
    if has_han(a) or has_han(b):
        return _dice(_bigrams(a), _bigrams(b))
    return _dice(content_words(a), content_words(b))


def overlap(a: str, b: str) -> float:
    """How much of the shorter task the longer one contains (character pairs or content words)."""
    if has_han(a) or has_han(b):
        x, y = _bigrams(a), _bigrams(b)
    else:
        x, y = content_words(a), content_words(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0
