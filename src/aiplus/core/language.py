"""The language toolkit: script detection, Traditional/Simplified folding and conversion, and the terms
that the search index and queries are made of.

Chinese is folded to Simplified (OpenCC ``hk2s``) before segmentation, because jieba's dictionary is
Simplified and segments Traditional text badly; a Simplified and a Traditional spelling of the same words
then give the same terms. English words are lower-cased and stemmed (Snowball). Cantonese colloquial words
and a small English-Chinese glossary add extra query terms, so "點樣 renew 狗牌?" reaches a page that says
"續期" and "狗隻牌照".

It is also the one place for what every module needs of Chinese and spoken text: the Han character class
(``HAN``, ``has_han``, ``is_wide``), the sentence splitter (``sentence_spans``, ``split_sentences``) and the
cleaner of spoken text (``clean_spoken``, ``strip_opener``). Their word lists are files in ``core/lexicon``.
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


# The one definition of a Han (Chinese) character, for every module: the CJK Unified Ideographs with
# Extension A, the compatibility ideographs, and the two supplementary ideographic planes (Extensions B to H
# and the compatibility supplement, where rarer Hong Kong characters such as 𡃁 live). A character class body,
# to be written inside [...], alone or with other characters.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# CJK symbols and punctuation (、。「」〇) and the full-width forms (，！？（）ＡＢ１２), as character class bodies.
CJK_PUNCTUATION = "\u3000-\u303f"
FULL_WIDTH = "\uff00-\uffef"
HAN_RE = re.compile(f"[{HAN}]")
_WIDE_RE = re.compile(f"[{HAN}{CJK_PUNCTUATION}{FULL_WIDTH}]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
# A run of Han characters, or a run of Latin letters/digits (with inner apostrophes, dots or hyphens).
_TOKEN_RE = re.compile(f"([{HAN}]+)|([a-z0-9]+(?:['.\\-][a-z0-9]+)*)")

_lock = threading.Lock()


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    # OpenCC objects are not documented as thread-safe; conversions are fast, so serialise them.
    with _lock:
        return _converter(config).convert(text)


def warm_up() -> None:
    """Load the converters and the segmenter now (see ``aiplus.core.server.warm_up``)."""
    for config in ("hk2s", "s2hk", "s2t"):
        _converter(config)
    _jieba()


def to_simplified(text: str) -> str:
    return _convert("hk2s", text)


def to_traditional(text: str) -> str:
    """Simplified to Traditional Chinese with Hong Kong forms."""
    return _convert("s2hk", text)


def to_traditional_standard(text: str) -> str:
    """Simplified to Traditional with OpenCC's standard forms (``s2t``): no Hong Kong variants, so 公布 stays
    公布 where ``to_traditional`` writes 公佈."""
    return _convert("s2t", text)


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
    han = len(HAN_RE.findall(text))
    if han == 0 or len(_LATIN_WORD_RE.findall(text)) > han:
        return Script.ENGLISH
    traditional_marks = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    simplified_marks = sum(a != b for a, b in zip(text, to_traditional(text), strict=False))
    return Script.SIMPLIFIED if simplified_marks > traditional_marks else Script.TRADITIONAL


def language_of(text: str) -> str:
    """A document's language label for filters: en, zh-Hant, zh-Hans, or mixed when both are substantial."""
    han = len(HAN_RE.findall(text))
    latin_words = len(_LATIN_WORD_RE.findall(text))
    if han and latin_words and min(han / 2, latin_words) / max(han / 2, latin_words) > 0.3:
        return "mixed"
    return str(detect_script(text))


# Where one sentence ends and the next begins (the match is the sentence's last marks and the space after):
# Chinese or ASCII end punctuation with the closing quotes or brackets after it; English full stops followed
# by a space and a capital, a digit, a quote or a Han character (so not "15.3", "p.m. today" or "e.g. this");
# a blank line; a line break before a list item or a heading. Each alternative starts on a definite
# character and runs of marks are taken whole, so a scan is linear in the length of the text.
_CLOSERS = "」』）〉》】)\\]\"'”’"
_SENTENCE_MARKS = (
    rf"[。！？!?；;]++[{_CLOSERS}]*+"
    rf"|(?<!\.)\.++[{_CLOSERS}]*+(?=\s++[A-Z0-9\"'“‘(（「{HAN}])"
    r"|(?=\n[ \t]*+\n)"
    r"|(?=\n[ \t]*+(?:[-*•#]|\d+[.)]))"
)
_SENTENCE_BREAK_RE = re.compile(rf"(?:{_SENTENCE_MARKS})(?P<space>\s*+)")
_LINE_BREAK_RE = re.compile(rf"(?:{_SENTENCE_MARKS}|(?=\n))(?P<space>\s*+)")
_WORD_BEFORE_RE = re.compile(r"[A-Za-z](?:[A-Za-z.]*[A-Za-z])?$")
# An enumerator before a full stop ("1.", "b.", "iv."): the start of a list item, not a sentence.
_ENUMERATOR_RE = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in lexicon_words("abbreviations.tsv"))


def sentence_spans(text: str, *, lines: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line-like block of English, Chinese or mixed text, in order; the
    one sentence splitter of aiplus. Spans hold no surrounding space. A full stop after a title or a short
    form ("Mr.", "Cap.", see ``lexicon/abbreviations.tsv``) or an enumerator ("1.") does not end a sentence.
    With ``lines``, every line break ends one too (a table's rows, a list without marks)."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in (_LINE_BREAK_RE if lines else _SENTENCE_BREAK_RE).finditer(text, start):
        end = match.start("space")
        if text[match.start()] == "." and _not_a_full_stop(text, start, match.start()):
            continue
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        start = match.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def _not_a_full_stop(text: str, sentence_start: int, at: int) -> bool:
    """Whether the full stop at ``at`` closes a short form or an enumerator rather than a sentence."""
    if at - sentence_start <= 6 and _ENUMERATOR_RE.fullmatch(text[sentence_start:at].strip()):
        return True
    word = _WORD_BEFORE_RE.search(text[max(sentence_start, at - 12) : at])
    return bool(word) and word.group().lower() in _abbreviations()


def split_sentences(text: str, *, lines: bool = False) -> list[str]:
    """The sentences of a text (see ``sentence_spans``)."""
    return [text[start:end] for start, end in sentence_spans(text, lines=lines)]


def word_count(text: str) -> int:
    """Length of a text in words, counting each Han character as one word (as is usual for Chinese)."""
    return len(HAN_RE.findall(text)) + len(_LATIN_WORD_RE.findall(text))


def normalise(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


# --- terms -------------------------------------------------------------------------------------------


def read_lexicon(name: str) -> list[list[str]]:
    """The rows of a tab-separated word list in ``core/lexicon``, comments and blank lines left out."""
    rows = []
    for line in resources.files("aiplus.core.lexicon").joinpath(name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([cell.strip() for cell in line.split("\t") if cell.strip()])
    return rows


def lexicon_words(name: str) -> list[str]:
    """Every word of a word list in ``core/lexicon``."""
    return [word for row in read_lexicon(name) for word in row]


@cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for row in read_lexicon("stopwords.tsv"):
        words.update(to_simplified(normalise(word)) for word in row)
    return frozenset(words)


@cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for row in read_lexicon("cantonese.tsv") + read_lexicon("glossary.tsv"):
        for word in row:
            if HAN_RE.search(word):
                tokenizer.add_word(to_simplified(word), freq=2000)
    return tokenizer


_stemmers = threading.local()


def _stemmer():
    """This thread's English stemmer: a snowball stemmer keeps the word it works on in the object, so two
    threads sharing one garble each other's words (an IndexError under 20 concurrent chat users)."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer


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
    for row in read_lexicon("cantonese.tsv") + read_lexicon("glossary.tsv"):
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


PASSAGE_CACHE_SIZE = 8192


@lru_cache(maxsize=PASSAGE_CACHE_SIZE)
def sentence_phrase_pairs(text: str) -> tuple[frozenset[str], ...]:
    """The phrases of each sentence of a passage. Cached: the same passages come back to the re-rank query
    after query, and folding and splitting them was most of a search's time (bench/chat_api.py)."""
    return tuple(frozenset(phrase_pairs(sentence)) for sentence in split_sentences(text, lines=True))


@lru_cache(maxsize=PASSAGE_CACHE_SIZE)
def passage_terms(text: str) -> frozenset[str]:
    """The distinct search terms of a passage (``index_terms``), cached for the same reason."""
    return frozenset(index_terms(text))


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
    wanted = weights.keys()

    def share(found: set[str]) -> float:
        return sum(weights[phrase] for phrase in found) / total

    def score(text: str) -> float:
        if not total:
            return 0.0
        # Each sentence's phrases that the query has: a few, where a sentence has dozens.
        sentences = [pairs & wanted for pairs in sentence_phrase_pairs(text)]
        if not sentences:
            return 0.0
        best_one = max(share(found) for found in sentences)
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

_WEB_ADDRESS = r"(?:https?://|www\.)\S+"
_WEB_ADDRESS_ALONE_RE = re.compile(rf"[<(]?{_WEB_ADDRESS}")
# Web and e-mail addresses are read aloud in any language, so they do not count as English words.
_ADDRESS_RE = re.compile(rf"{_WEB_ADDRESS}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def is_web_address(text: str) -> bool:
    """Whether the text is a web address and nothing else (perhaps in brackets)."""
    return _WEB_ADDRESS_ALONE_RE.fullmatch(text) is not None


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
    han = len(HAN_RE.findall(text))
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


# --- Cantonese as written Chinese ------------------------------------------------------------------------


@cache
def _written_words() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    """Cantonese words and their written Chinese (``lexicon/cantonese_written.tsv``), the pattern finding
    them (longest first) and the pattern of particles ending a clause (``lexicon/cantonese_particles.tsv``)."""
    words = {row[0]: row[1] for row in read_lexicon("cantonese_written.tsv")}
    found = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    particles = "|".join(map(re.escape, lexicon_words("cantonese_particles.tsv")))
    return words, found, re.compile(rf"(?:{particles})+(?=[，。！？,.!?]|$)")


def written_chinese(text: str) -> str:
    """Cantonese as written Chinese, in Hong Kong Traditional characters (minutes are written, not spoken;
    an FAQ question is matched in the words its entries are written in). English passes through."""
    words, found, particles = _written_words()
    text = particles.sub("", text)
    text = found.sub(lambda match: words[match.group()], text)
    return convert_script(text, Script.TRADITIONAL)


# --- spoken text ------------------------------------------------------------------------------------------

# Full-width digits and letters as typed by Chinese input methods ("ＦＡＱ", "１２"), and curly apostrophes.
_SPOKEN_FOLD = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B)]} | {
    code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)
}
_SPOKEN_FOLD |= {ord("’"): "'", ord("‘"): "'"}
_STUTTER_RE = re.compile(r"\b(\w+)(?:[ ,]+\1\b)+", re.I)  # "the the", "we, we", "我 我"
_SPACE_BEFORE_RE = re.compile(r"\s+([,.?!;:，。？！；：])")
_ORPHAN_COMMA_RE = re.compile(r"[,，]\s*([.?!;。？！；])")  # "so, ." after "so, um."
_LEADING_MARKS_RE = re.compile(r"^[\s,，、.。]+")


def _alternatives(words: list[str], *, held: bool) -> str:
    """A regex alternation of lexicon words, longest first. A word ending in a comma matches only with its
    comma; with ``held``, the last letter of a single word may be held ("ummm")."""
    patterns = []
    for word in sorted(set(words), key=len, reverse=True):
        if word.endswith((",", "，")):
            patterns.append(re.escape(word[:-1]) + "[,，]")
        elif held and word.isalpha() and word.isascii():
            patterns.append(re.escape(word) + "+")
        else:
            patterns.append(r"\s+".join(map(re.escape, word.split())))
    return "|".join(patterns)


@cache
def _spoken_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(sound marks, English fillers, Chinese fillers) from ``sound_marks.tsv`` and ``fillers.tsv``."""
    marks = _alternatives(lexicon_words("sound_marks.tsv"), held=False)
    fillers = lexicon_words("fillers.tsv")
    latin = [word for word in fillers if not HAN_RE.search(word)]
    han = [word for word in fillers if HAN_RE.search(word)]
    return (
        re.compile(rf"\{{[^{{}}\n]{{0,40}}\}}|\[[^\[\]\n]{{0,30}}\]|<[^<>\n]{{1,20}}>|\((?:{marks})\)", re.I),
        re.compile(rf"(?<![\w'])(?:{_alternatives(latin, held=True)})(?![\w'])[ ,]*", re.I),
        re.compile(rf"(?:{_alternatives(han, held=False)})+[，,、 ]*"),
    )


def clean_spoken(text: str) -> str:
    """Spoken text as minutes quote it: without transcription marks ("{vocalsound}", "[laughter]",
    "(inaudible)"), fillers ("um", "you know", "嗯", see ``lexicon/fillers.tsv``) and stutters ("the the"),
    with full-width letters and digits made plain and no space before punctuation; the one cleaner of
    speech in aiplus."""
    marks, english, chinese = _spoken_patterns()
    text = text.translate(_SPOKEN_FOLD)
    text = marks.sub(" ", text)
    text = english.sub("", text)
    text = chinese.sub("", text)
    text = _STUTTER_RE.sub(r"\1", text)
    text = _SPACE_BEFORE_RE.sub(r"\1", text)
    text = _ORPHAN_COMMA_RE.sub(r"\1", text)
    text = _LEADING_MARKS_RE.sub("", re.sub(r"\s+", " ", text))
    return text.rstrip(" ,，、")


@cache
def _opener_re() -> re.Pattern:
    words = lexicon_words("openers.tsv")
    latin = _alternatives([w for w in words if not HAN_RE.search(w)], held=False)
    han = _alternatives([w for w in words if HAN_RE.search(w)], held=False)
    return re.compile(rf"^(?:(?:{latin})\b[ ,]*|(?:{han})[，, ]*)+", re.I)


def strip_opener(sentence: str) -> str:
    """A spoken sentence without the words that only open it ("So, okay, the pool…" → "the pool…", "咁我哋…"
    → "我哋…"; see ``lexicon/openers.tsv``)."""
    return _opener_re().sub("", sentence)


def has_han(text: str) -> bool:
    """Whether a text holds a Han character (see ``HAN``)."""
    return bool(HAN_RE.search(text))


def is_wide(character: str) -> bool:
    """A Han character, CJK punctuation or a full-width form: text beside it is written without a space."""
    return bool(_WIDE_RE.match(character))
