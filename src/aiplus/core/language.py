"""The language toolkit: script detection, Traditional/Simplified folding and conversion, and the terms
that the search index and queries are made of.

Chinese is folded to Simplified (OpenCC ``hk2s``) before segmentation, because jieba's dictionary is
Simplified and segments Traditional text badly; a Simplified and a Traditional spelling of the same words
then give the same terms. English words are lower-cased and stemmed (Snowball). Cantonese colloquial words
and a small English-Chinese glossary add extra query terms, so "點樣 renew 狗牌?" reaches a page that says
"續期" and "狗隻牌照".
"""

import math
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise


class Script(StrEnum):
    ENGLISH = "en"
    TRADITIONAL = "zh-Hant"
    SIMPLIFIED = "zh-Hans"


_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_HAN_RE = re.compile(f"[{_HAN}]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
# A run of Han characters, or a run of Latin letters/digits (with inner apostrophes, dots or hyphens).
_TOKEN_RE = re.compile(f"([{_HAN}]+)|([a-z0-9]+(?:['.\\-][a-z0-9]+)*)")

_lock = threading.Lock()


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    # OpenCC objects are not documented as thread-safe; conversions are fast, so serialise them.
    with _lock:
        return _converter(config).convert(text)


def to_simplified(text: str) -> str:
    return _convert("hk2s", text)


def to_traditional(text: str) -> str:
    """Simplified to Traditional Chinese with Hong Kong forms."""
    return _convert("s2hk", text)


def convert_script(text: str, script: Script) -> str:
    """Write Chinese text in the asked script; English text passes through unchanged."""
    if script == Script.TRADITIONAL:
        return to_traditional(text)
    if script == Script.SIMPLIFIED:
        return to_simplified(text)
    return text


def detect_script(text: str) -> Script:
    """English, Traditional or Simplified Chinese, from counts of characters.

    A text is Chinese when its Han characters are at least as many as its English words, so code-mixed
    Cantonese ("請把meeting minutes send俾我") is Chinese and an English sentence naming a place in Chinese
    is English. Traditional vs Simplified
    compares how many characters ``hk2s`` changes with how many ``s2hk`` changes.
    """
    han = len(_HAN_RE.findall(text))
    if han == 0 or len(_LATIN_WORD_RE.findall(text)) > han:
        return Script.ENGLISH
    traditional_marks = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    simplified_marks = sum(a != b for a, b in zip(text, to_traditional(text), strict=False))
    return Script.SIMPLIFIED if simplified_marks > traditional_marks else Script.TRADITIONAL


def language_of(text: str) -> str:
    """A document's language label for filters: en, zh-Hant, zh-Hans, or mixed when both are substantial."""
    han = len(_HAN_RE.findall(text))
    latin_words = len(_LATIN_WORD_RE.findall(text))
    if han and latin_words and min(han / 2, latin_words) / max(han / 2, latin_words) > 0.3:
        return "mixed"
    return str(detect_script(text))


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])\s*|(?<=[.!?])\s+|\n\s*\n+|\n(?=\s*(?:[-*•#]|\d+[.)]))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line-like block, in order."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start and match.start() >= start:
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def word_count(text: str) -> int:
    """Length of a text in words, counting each Han character as one word (as is usual for Chinese)."""
    return len(_HAN_RE.findall(text)) + len(_LATIN_WORD_RE.findall(text))


def normalise(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


# --- terms -------------------------------------------------------------------------------------------


def _read_lexicon(name: str) -> list[list[str]]:
    rows = []
    for line in resources.files("aiplus.core.lexicon").joinpath(name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([cell.strip() for cell in line.split("\t") if cell.strip()])
    return rows


def lexicon_words(name: str) -> list[str]:
    """Every word of a word list in ``core/lexicon``."""
    return [word for row in _read_lexicon(name) for word in row]


@cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for row in _read_lexicon("stopwords.tsv"):
        words.update(to_simplified(normalise(word)) for word in row)
    return frozenset(words)


@cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for row in _read_lexicon("cantonese.tsv") + _read_lexicon("glossary.tsv"):
        for word in row:
            if _HAN_RE.search(word):
                tokenizer.add_word(to_simplified(word), freq=2000)
    return tokenizer


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def _han_terms(run: str) -> tuple[str, ...]:
    """Terms of a run of (Simplified-folded) Han characters: jieba words, their dictionary sub-words, and
    single characters of words jieba could not split, so unknown names still match by their characters.

    Short runs are cached: tables, lists and forms repeat the same few characters thousands of times, and
    each jieba call costs a fixed fraction of a millisecond however short the run."""
    if len(run) == 1:
        return (run,)
    return _short_han_terms(run) if len(run) <= SHORT_RUN else _segment_han(run)


SHORT_RUN = 8


def _segment_han(run: str) -> tuple[str, ...]:
    terms: list[str] = []
    for word in _jieba().cut_for_search(run, HMM=True):
        terms.append(word)
        if len(word) > 2 and not _jieba().FREQ.get(word):
            terms.extend(word)
    return tuple(terms)


_short_han_terms = lru_cache(maxsize=50_000)(_segment_han)


def index_terms(text: str) -> list[str]:
    """The search terms of a text, in order, with stop words removed."""
    folded = to_simplified(normalise(text))
    stop = _stopwords()
    terms: list[str] = []
    for han, latin in _TOKEN_RE.findall(folded):
        if han:
            terms.extend(t for t in _han_terms(han) if t not in stop)
        elif latin not in stop:
            terms.append(_stem(latin) if latin.isalpha() else latin)
    return terms


@dataclass(frozen=True)
class QueryTerm:
    term: str
    weight: float


@cache
def _expansions() -> dict[str, tuple[str, ...]]:
    """Cantonese colloquial words and English glossary words, mapped to the terms of their equivalents."""
    table: dict[str, set[str]] = {}
    for row in _read_lexicon("cantonese.tsv") + _read_lexicon("glossary.tsv"):
        keys = [" ".join(index_terms(cell)) for cell in row]
        for key in keys:
            if key:
                table.setdefault(key, set()).update(k for k in keys if k and k != key)
    return {key: tuple(sorted(values)) for key, values in table.items()}


EXPANSION_WEIGHT = 0.6


def query_terms(text: str) -> list[QueryTerm]:
    """Weighted terms for a query: its own terms, plus Cantonese and glossary equivalents at lower weight.

    An expansion key may span several terms (e.g. "opening hours"), so terms are matched as a sequence.
    """
    terms = index_terms(text)
    weights: dict[str, float] = {}
    for term in terms:
        weights[term] = weights.get(term, 0.0) + 1.0
    table = _expansions()
    for size in (3, 2, 1):
        for start in range(len(terms) - size + 1):
            for equivalent in table.get(" ".join(terms[start : start + size]), ()):
                for term in equivalent.split():
                    weights.setdefault(term, EXPANSION_WEIGHT)
    return [QueryTerm(term, weight) for term, weight in weights.items()]


def _pairs(folded: str) -> set[str]:
    """Short phrases of a folded text: Chinese character pairs (across word boundaries, so they need no
    segmentation) and English stemmed words."""
    pairs: set[str] = set()
    stop = _stopwords()
    for han, latin in _TOKEN_RE.findall(folded):
        if han:
            pairs.update(han[i : i + 2] for i in range(len(han) - 1))
        elif latin not in stop:
            pairs.add(_stem(latin) if latin.isalpha() else latin)
    return pairs


def phrase_pairs(text: str) -> set[str]:
    """The phrases a text is matched on in the second stage of search (see ``phrase_coverage_scorer``)."""
    return _pairs(to_simplified(normalise(text)))


# Sentence ends: Chinese and ASCII full stops, question and exclamation marks, semicolons, line breaks.
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[。！？；!?;\n])|(?<=\.)\s+")


def phrase_weights(query: str, document_frequency: Callable[[str], int], documents: int) -> dict[str, float]:
    """The query's phrases, each weighted by its rarity in the collection (BM25's IDF), so a rare name
    counts for more than a question word such as "哪一"."""
    return {
        phrase: math.log1p((documents - df + 0.5) / (df + 0.5))
        for phrase in phrase_pairs(query)
        if (df := min(document_frequency(phrase), documents)) < documents
    }


def phrase_coverage_scorer(weights: dict[str, float]) -> Callable[[str], float]:
    """A function scoring how much of the query's weighted phrasing a text repeats, from 0 to 3: the share
    found anywhere in the text, plus the share found in its best sentence, plus in its best two adjacent
    sentences.

    BM25 treats words independently; when several passages share the same words (paragraphs of one
    article), the one that answers is usually the one repeating the question's phrases close together.
    Measured on DRCD (bench/retrieval.py), this lifts Recall@1 from 0.916 (BM25 alone) to about 0.944.
    """
    total = sum(weights.values())

    def share(pairs: set[str]) -> float:
        return sum(weight for phrase, weight in weights.items() if phrase in pairs) / total

    def score(text: str) -> float:
        if not total:
            return 0.0
        sentences = [_pairs(s) for s in _SENTENCE_SPLIT_RE.split(to_simplified(normalise(text))) if s.strip()]
        if not sentences:
            return 0.0
        best_one = max(share(pairs) for pairs in sentences)
        best_two = max((share(a | b) for a, b in pairwise(sentences)), default=best_one)
        return share(set().union(*sentences)) + best_one + best_two

    return score


# --- the language of one spoken segment --------------------------------------------------------------

# Characters of written Cantonese that standard written Chinese does without (Traditional and Simplified).
_CANTONESE_MARKERS = frozenset("嘅咗喺唔佢哋嚟冇啲嘢乜咁噉緊紧俾畀嗰吓啱㗎喎囉啰嘛吖")
# Standard written words that contain a marker character; removed before counting.
_WRITTEN_WORDS_RE = re.compile(
    "緊急|緊密|緊張|緊迫|緊貼|緊縮|緊湊|緊要|要緊|收緊|抓緊|加緊|趕緊|吃緊|"
    "紧急|紧密|紧张|紧迫|紧贴|紧缩|紧凑|紧要|要紧|收紧|抓紧|加紧|赶紧|吃紧|"
    "俾使|俾便|俾能|俾得|畀予|恐吓|吓唬|惊吓|吓人|幹嘛|干嘛"
)

# Web and e-mail addresses are read aloud in any language, so they do not count as English words.
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def segment_language(text: str) -> str:
    """The language of one spoken segment: "en", "zh-Hant", "zh-Hans", "yue" (written Cantonese), or "mixed"
    when Latin words and Han characters are both substantial ("我哋 next week 再 follow up"); "" when the text
    has neither letters nor Han characters. Web and e-mail addresses are left out of the count.

    Mixed is told as in ``language_of`` (about two Han characters to an English word), with at least two
    English words, so one borrowed term ("個 budget") leaves the segment Chinese. Cantonese is told by its
    written markers (嘅 咗 喺 唔 佢 哋 …), once standard words holding the same characters (緊急, 恐吓, 幹嘛) are
    set aside.
    """
    text = _ADDRESS_RE.sub(" ", text)
    han = len(_HAN_RE.findall(text))
    latin_words = len(_LATIN_WORD_RE.findall(text))
    if not han:
        return str(Script.ENGLISH) if latin_words else ""
    if latin_words >= 2 and han >= 2 and min(han / 2, latin_words) / max(han / 2, latin_words) > 0.3:
        return "mixed"
    script = detect_script(text)
    if script == Script.ENGLISH:
        return str(script)
    spoken = _WRITTEN_WORDS_RE.sub("", text)
    if any(char in _CANTONESE_MARKERS for char in spoken):
        return "yue"
    return str(script)
