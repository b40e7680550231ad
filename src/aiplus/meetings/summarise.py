"""Model-free summarising of a meeting: clean spoken sentences, find where the topic changes, pick the key
sentences with redundancy control, and write them up in reported speech as a secretary would.

Works on English, written Chinese, Cantonese and a mix: sentence terms come from the same bilingual
toolkit as search (``core.language.index_terms``: Traditional/Simplified folded, jieba on Chinese,
stemmed English), with the fillers of conversation removed.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from aiplus.core.language import index_terms, lexicon_words, word_count
from aiplus.meetings.transcript import Segment

# Sound and transcription marks: {vocalsound}, [laughter], (inaudible), <unk>.
_MARK_RE = re.compile(
    r"\{[^}]*\}|\[[a-z _-]+\]|\((?:inaudible|crosstalk|laughs?|laughter|pause)\)|<[a-z]+>", re.I
)
_EN_FILLER_RE = re.compile(
    r"\b(?:um+|uh+|hmm+|mm+|erm?|ah+|you know|i mean|sort of|kind of|basically|actually|like,)(?=\W|$)[ ,]*",
    re.I,
)
_ZH_FILLER_RE = re.compile(r"[嗯呃誒]+[，,、]?|^(?:咁|咁樣|即係|所以呢|然後呢|嗱)[，, ]*")
_REPEAT_RE = re.compile(r"\b(\w+)(?:[ ,]+\1\b)+", re.I)  # "the the", "we, we"
_SPACE_BEFORE_RE = re.compile(r"\s+([,.?!;:，。？！；：])")
_SENTENCE_RE = re.compile(r"[^。！？!?.]+(?:[。！？!?]+|\.(?!\d)|$)")
_LEADING_RE = re.compile(r"^(?:so|and|but|well|okay|ok|yeah|yes|right|oh|alright|now|then)\b[ ,]*", re.I)


# Sentence length bounds for key sentences, in words (a Han character counts as a word).
MIN_WORDS, MAX_WORDS = 8, 45


@dataclass
class Sentence:
    segment: int  # index of the transcript segment it came from
    speaker: str
    text: str
    words: int
    terms: Counter = field(default_factory=Counter)
    chinese: bool = False


def clean(text: str) -> str:
    """Spoken text without transcription marks, fillers and stutters."""
    text = _MARK_RE.sub(" ", text)
    text = _EN_FILLER_RE.sub("", text)
    text = _ZH_FILLER_RE.sub("", text)
    text = _REPEAT_RE.sub(r"\1", text)
    text = _SPACE_BEFORE_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,，、")


@cache
def _chat_terms() -> frozenset[str]:
    """The chat words as index terms (stemmed, folded), to compare with a sentence's terms."""
    words = frozenset(lexicon_words("conversation.tsv"))
    return words | frozenset(term for word in words for term in index_terms(word))


def _topic_terms(text: str) -> Counter:
    chat = _chat_terms()
    return Counter(t for t in index_terms(text) if t not in chat and not t.isdigit() and len(t) > 1)


def sentences(segments: list[Segment]) -> list[Sentence]:
    """The cleaned sentences of a transcript, in order, each knowing its segment and speaker."""
    out = []
    for segment in segments:
        text = clean(segment.text)
        for match in _SENTENCE_RE.finditer(text):
            sentence = _LEADING_RE.sub("", match.group().strip(" ,，"))
            if not sentence:
                continue
            count = word_count(sentence)
            chinese = len(re.findall(r"[\u3400-\u9fff]", sentence)) * 2 > count
            out.append(
                Sentence(segment.index, segment.speaker, sentence, count, _topic_terms(sentence), chinese)
            )
    return out


class _Space:
    """TF-IDF vectors of sentences within one meeting."""

    def __init__(self, items: list[Sentence]):
        frequency = Counter()
        for sentence in items:
            frequency.update(sentence.terms.keys())
        n = max(len(items), 1)
        self.idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in frequency.items()}

    def vector(self, terms: Counter) -> dict[str, float]:
        return {term: count * self.idf.get(term, 0.0) for term, count in terms.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def topic_boundaries(items: list[Sentence], *, topics: int | None = None, block: int = 12) -> list[int]:
    """Sentence indexes where a new topic starts (always beginning with 0), by lexical cohesion: the depth
    of each dip in similarity between the ``block`` sentences before and after a gap (TextTiling).

    Without a number of topics, one topic per 1,500 words or so, between 1 and 8.
    """
    n = len(items)
    if topics is None:
        topics = max(1, min(8, round(sum(s.words for s in items) / 1500)))
    if topics <= 1 or n < 2 * block:
        return [0]
    space = _Space(items)
    vectors = [space.vector(s.terms) for s in items]

    def window(start: int, end: int) -> dict[str, float]:
        total: dict[str, float] = {}
        for vector in vectors[max(start, 0) : min(end, n)]:
            for term, value in vector.items():
                total[term] = total.get(term, 0.0) + value
        return total

    gaps = list(range(block, n - block + 1))
    similarity = [_cosine(window(g - block, g), window(g, g + block)) for g in gaps]
    depth = []
    for i, value in enumerate(similarity):
        left = max(similarity[: i + 1])
        right = max(similarity[i:])
        depth.append(left + right - 2 * value)
    chosen: list[int] = []
    for i in sorted(range(len(gaps)), key=lambda i: -depth[i]):
        if len(chosen) == topics - 1:
            break
        if all(abs(gaps[i] - c) >= block for c in chosen):
            chosen.append(gaps[i])
    return [0, *sorted(chosen)]


def key_sentences(
    items: list[Sentence], *, budget: int, diversity: float = 0.3, within: range | None = None
) -> list[int]:
    """Indexes (in order) of the sentences that best stand for ``items[within]``: close to what the
    whole stretch is about, unlike the ones already chosen (maximal marginal relevance), of a readable
    length, until about ``budget`` words."""
    within = within if within is not None else range(len(items))
    pool = [i for i in within if MIN_WORDS <= items[i].words <= MAX_WORDS and not _is_question(items[i].text)]
    if not pool:
        pool = [i for i in within if items[i].words >= 3]
    space = _Space([items[i] for i in within])
    vectors = {i: space.vector(items[i].terms) for i in pool}
    centre: dict[str, float] = {}
    for vector in vectors.values():
        for term, value in vector.items():
            centre[term] = centre.get(term, 0.0) + value
    relevance = {i: _cosine(vectors[i], centre) for i in pool}
    chosen: list[int] = []
    total = 0
    while total < budget and len(chosen) < len(pool):
        best, best_score = None, -math.inf
        for i in pool:
            if i in chosen:
                continue
            redundancy = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            score = (1 - diversity) * relevance[i] - diversity * redundancy
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        total += items[best].words
    return sorted(chosen)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "？")) or bool(re.search(r"[嗎呢咩未]\s*$", text))


def keyphrases(items: list[Sentence], *, k: int = 4, within: range | None = None) -> list[str]:
    """The phrases a stretch of the meeting keeps coming back to: English word pairs and words, Chinese
    words of two characters or more, most frequent first, with near-repeats dropped."""
    within = within if within is not None else range(len(items))
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for i in within:
        text = items[i].text
        for phrase, key in _phrases(text):
            counts[key] += 1
            shown.setdefault(key, phrase)
    ranked = sorted(counts, key=lambda key: (-counts[key] * (1.5 if " " in key else 1.0), key))
    pairs = [key for key in ranked if " " in key]
    out: list[str] = []
    for key in ranked:
        if counts[key] < 2:
            break
        if " " not in key:  # a word usually said as part of a phrase is shown as that phrase
            key = next((p for p in pairs if key in p.split() and counts[p] * 2 >= counts[key]), key)
        if any(key in chosen or chosen in key for chosen in out):
            continue
        out.append(key)
        if len(out) == k:
            break
    return [shown[key] for key in out]


def _phrases(text: str):
    """(shown form, key) pairs: English content words and adjacent pairs, Chinese words."""
    stems = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]+", text):
        if "'" in word:
            stems.append(None)
            continue
        terms = index_terms(word)
        key = terms[0] if terms else ""
        if key and key not in _chat_terms() and len(word) > 3:
            stems.append((word.lower(), key))
        else:
            stems.append(None)
    for i, item in enumerate(stems):
        if item is None:
            continue
        yield item
        if i + 1 < len(stems) and stems[i + 1] is not None:
            yield f"{item[0]} {stems[i + 1][0]}", f"{item[1]} {stems[i + 1][1]}"
    for run in re.findall(r"[\u3400-\u9fff]{2,}", text):
        for term in index_terms(run):
            if len(term) >= 2 and term not in _chat_terms():
                yield _shown_chinese(run, term), term


def _shown_chinese(run: str, folded_term: str) -> str:
    """The term as written in the run (Traditional stays Traditional), found by folding the run."""
    from aiplus.core.language import to_simplified

    folded = to_simplified(run)
    at = folded.find(folded_term)
    return run[at : at + len(folded_term)] if at >= 0 else folded_term
