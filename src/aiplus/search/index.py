"""An in-memory BM25 index over one collection's chunks, with optional dense vectors.

Built from the terms stored with each chunk (see ``aiplus.core.language.index_terms``), held as a sparse
term-frequency matrix so a query touches only the postings of its own terms, and saved to disk keyed by
the collection's index version so other processes (CLI runs, web workers) load it instead of rebuilding.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from aiplus.core.language import QueryTerm, phrase_pairs

K1 = 0.9  # chosen on CMRC 2018 dev questions, kept apart from the DRCD questions the benchmark reports
B = 0.75


@dataclass(frozen=True)
class IndexRow:
    chunk_id: int
    document_id: int
    terms: str  # space-separated index terms
    language: str
    file_type: str
    date_ordinal: int  # the document's date as a proleptic ordinal, 0 when unknown
    embedding: bytes | None = None


@dataclass(frozen=True)
class RowFilter:
    languages: frozenset[str] = frozenset()
    file_types: frozenset[str] = frozenset()
    date_from: int = 0
    date_to: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.languages or self.file_types or self.date_from or self.date_to)


@dataclass(frozen=True)
class PhraseFrequency:
    """In how many of ``documents`` passages each phrase (``phrase_pairs``) occurs."""

    counts: dict[str, int]
    documents: int

    @classmethod
    def count(cls, texts: Iterable[str]) -> "PhraseFrequency":
        counts: Counter[str] = Counter()
        documents = 0
        for text in texts:
            counts.update(phrase_pairs(text))
            documents += 1
        return cls(dict(counts), documents)


class CollectionIndex:
    def __init__(
        self,
        *,
        version: int,
        chunk_ids: np.ndarray,
        document_ids: np.ndarray,
        tf: sparse.csc_matrix,
        vocabulary: Sequence[str],
        languages: np.ndarray,
        file_types: np.ndarray,
        dates: np.ndarray,
        phrases: "PhraseFrequency",
        vectors: np.ndarray | None = None,
    ):
        self.version = version
        self.phrases = phrases
        self.chunk_ids = chunk_ids
        self.document_ids = document_ids
        self.tf = tf
        self.vocabulary = list(vocabulary)
        self.term_ids = {term: i for i, term in enumerate(self.vocabulary)}
        self.languages = languages
        self.file_types = file_types
        self.dates = dates
        self.vectors = vectors
        lengths = np.asarray(tf.sum(axis=1)).ravel().astype(np.float32)
        average = float(lengths.mean()) if len(lengths) else 1.0
        self._norm = (K1 * (1 - B + B * lengths / max(average, 1e-9))).astype(np.float32)
        document_frequency = np.diff(tf.indptr)
        n = len(chunk_ids)
        self._idf = np.log1p((n - document_frequency + 0.5) / (document_frequency + 0.5)).astype(np.float32)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @classmethod
    def build(
        cls, rows: Iterable[IndexRow], *, version: int, phrase_sample: Iterable[str] = ()
    ) -> "CollectionIndex":
        """An index of the rows; ``phrase_sample`` is passages (all, or an even sample of a large
        collection) from which the re-rank's phrase frequencies are counted."""
        term_ids: dict[str, int] = {}
        chunk_ids, document_ids, languages, file_types, dates, vectors = [], [], [], [], [], []
        indptr = [0]
        columns: list[int] = []
        counts: list[int] = []
        for row in rows:
            bag: dict[int, int] = {}
            for term in row.terms.split():
                column = term_ids.setdefault(term, len(term_ids))
                bag[column] = bag.get(column, 0) + 1
            columns.extend(bag.keys())
            counts.extend(bag.values())
            indptr.append(len(columns))
            chunk_ids.append(row.chunk_id)
            document_ids.append(row.document_id)
            languages.append(row.language)
            file_types.append(row.file_type)
            dates.append(row.date_ordinal)
            vectors.append(row.embedding)
        tf = sparse.csr_matrix(
            (np.asarray(counts, dtype=np.float32), np.asarray(columns, dtype=np.int32), indptr),
            shape=(len(chunk_ids), len(term_ids)),
        ).tocsc()
        dense = None
        if vectors and all(v is not None for v in vectors):
            dense = np.vstack([np.frombuffer(v, dtype=np.float32) for v in vectors])
        return cls(
            version=version,
            chunk_ids=np.asarray(chunk_ids, dtype=np.int64),
            document_ids=np.asarray(document_ids, dtype=np.int64),
            tf=tf,
            vocabulary=list(term_ids),
            languages=np.asarray(languages, dtype=object),
            file_types=np.asarray(file_types, dtype=object),
            dates=np.asarray(dates, dtype=np.int64),
            phrases=PhraseFrequency.count(phrase_sample),
            vectors=dense,
        )

    # --- persistence ---------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp.npz")
        arrays = {
            "version": np.asarray([self.version]),
            "chunk_ids": self.chunk_ids,
            "document_ids": self.document_ids,
            "tf_data": self.tf.data,
            "tf_indices": self.tf.indices,
            "tf_indptr": self.tf.indptr,
            "tf_shape": np.asarray(self.tf.shape),
            "vocabulary": np.asarray(self.vocabulary, dtype=str),
            "languages": self.languages.astype(str),
            "file_types": self.file_types.astype(str),
            "dates": self.dates,
            # One UTF-8 string of phrases, one per line: far smaller than a fixed-width string array.
            "phrases": np.frombuffer("\n".join(self.phrases.counts).encode("utf-8"), dtype=np.uint8),
            "phrase_counts": np.fromiter(self.phrases.counts.values(), dtype=np.int32),
            "phrase_documents": np.asarray([self.phrases.documents]),
        }
        if self.vectors is not None:
            arrays["vectors"] = self.vectors
        with open(temporary, "wb") as handle:
            np.savez(handle, **arrays)
        temporary.replace(path)  # readers never see a half-written index

    @classmethod
    def load(cls, path: Path) -> "CollectionIndex":
        with np.load(path, allow_pickle=False) as data:
            phrases = data["phrases"].tobytes().decode("utf-8").split("\n") if len(data["phrases"]) else []
            tf = sparse.csc_matrix(
                (data["tf_data"], data["tf_indices"], data["tf_indptr"]), shape=tuple(data["tf_shape"])
            )
            return cls(
                version=int(data["version"][0]),
                chunk_ids=data["chunk_ids"],
                document_ids=data["document_ids"],
                tf=tf,
                vocabulary=data["vocabulary"].tolist(),
                languages=data["languages"].astype(object),
                file_types=data["file_types"].astype(object),
                dates=data["dates"],
                phrases=PhraseFrequency(
                    dict(zip(phrases, data["phrase_counts"].tolist(), strict=True)),
                    int(data["phrase_documents"][0]),
                ),
                vectors=data.get("vectors"),
            )

    # --- querying ------------------------------------------------------------------------------------

    def _mask(self, row_filter: RowFilter) -> np.ndarray | None:
        if row_filter.is_empty:
            return None
        mask = np.ones(len(self), dtype=bool)
        if row_filter.languages:
            mask &= np.isin(self.languages, list(row_filter.languages))
        if row_filter.file_types:
            mask &= np.isin(self.file_types, list(row_filter.file_types))
        if row_filter.date_from:
            mask &= self.dates >= row_filter.date_from
        if row_filter.date_to:
            mask &= (self.dates <= row_filter.date_to) & (self.dates > 0)
        return mask

    def bm25(self, terms: Sequence[QueryTerm], *, k: int, row_filter: RowFilter = RowFilter()):
        """The best ``k`` rows for the terms, as (row indices, scores), best first."""
        scores = np.zeros(len(self), dtype=np.float32)
        for query_term in terms:
            column = self.term_ids.get(query_term.term)
            if column is None:
                continue
            start, end = self.tf.indptr[column], self.tf.indptr[column + 1]
            rows = self.tf.indices[start:end]
            tf = self.tf.data[start:end]
            scores[rows] += query_term.weight * self._idf[column] * tf * (K1 + 1) / (tf + self._norm[rows])
        mask = self._mask(row_filter)
        matched = scores > 0 if mask is None else (scores > 0) & mask
        return _top(scores, np.flatnonzero(matched), k)

    def dense(self, vector: np.ndarray, *, k: int, row_filter: RowFilter = RowFilter()):
        if self.vectors is None or self.vectors.shape[1] != vector.shape[0]:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores = self.vectors @ vector.astype(np.float32)
        mask = self._mask(row_filter)
        return _top(scores, np.arange(len(self)) if mask is None else np.flatnonzero(mask), k)


def _top(scores: np.ndarray, candidates: np.ndarray, k: int):
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    order = np.argsort(-scores[candidates], kind="stable")
    candidates = candidates[order]
    return candidates, scores[candidates]


def reciprocal_rank_fusion(rankings: Sequence[np.ndarray], *, k: int, constant: int = 60) -> list[int]:
    """Fuse rankings of row indices (best first) by reciprocal rank; returns the best ``k`` rows."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, row in enumerate(ranking.tolist()):
            fused[row] = fused.get(row, 0.0) + 1.0 / (constant + rank + 1)
    return sorted(fused, key=lambda row: -fused[row])[:k]
