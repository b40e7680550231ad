"""Follow-up questions made searchable: "How much is it?" after a question about a dog licence becomes a
question about the dog licence's fee before it is searched.

With a chat model configured, the model rewrites the question with the conversation (prompt
``llm/prompts/chat_rewrite.md``). Without one, or when the model does not answer, the topic of the turn before
is carried into the query when the new question reads as a follow-up: it has (almost) no topic of its own,
or it is short and points back ("it", "佢", "呢個") or continues ("and", "咁", "那麼"). The topic is the
previous query's content words as written (English words and Chinese words found by the search segmenter),
less the words that only ask about a topic ("how much", "幾錢"). The word lists are ``chat/lexicon`` files.
"""

import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.conf import settings

from aiplus.core.errors import AiplusError
from aiplus.core.language import HAN, Script, convert_script, detect_script, index_terms, to_simplified
from aiplus.core.validation import clean_text
from aiplus.llm import services as llm

logger = logging.getLogger("aiplus.chat")

# A question with at most this many topic terms of its own is a follow-up on its own ("Fees?", "In Kowloon?").
FEW_TERMS = 1
# A question that points back or continues is a follow-up when it has at most this many topic terms.
MARKED_TERMS = 2
# Turns of the conversation the model sees, and how much of each answer.
MODEL_TURNS = 4
MODEL_ANSWER_CHARS = 600

_PIECE_RE = re.compile(f"[{HAN}]+|[A-Za-z0-9]+(?:['.\\-][A-Za-z0-9]+)*")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@dataclass(frozen=True)
class PastTurn:
    question: str
    query: str
    answer: str = ""


@dataclass(frozen=True)
class Rewrite:
    query: str
    method: str  # "none" (searched as asked), "topics" or "model"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in resources.files("aiplus.chat.lexicon").joinpath(name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([cell.strip() for cell in line.split("\t") if cell.strip()])
    return rows


@cache
def _aspect_terms() -> frozenset[str]:
    return frozenset(term for row in _rows("aspects.tsv") for word in row for term in index_terms(word))


@cache
def _markers() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(English pointing words, Chinese pointing words, openers) of ``follow_up.tsv``."""
    english, chinese, openers = set(), set(), []
    for where, *words in _rows("follow_up.tsv"):
        for word in words:
            if where == "start":
                openers.append(word.lower())
            elif re.search(f"[{HAN}]", word):
                chinese.add(word)
            else:
                english.add(word.lower())
    return frozenset(english), tuple(sorted(chinese)), tuple(openers)


@cache
def _marker_terms() -> frozenset[str]:
    english, chinese, openers = _markers()
    return frozenset(term for word in [*english, *chinese, *openers] for term in index_terms(word))


def topic_terms(text: str) -> list[str]:
    """The search terms of a text that name what it is about."""
    skip = _aspect_terms() | _marker_terms()
    return [term for term in dict.fromkeys(index_terms(text)) if term not in skip]


def _points_back(question: str) -> bool:
    english, chinese, openers = _markers()
    lowered = question.strip().lower()
    words = {word.lower() for word in _LATIN_WORD_RE.findall(question)}
    if words & english or any(word in question for word in chinese):
        return True
    return any(
        lowered.startswith(opener) and not lowered[len(opener) : len(opener) + 1].isalpha()
        if opener.isascii()
        else lowered.startswith(opener)
        for opener in openers
    )


def is_follow_up(question: str) -> bool:
    """Whether a question needs the conversation to be understood: no topic of its own, or a short one that
    points back or continues."""
    count = len(topic_terms(question))
    return count <= FEW_TERMS or (count <= MARKED_TERMS and _points_back(question))


def topic_pieces(text: str) -> list[str]:
    """The content words of a text as written, neighbours joined: "How do I renew a dog licence?" gives
    ["renew", "dog licence"]; "狗牌續期要幾錢" gives ["狗牌續期"]."""
    keep = set(topic_terms(text))
    spans: list[tuple[int, int]] = []
    for match in _PIECE_RE.finditer(text):
        piece = match.group(0)
        if re.match(f"[{HAN}]", piece):
            spans.extend((match.start() + a, match.start() + b) for a, b in _han_spans(piece, keep))
        elif set(index_terms(piece)) & keep:
            spans.append(match.span())
    pieces: list[str] = []
    last_end = None
    for start, end in spans:
        if pieces and last_end is not None and not text[last_end:start].strip():
            pieces[-1] += text[last_end:end]
        else:
            pieces.append(text[start:end])
        last_end = end
    return list(dict.fromkeys(pieces))


def _han_spans(run: str, keep: set[str]) -> list[tuple[int, int]]:
    """Spans of a Han run covered by kept terms. Terms are Simplified; ``hk2s`` keeps the run's length
    character for character, so positions in the folded copy are positions in the run."""
    folded = to_simplified(run)
    if len(folded) != len(run):
        return [(0, len(run))] if set(index_terms(run)) & keep else []
    covered = [False] * len(run)
    for term in set(index_terms(run)) & keep:
        start = folded.find(term)
        while start >= 0:
            covered[start : start + len(term)] = [True] * len(term)
            start = folded.find(term, start + 1)
    spans, start = [], None
    for index, flag in enumerate([*covered, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            spans.append((start, index))
            start = None
    return spans


def topic_rewrite(question: str, history: list[PastTurn]) -> Rewrite:
    """The question with the previous turn's topic carried in, when it reads as a follow-up."""
    if not history or not is_follow_up(question):
        return Rewrite(question, "none")
    own = set(index_terms(question))
    carried = [piece for piece in topic_pieces(history[-1].query) if not set(topic_terms(piece)) <= own]
    if not carried:
        return Rewrite(question, "none")
    script = detect_script(question)
    topic = " ".join(
        convert_script(piece, script) if script != Script.ENGLISH else piece for piece in carried
    )
    query = f"{question} {topic}"
    if len(query) > settings.AIPLUS_MAX_QUESTION_CHARS:  # the topic must not make a good question too long
        return Rewrite(question, "none")
    return Rewrite(query, "topics")


def _language_name(script: Script) -> str:
    return {
        Script.ENGLISH: "English",
        Script.TRADITIONAL: "Traditional Chinese as written in Hong Kong",
        Script.SIMPLIFIED: "Simplified Chinese",
    }[script]


def model_rewrite(*, actor, question: str, history: list[PastTurn]) -> str:
    """The model's standalone version of the question, or "" when its reply cannot be used."""
    script = detect_script(question)
    lines = []
    for turn in history[-MODEL_TURNS:]:
        lines.append(f"User: {turn.question}")
        if turn.answer:
            lines.append(f"Assistant: {' '.join(turn.answer.split())[:MODEL_ANSWER_CHARS]}")
    conversation = "\n".join(lines)
    messages = [
        {"role": "system", "content": llm.prompt("chat_rewrite.md").format(language=_language_name(script))},
        {"role": "user", "content": f"Conversation:\n{conversation}\n\nLast question: {question}"},
    ]
    reply = llm.chat(actor=actor, flow="chat.rewrite", messages=messages, temperature=0.0).text
    line = next((line for line in reply.splitlines() if line.strip()), "").strip().strip("\"'“”「」")
    try:
        line = clean_text("question", line)
    except AiplusError:
        return ""
    return convert_script(line, script) if script != Script.ENGLISH else line


def rewrite_question(*, actor, question: str, history: list[PastTurn]) -> Rewrite:
    """The query to search for ``question`` asked after ``history`` (oldest turn first)."""
    if not history:
        return Rewrite(question, "none")
    if llm.chat_configured(actor):
        try:
            rewritten = model_rewrite(actor=actor, question=question, history=history)
        except AiplusError as error:
            logger.warning("question not rewritten by the model code=%s; using the topics", error.code)
        else:
            if rewritten:
                return Rewrite(rewritten, "model" if rewritten != question else "none")
    return topic_rewrite(question, history)
