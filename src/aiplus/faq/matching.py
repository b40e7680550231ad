"""Matching a question to FAQ entries: dense similarity of the question to every wording of an entry and to
its question-and-answer, fused with BM25 over the entry's wordings, into one confidence from 0 to 1.

- Dense wordings: the question as written against each wording (question and alternatives, in each language
  version) as written, with the embedding model of ``aiplus.llm.embeddings``; an entry scores its best
  wording. The cosine is stretched from ``dense_floor``..1 to 0..1.
- Dense passage: the question against each version's question and answer embedded as a passage (e5's own
  query-to-passage use), stretched from ``passage_floor``..1 to 0..1.
- BM25 over the terms of each language version's wordings (``core.language``: Traditional and Simplified fold
  together, Cantonese and glossary words expand), divided by what the question's own terms could score, so
  it reads as how much of the question the entry covers (0..1, absolute, not relative to the other entries).
- Confidence = ``dense_weight`` x wordings + ``passage_weight`` x passage + the rest x BM25. Below
  ``threshold`` the bot declines. Without embeddings, BM25 alone decides, against ``bm25_threshold``.

The weight, floor and thresholds are learned on the tune split of the FAQ benchmark (``bench/faq.py --tune``)
and kept in ``tuning.json`` beside this file.
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


@dataclass(frozen=True)
class Tuning:
    dense_weight: float
    dense_floor: float
    passage_weight: float
    passage_floor: float
    threshold: float
    bm25_threshold: float

    def with_changes(self, **changes) -> "Tuning":
        return Tuning(**{**self.__dict__, **changes})


@cache
def tuning() -> Tuning:
    data = json.loads((Path(__file__).parent / "tuning.json").read_text("utf-8"))
    return Tuning(**{key: float(data[key]) for key in Tuning.__dataclass_fields__})


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


def dense_scaled(cosines: np.ndarray, floor: float) -> np.ndarray:
    return np.clip((cosines - floor) / max(1e-6, 1 - floor), 0.0, 1.0)


def fuse(
    dense: np.ndarray | None, passage: np.ndarray | None, bm25: np.ndarray, settings: Tuning
) -> np.ndarray:
    if dense is None or passage is None:
        return bm25
    rest = 1 - settings.dense_weight - settings.passage_weight
    return (
        settings.dense_weight * dense_scaled(dense, settings.dense_floor)
        + settings.passage_weight * dense_scaled(passage, settings.passage_floor)
        + rest * bm25
    )
