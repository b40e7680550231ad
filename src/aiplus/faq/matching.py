"""Matching a question to FAQ entries: dense similarity of the question to every wording of an entry and to
its question-and-answer, and BM25 over the entry's wordings, combined by a small learned scorer into one
confidence from 0 to 1.

- Dense wordings: the question as written against each wording (question and alternatives, in each language
  version) as written, with the embedding model of ``aiplus.llm.embeddings``; an entry scores its best wording.
- Dense passage: the question against each version's question and answer embedded as a passage (e5's own
  query-to-passage use).
- BM25 over the terms of each language version's wordings (``core.language``: Traditional and Simplified fold
  together, Cantonese and glossary words expand), divided by what the question's own terms could score, so
  it reads as how much of the question the entry covers (0..1, absolute, not relative to the other entries).
- BM25 over each version's question and answer (the answer names details a question may ask by).

The scorer (``features``, ``fuse``) is a linear model over each entry's four scores, each score's gap to the
best entry's (how far the entry trails the leader) and how far the cosines rise above ``HIGH``. It is trained
on the tune split of the FAQ benchmark as a choice among the entries and "none of them" (``bench/faq.py
--write-tuning``); an entry's confidence is its odds against "none": sigmoid(score - ``decline_score``), so
two entries that both answer (forms) do not split it. Below ``threshold`` the bot declines. Without
embeddings, BM25 alone decides, against ``bm25_threshold``. All of it is kept in ``tuning.json``.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from aiplus.core.language import QueryTerm

K1 = 1.2
B = 0.75


# The cosine above which a wording or passage counts as a close paraphrase (a feature of its own).
HIGH = 0.85
# A question this close to a stored wording asks it word for word: it is answered by that entry at that
# confidence whatever the scorer, which learned on paraphrases and never saw a copy.
IDENTICAL = 0.995
FEATURES = (
    "dense",
    "passage",
    "bm25",
    "answer_bm25",
    "dense_gap",
    "passage_gap",
    "bm25_gap",
    "dense_high",
    "passage_high",
)


@dataclass(frozen=True)
class Tuning:
    """The learned scorer: one weight per feature of ``FEATURES`` over standardised features (``means``,
    ``scales``), the score of declining, and the thresholds with and without embeddings."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    decline_score: float
    threshold: float
    bm25_threshold: float

    def with_changes(self, **changes) -> "Tuning":
        return Tuning(**{**self.__dict__, **changes})

    def as_json(self) -> dict:
        return {"features": list(FEATURES), **{k: _rounded(v) for k, v in self.__dict__.items()}}


def _rounded(value):
    return [round(float(v), 6) for v in value] if isinstance(value, tuple) else round(float(value), 6)


def tuning_from_json(data: dict) -> Tuning:
    if data.get("features") != list(FEATURES):
        raise ValueError("tuning.json was learned over other features; rerun bench/faq.py --write-tuning")
    return Tuning(
        **{
            key: tuple(float(v) for v in data[key]) if isinstance(data[key], list) else float(data[key])
            for key in Tuning.__dataclass_fields__
        }
    )


@cache
def tuning() -> Tuning:
    return tuning_from_json(json.loads((Path(__file__).parent / "tuning.json").read_text("utf-8")))


class Bm25:
    """Okapi BM25 over short documents (an entry's wordings), with scores normalised by the query's reach."""

    def __init__(self, documents: list[list[str]]):
        self.size = len(documents)
        lengths = np.asarray([len(d) for d in documents], dtype=np.float32)
        average = float(lengths.mean()) if self.size else 1.0
        self._norm = K1 * (1 - B + B * lengths / max(average, 1e-9))
        postings: dict[str, dict[int, int]] = {}
        for row, terms in enumerate(documents):
            for term in terms:
                bag = postings.setdefault(term, {})
                bag[row] = bag.get(row, 0) + 1
        self._postings = {
            term: (np.fromiter(bag.keys(), dtype=np.int64), np.fromiter(bag.values(), dtype=np.float32))
            for term, bag in postings.items()
        }

    def idf(self, term: str) -> float:
        found = self._postings.get(term)
        frequency = len(found[0]) if found is not None else 0
        return math.log1p((self.size - frequency + 0.5) / (frequency + 0.5))

    def raw_scores(self, terms: list[QueryTerm]) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        for query_term in terms:
            found = self._postings.get(query_term.term)
            if found is None:
                continue
            rows, tf = found
            idf = self.idf(query_term.term)
            scores[rows] += query_term.weight * idf * tf * (K1 + 1) / (tf + self._norm[rows])
        return scores

    def scores(self, terms: list[QueryTerm]) -> np.ndarray:
        """Each document's BM25 score over what the question's own terms would score on a document of
        average length holding each once: about the share of the question it covers, clipped to 0..1."""
        reach = sum(t.weight * self.idf(t.term) for t in terms if t.weight >= 1)
        if reach <= 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.clip(self.raw_scores(terms) / reach, 0.0, 1.0)


def features(dense: np.ndarray, passage: np.ndarray, bm25: np.ndarray, answer: np.ndarray) -> np.ndarray:
    """The scorer's features (``FEATURES``) of every entry, along a new last axis; the scores may be one
    question's (entries) or many questions' (questions x entries). ``answer`` is raw BM25 over question and
    answer, taken relative to the best entry's."""
    if dense.shape[-1] == 0:
        return np.zeros((*dense.shape, len(FEATURES)), dtype=np.float32)

    def gap(scores):
        return scores - scores.max(axis=-1, keepdims=True)

    best_answer = np.maximum(answer.max(axis=-1, keepdims=True), 1e-6)
    columns = [dense, passage, bm25, answer / best_answer, gap(dense), gap(passage), gap(bm25)]
    columns += [np.maximum(dense - HIGH, 0), np.maximum(passage - HIGH, 0)]
    return np.stack(columns, axis=-1).astype(np.float32)


def entry_scores(found: np.ndarray, settings: Tuning) -> np.ndarray:
    """The learned score of each entry (the last axis of ``found`` holds its features)."""
    standard = (found - np.asarray(settings.means)) / np.asarray(settings.scales)
    return standard @ np.asarray(settings.weights, dtype=np.float64)


def fuse(
    dense: np.ndarray | None,
    passage: np.ndarray | None,
    bm25: np.ndarray,
    answer: np.ndarray,
    settings: Tuning,
) -> np.ndarray:
    """Each entry's confidence (0..1): without vectors its BM25, else the scorer's odds against declining (a wording asked word for word: its cosine)."""
    if dense is None or passage is None:
        return bm25
    score = entry_scores(features(dense, passage, bm25, answer), settings) - settings.decline_score
    confidence = 1 / (1 + np.exp(-np.clip(score, -50, 50)))
    return np.where(dense >= IDENTICAL, np.maximum(confidence, dense), confidence).astype(np.float32)
