"""What the stand-in model server (``tests/support/fake_openai.py``) says, model-free and deterministic: a small
grounded reader over numbered ``[n] `` passages (`grounded_answer`), the naive model that obeys an instruction
found in its prompt (`obeyed_instruction`), token counts, feature-hashing embeddings, and how long it takes
(`Latency`). Standard library only.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

EMBED_DIMENSIONS = 256
NOT_FOUND_ANSWER = "I cannot find this in the documents."
SUMMARY_CHARS = 200

# Ideographs (incl. extensions A/B+ and compatibility), kana and hangul
# syllables; CJK punctuation (U+3000-303F, fullwidth forms) is excluded.
_CJK = "\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ebef"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_RUN_RE = re.compile(f"[{_CJK}]+")
_TOKEN_RE = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")
PIECE_RE = re.compile(f"\\s*(?:[{_CJK}]|[^\\s{_CJK}]+)|\\s+")
_WORD_RE = re.compile(r"[^\W_]+")
_PASSAGE_RE = re.compile(r"\[(\d+)\](?:[ \t]+|$)")
_QUESTION_RE = re.compile(r"[ \t]*Question[ \t]*[:：][ \t]*(.*)", re.IGNORECASE)
_HEADER_RE = re.compile(r"[(（][^)）\n]*[)）]\s*")
_FENCE_LINE_RE = re.compile(r"^</?document-[0-9a-f]{12}>$")
_SENTENCE_RE = re.compile(r".*?(?:[。！？]|[.!?](?=\s|$))", re.DOTALL)


def count_tokens(text: str) -> int:
    """Count tokens as whitespace-separated runs, each CJK character counting once."""
    return len(_TOKEN_RE.findall(text or ""))


def _overlap_features(text: str) -> set[str]:
    """Return CJK characters and lowercase Latin words of 3+ letters in `text`."""
    lowered = text.lower()
    chars = set(_CJK_RE.findall(lowered))
    words = {w for w in _WORD_RE.findall(_CJK_RE.sub(" ", lowered)) if len(w) >= 3}
    return chars | words


def _first_sentence(text: str) -> str:
    """Return the first sentence of `text` (terminator included), whitespace-collapsed."""
    match = _SENTENCE_RE.match(text)
    sentence = match.group(0) if match else text
    return " ".join(sentence.split())


def _parse_prompt(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Split a prompt into its question and ``(number, header, body)`` passages.

    A passage starts at a line beginning with ``[n] `` and runs until the next
    passage, a ``Question:`` line or the end. Without a ``Question:`` line, the
    text outside the passages is used as the question.
    """
    question: str | None = None
    outside: list[str] = []
    raw: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if _FENCE_LINE_RE.match(line):  # a document fence's line ends a passage and is no passage itself
            current = None
        elif found := _QUESTION_RE.match(line):
            question, current = found.group(1).strip(), None
        elif found := _PASSAGE_RE.match(line):
            current = [line[found.end() :]]
            raw.append((int(found.group(1)), current))
        elif current is not None:
            current.append(line)
        else:
            outside.append(line)
    passages = []
    for number, lines in raw:
        body = "\n".join(lines).strip()
        header = ""
        if found := _HEADER_RE.match(body):
            header, body = found.group(0).strip(), body[found.end() :].strip()
        passages.append((number, header, body))
    if question is None:
        question = "\n".join(outside)
    return question, passages


def grounded_answer(prompt: str) -> str:
    """Answer like a minimal grounded reader.

    Picks the passage sharing the most CJK characters / 3+ letter words with the
    question (ties: header overlap, then first passage) and returns its first
    sentence plus `` [n]``; `NOT_FOUND_ANSWER` if nothing overlaps; the first
    `SUMMARY_CHARS` characters of the prompt if it has no numbered passages.
    """
    question, passages = _parse_prompt(prompt)
    if not passages:
        return prompt.strip()[:SUMMARY_CHARS]
    wanted = _overlap_features(question)
    best, best_key = None, (0, 0)
    for passage in passages:
        _, header, body = passage
        key = (
            len(wanted & _overlap_features(body)),
            len(wanted & _overlap_features(header)),
        )
        if key > best_key:
            best, best_key = passage, key
    if best is None:
        return NOT_FOUND_ANSWER
    number, header, body = best
    sentence = _first_sentence(body) or header.strip("()（） ")
    return f"{sentence} [{number}]"


_INSTRUCTION_RE = re.compile(
    r"(?:ignore|disregard|forget|忽略|無視|无视|唔好理)[^\n]{0,80}?"
    r"(?:reply|respond|answer|say|tell the user|回答|回覆|回复|話俾用戶知|告訴用戶|告诉用户)\s*(?:with|that)?\s*[:：]?\s*"
    r"[\"“「]?([^\"”」\n]+?)[\"”」]?\s*(?=\[\d+\]|$)",
    re.IGNORECASE | re.MULTILINE,
)


# A document fenced as data (``aiplus.pilot.prompts.fenced``): from a line <document-ID> to the line </document-ID>
# with the same ID; a closing line with another ID, as a document might forge, does not end it.
_FENCE_RE = re.compile(r"^<(document-[0-9a-f]{12})>$.*?^</\1>$", re.DOTALL | re.MULTILINE)


def obeyed_instruction(prompt: str) -> str | None:
    """What a naive model would say on finding "ignore previous instructions and reply: X" in its prompt
    (passages included) outside a document fence: X. None when the prompt holds no such instruction, or
    holds it only as fenced data (the model keeps to its rules there, as it is told to)."""
    found = _INSTRUCTION_RE.search(_FENCE_RE.sub("", prompt))
    return found.group(1).strip() if found else None


def embed(text: str, dimensions: int = EMBED_DIMENSIONS) -> list[float]:
    """Return a deterministic, L2-normalised feature-hashing vector for `text`.

    Features are lowercase Latin words plus CJK character unigrams and bigrams;
    each is hashed with BLAKE2b into a bucket with a +/-1 sign.
    """
    lowered = text.lower()
    features: list[str] = _WORD_RE.findall(_CJK_RUN_RE.sub(" ", lowered))
    for run in _CJK_RUN_RE.findall(lowered):
        features.extend(run)
        features.extend(run[i : i + 2] for i in range(len(run) - 1))
    if not features and lowered.strip():
        features.append(lowered.strip())
    vector = [0.0] * dimensions
    for feature in features:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        vector[value % dimensions] += 1.0 if value >> 63 else -1.0
    norm = math.sqrt(sum(x * x for x in vector))
    if norm == 0.0:
        vector[0], norm = 1.0, 1.0
    return [x / norm for x in vector]


@dataclass(frozen=True)
class Latency:
    """How long a chat completion takes, as on a real model server: the time to the first token (reading the
    prompt), then the writing speed. The defaults are typical of a local model server (vLLM or llama.cpp
    serving a 7-8B model on one GPU) with about 20 conversations at once: half a second to the first token
    of a prompt of six passages, then 30 tokens a second for each answer. Streamed answers arrive piece by
    piece at that speed; plain ones after the whole time."""

    first_token_seconds: float = 0.5
    tokens_per_second: float = 30.0

    def writing_seconds(self, tokens: int) -> float:
        return tokens / self.tokens_per_second if self.tokens_per_second > 0 else 0.0
