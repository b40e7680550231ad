"""Text helpers of the action detector: cleaning a spoken segment, cutting it into sentences, and how alike
two tasks are.

The Han range, the sentence splitter and the spoken-text cleaner live here, in one module, until
``aiplus.core.language`` offers shared ones to swap in."""

import re
from functools import cache, lru_cache

from aiplus.core.language import to_simplified

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")

# --- cleaning ---------------------------------------------------------------------------------------------

_MARK_RE = re.compile(
    r"\{[^}]*\}|\[[^\]]{0,30}\]|\((?:inaudible|crosstalk|laughs?|laughter|pause|silence)\)|<[^>]{1,20}>", re.I
)
_EN_FILLER_RE = re.compile(r"(?<![\w'])(?:um+|uh+|umm+|hmm+|mm+|erm|er|ah+|eh)(?![\w'])[ ,.]*", re.I)
_ZH_FILLER_RE = re.compile(r"[嗯呃誒]+[，,、 ]*")
_REPEAT_RE = re.compile(r"\b(\w+)(?:[ ,]+\1\b)+", re.I)
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)} | {
    code: code - 0xFEE0 for code in range(0xFF21, 0xFF5B)
}


def _clean(text: str) -> str:
    text = text.translate(_FULLWIDTH).replace("’", "'").replace("‘", "'")
    text = _MARK_RE.sub(" ", text)
    text = _EN_FILLER_RE.sub("", text)
    text = _ZH_FILLER_RE.sub("", text)
    text = _REPEAT_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,，、")


_SENTENCE_RE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*|[。！？!?；;]+")


def _sentences(text: str) -> list[str]:
    """Sentences of a cleaned segment; an English full stop ends one only when a space or the end follows
    (not in "15.3" or "p.m.")."""
    out: list[str] = []
    for part in _SENTENCE_RE.findall(text):
        for piece in re.split(
            rf"(?<=[a-z0-9)\"'])\.(?:\s+|$)(?=[A-Z0-9\"'(]|$|[{_HAN}])|(?<=[{_HAN}])\.(?:\s+|$)", part
        ):
            piece = piece.strip()
            if piece and re.search(rf"[A-Za-z0-9{_HAN}]", piece):
                out.append(piece)
    return out


def _has_han(text: str) -> bool:
    return bool(_HAN_RE.search(text))


# --- similarity -------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """a an the to of for on in at by with and or but from into onto about up out it its this that these
    those them they we you i me my our your us be is are was were been will would can could shall should
    please also then just some any all each so as if not no do does did done get got have has had make
    sure let lets let's go going ok okay thing things one ahead i'll we'll you'll it's that's i'm we're you're
    don't can't won't i'd we'd let's there's what's he'll she'll they'll"""
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@cache
def _stem(word: str) -> str:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord(word)


def _fold(text: str) -> str:
    return to_simplified(text.lower())


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD_RE.findall(text.lower()) if w not in _STOP)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    chars = re.sub(rf"[^a-z0-9{_HAN}]", "", _fold(text))
    return frozenset({chars[i : i + 2] for i in range(len(chars) - 1)} or ({chars} if chars else set()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def task_similarity(a: str, b: str) -> float:
    """How alike two tasks are, from 0 to 1: Dice of character pairs (Traditional/Simplified folded) when
    either is Chinese, else Dice of content words (lower-cased, crudely stemmed)."""
    if _has_han(a) or _has_han(b):
        return _dice(_bigrams(a), _bigrams(b))
    return _dice(_content_words(a), _content_words(b))


def _overlap(a: str, b: str) -> float:
    """How much of the shorter task the longer one contains (character pairs or content words)."""
    if _has_han(a) or _has_han(b):
        x, y = _bigrams(a), _bigrams(b)
    else:
        x, y = _content_words(a), _content_words(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0
