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

from aiplus.core.language import (
    HAN,
    HAN_RE,
    clean_spoken,
    index_terms,
    lexicon_words,
    split_sentences,
    strip_opener,
    to_simplified,
    word_count,
)
from aiplus.meetings.roles import Roles, default_roles
from aiplus.meetings.transcript import Segment

# Sentence length bounds for key sentences, in words (a Han character counts as a word).
MIN_WORDS, MAX_WORDS = 8, 45

# What is said to run a meeting rather than about its business: opening, the agenda and its items, moving
# on, thanks, closing. Such a sentence ranks low as a key sentence: its relevance counts this much.
PROCEDURAL_WEIGHT = 0.4
_PROCEDURAL_RE = re.compile(
    r"\b(?:agenda|(?:first|second|third|fourth|fifth|next|last|final|other) items?|items? (?:one|two|three|"
    r"four|five|\d+)|(?:one|two|three|four|five|\d+) items|any other business|aob|let(?:'s| us) (?:start|begin|"
    r"get started|move on|turn to|go to)|mov(?:e|ing) on to|next meeting|(?:meeting|session) is (?:closed|"
    r"adjourned)|adjourn\w*|thank you|thanks (?:all|everyone|everybody)|good (?:morning|afternoon|evening)|"
    r"welcome (?:all|everyone|everybody)|anything else)\b"
    r"|議程|议程|開會|开会|散會|散会|下次會議|下次会议|我哋開始|我们开始|開始先|多謝(?:大家|各位)|"
    r"第[一二三四五六七八九十\d]+[樣样項项]|[一二三四五六七八九十兩两\d]+(?:樣|样|項|项)(?:嘢|事)|其他事項|其他事项",
    re.I,
)
# Chinese terms that count or date rather than name: 三樣, 第二項, 二十五, 五號, 年初二, 星期五.
_COUNTING_RE = re.compile(
    r"^(?:第?[〇零一二三四五六七八九十百千万兩两几\d]+[样项个件次点号月日天年周]?|年?初[一二三四五六七八九十]+|"
    r"[上下今呢个]?(?:星期|礼拜|周)[一二三四五六日天]?)$"
)
# A person addressed by name at the start of a sentence.
_ADDRESSED_RE = re.compile(
    r"([A-Z][a-z'-]+)\s*[,，]\s*(?:(?i:please|could you|can you|would you|will you|you)\b|你|唔該)"
)
# Words after which the next word is a verb ("we close", "to review", "please send"): not a topic.
_BEFORE_VERB = frozenset(
    [
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "to",
        "will",
        "would",
        "should",
        "could",
        "can",
        "shall",
        "may",
        "might",
        "must",
        "please",
        "let",
        "let's",
        "don't",
        "won't",
        "didn't",
        "not",
    ]
)


@dataclass
class Sentence:
    segment: int  # index of the transcript segment it came from
    speaker: str
    text: str
    words: int
    terms: Counter = field(default_factory=Counter)
    chinese: bool = False


@cache
def _chat_terms() -> frozenset[str]:
    """The chat and function words as index terms (stemmed, folded), to compare with a sentence's terms."""
    words = frozenset(lexicon_words("conversation.tsv") + lexicon_words("cantonese_function.tsv"))
    return words | frozenset(term for word in words for term in index_terms(word))


def _topic_terms(text: str) -> Counter:
    chat = _chat_terms()
    return Counter(t for t in index_terms(text) if t not in chat and not t.isdigit() and len(t) > 1)


def sentences(segments: list[Segment]) -> list[Sentence]:
    """The cleaned sentences of a transcript, in order, each knowing its segment and speaker."""
    out = []
    for segment in segments:
        for spoken in split_sentences(clean_spoken(segment.text)):
            sentence = strip_opener(spoken.strip(" ,，"))
            if not sentence:
                continue
            count = word_count(sentence)
            chinese = len(HAN_RE.findall(sentence)) * 2 > count
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
    procedural = {i for i in pool if is_procedural(items[i].text)}
    relevance = {
        i: _cosine(vectors[i], centre) * (PROCEDURAL_WEIGHT if i in procedural else 1.0) for i in pool
    }
    chosen: list[int] = []
    total = 0
    while total < budget:
        left = [i for i in pool if i not in chosen]
        # a procedural sentence is chosen when it ranks above the others, never to fill the budget's rest
        if not left or (chosen and procedural.issuperset(left)):
            break
        redundancy = {i: max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0) for i in left}
        best = max(left, key=lambda i: (1 - diversity) * relevance[i] - diversity * redundancy[i])
        chosen.append(best)
        total += items[best].words
    return sorted(chosen)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "？")) or bool(re.search(r"[嗎呢咩未]\s*$", text))


def is_procedural(text: str) -> bool:
    """Whether a sentence runs the meeting (opens it, announces the agenda or an item, thanks, closes)."""
    return bool(_PROCEDURAL_RE.search(text))


def keyphrases(
    items: list[Sentence], *, k: int = 4, within: range | None = None, roles: Roles | None = None
) -> list[str]:
    """The phrases a stretch of the meeting keeps coming back to, as a secretary would head them: English
    runs of up to three content words and Chinese words, most frequent first, with near-repeats dropped.

    A phrase is shown as the meeting said it (names and acronyms in capitals, other words in lower case),
    never as a stem, a piece of a longer word, a function word, a word of procedure or a speaker's name
    (a speaker labelled by one of ``roles``, such as "Chair", is not named)."""
    within = within if within is not None else range(len(items))
    proper = proper_words(items)
    names = _name_terms(items, roles or Roles(default_roles()))
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for i in within:
        for phrase, key in _phrases(items[i].text, proper):
            if names.isdisjoint(key.split()):
                counts[key] += 1
                shown.setdefault(key, phrase)
    ranked = sorted(counts, key=lambda key: (-counts[key] * (1.5 if " " in key else 1.0), key))
    phrases = [key for key in ranked if " " in key and counts[key] >= 2]
    out: list[str] = []
    for key in ranked:
        if counts[key] < 2:
            break
        # a word or pair usually said as part of a longer phrase is shown as that phrase (preferring the
        # phrase it ends, as English puts the head word last: "payment kiosk" over "kiosk notice")
        longer = [p for p in phrases if _within(key, p) and counts[p] * 2 >= counts[key]]
        key = max(longer, key=lambda p: (len(p.split()), counts[p], p.endswith(key)), default=key)
        if any(set(key.split()) & set(chosen.split()) for chosen in out):  # a near-repeat
            continue
        out.append(key)
        if len(out) == k:
            break
    return [shown[key] for key in out]


def _within(key: str, phrase: str) -> bool:
    return key != phrase and f" {key} " in f" {phrase} "


def proper_words(items: list[Sentence]) -> frozenset[str]:
    """Words the meeting writes with a capital (names, places, acronyms), so they keep it: capitalised
    inside a sentence, or a person addressed at its start ("Mary, please…", "Mary，你…")."""
    words = set()
    for sentence in items:
        words.update(w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", sentence.text)[1:] if w[0].isupper())
        if addressed := _ADDRESSED_RE.match(sentence.text):
            terms = index_terms(addressed.group(1))  # none for "Okay, you…", "Agreed, please…"
            if terms and _chat_terms().isdisjoint(terms):
                words.add(addressed.group(1))
    return frozenset(words)


def _name_terms(items: list[Sentence], roles: Roles) -> frozenset[str]:
    """The terms of the speakers' names (not of role labels such as "Chair"): never a topic."""
    terms = set()
    for speaker in {sentence.speaker for sentence in items}:
        if roles.find(speaker) is None:
            terms.update(index_terms(speaker))
    return frozenset(terms)


def _phrases(text: str, proper: frozenset[str]):
    """(shown form, key) pairs: runs of one to three content words, English or Chinese."""
    words: list[tuple[str, str] | None] = []
    before = ""
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text):
        terms = index_terms(word) if "'" not in word else []
        key = terms[0] if terms else ""
        keep = len(word) > 3 or (len(word) > 1 and word.isupper()) or word in proper
        if key and keep and key not in _chat_terms() and before not in _BEFORE_VERB:
            words.append((word if word in proper or word.isupper() else word.lower(), key))
        else:
            words.append(None)
        before = word.lower()
    yield from _runs(words, " ")
    for run in re.findall(f"[{HAN}]{{2,}}", text):
        yield from _runs(_chinese_words(run), "")


def _chinese_words(run: str) -> list[tuple[str, str] | None]:
    """The whole words of a run of Han characters in order, as (shown form, folded key), with None for a
    function word, a count or date, or a gap (a character left out) between two words."""
    folded = to_simplified(run)
    terms = [t for t in index_terms(run) if len(t) >= 2]
    words: list[tuple[str, str] | None] = []
    end = 0
    for term in terms:
        # a whole word only, never a piece of a longer word of the run (辦事 of 辦事處)
        if any(term != other and term in other for other in terms):
            continue
        at = folded.find(term, end)
        if at < 0:
            continue
        if at > end:
            words.append(None)
        end = at + len(term)
        topical = term not in _chat_terms() and not _COUNTING_RE.match(term)
        words.append((run[at:end], term) if topical else None)
    return words


def _runs(words: list[tuple[str, str] | None], joiner: str):
    """Every run of one to three consecutive words with no None among them, as (shown, key)."""
    for i in range(len(words)):
        for n in (1, 2, 3):
            run = words[i : i + n]
            if len(run) < n or None in run:
                break
            yield joiner.join(shown for shown, _ in run), " ".join(key for _, key in run)
