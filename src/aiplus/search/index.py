"""An in-memory BM25 index over one collection's chunks, with optional dense vectors.

Built from the terms stored with each chunk (see ``aiplus.core.language.index_terms``), held as a sparse
term-frequency matrix so a query touches only the postings of its own terms, and saved to disk keyed by
the collection's index version so other processes (CLI runs, web workers) load it instead of rebuilding.
After a change it is updated (``CollectionIndex.updated``) rather than rebuilt.
"""

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

import numpy as np
from scipy import sparse

from aiplus.core.deadlines import check_time_limit
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
    """In how many of ``documents`` passages each phrase (``phrase_pairs``) occurs; counted on the passages
    whose chunk id is a multiple of ``every`` (1: all of them)."""

    counts: dict[str, int]
    documents: int
    every: int = 1

    @classmethod
    def count(cls, texts: Iterable[str], *, every: int = 1) -> "PhraseFrequency":
        return cls({}, 0, every).plus(texts)

    def plus(self, texts: Iterable[str]) -> "PhraseFrequency":
        counts = Counter(self.counts)
        documents = self.documents
        for text in texts:
            counts.update(phrase_pairs(text))
            documents += 1
        return PhraseFrequency(dict(counts), documents, self.every)


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
        phrases: PhraseFrequency,
        vectors: np.ndarray | None = None,
        changes: int = 0,
        vector_model: str = "",
    ):
        self.version = version
        self.vector_model = vector_model  # the model the vectors come from
        self.phrases = phrases
        self.changes = changes  # rows added or dropped by updates since the last full build
        self.chunk_ids = chunk_ids
        self.document_ids = document_ids
        self.tf = tf
        self.vocabulary = list(vocabulary)
        self.term_ids = {term: i for i, term in enumerate(self.vocabulary)}
        self.languages = languages
        self.file_types = file_types
        self.dates = dates
        self.vectors = vectors
        self._has_vector: np.ndarray | None = None
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
        cls,
        rows: Iterable[IndexRow],
        *,
        version: int,
        phrases: PhraseFrequency = PhraseFrequency({}, 0),
        vector_model: str = "",
    ) -> "CollectionIndex":
        """An index of the rows, with the re-rank's phrase frequencies counted on their passages (all, or an
        even sample of a large collection)."""
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
        width = next((len(v) // 4 for v in vectors if v is not None), 0)
        if width:  # rows still waiting for their vector (or of another size) get zeros
            dense = np.zeros((len(vectors), width), dtype=np.float32)
            for row, vector in enumerate(vectors):
                if vector is not None and len(vector) == width * 4:
                    dense[row] = np.frombuffer(vector, dtype=np.float32)
        return cls(
            version=version,
            chunk_ids=np.asarray(chunk_ids, dtype=np.int64),
            document_ids=np.asarray(document_ids, dtype=np.int64),
            tf=tf,
            vocabulary=list(term_ids),
            languages=np.asarray(languages, dtype=object),
            file_types=np.asarray(file_types, dtype=object),
            dates=np.asarray(dates, dtype=np.int64),
            phrases=phrases,
            vectors=dense,
            vector_model=vector_model,
        )

    def updated(
        self,
        rows: Sequence[IndexRow],
        *,
        keep: np.ndarray,
        version: int,
        phrases: PhraseFrequency,
        changes: int,
    ) -> "CollectionIndex":
        """This index without the rows ``keep`` (a mask) leaves out and with ``rows`` added, in chunk id order
        as a full build has them. Lengths, document frequencies and IDF are recomputed from the new matrix,
        so every query scores exactly as on a full build of the same rows."""
        added = CollectionIndex.build(rows, version=version)
        term_ids = dict(self.term_ids)
        added_columns = np.asarray(
            [term_ids.setdefault(term, len(term_ids)) for term in added.vocabulary], dtype=np.int64
        )
        width, kept = len(term_ids), int(keep.sum())
        chunk_ids = np.concatenate([self.chunk_ids[keep], added.chunk_ids])
        # New ids are normally the largest, but a transaction may commit after one with larger ids.
        in_order = bool((np.diff(chunk_ids) > 0).all())
        order = slice(None) if in_order else np.argsort(chunk_ids)
        place = np.arange(len(chunk_ids)) if in_order else np.argsort(order)  # each row's new place

        # The kept rows' entries, column by column, renumbered to their rows' new places.
        indptr, indices, data = self.tf.indptr.astype(np.int64), self.tf.indices, self.tf.data
        if kept < len(self):
            alive = keep[indices]
            indptr = np.concatenate([[0], np.cumsum(alive)])[indptr]
            indices, data = indices[alive], data[alive]
        if kept < len(self) or not in_order:
            renumbered = np.zeros(len(self), dtype=np.int64)
            renumbered[keep] = place[:kept]
            indices = renumbered[indices]
        # The new rows' entries go at the end of their columns; new terms' columns follow the others.
        indptr = np.concatenate([indptr, np.full(width - self.tf.shape[1], indptr[-1])])
        columns = np.repeat(added_columns, np.diff(added.tf.indptr))
        by_column = np.argsort(columns, kind="stable")
        columns = columns[by_column]
        at = indptr[columns + 1]
        indices = np.insert(indices, at, place[kept + added.tf.indices[by_column]])
        data = np.insert(data, at, added.tf.data[by_column])
        indptr += np.concatenate([[0], np.cumsum(np.bincount(columns, minlength=width))])
        used = np.diff(indptr) > 0  # terms that only dropped rows had leave the vocabulary
        tf = sparse.csc_matrix(
            (data, indices, indptr[np.concatenate([[True], used])]), shape=(len(chunk_ids), int(used.sum()))
        )
        if not in_order:
            tf.sort_indices()

        def joined(mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
            return np.concatenate([mine[keep], theirs])[order]

        vectors = None
        width = next((v.shape[1] for v in (self.vectors, added.vectors) if v is not None), 0)
        if width:  # rows of either side without vectors (or of another size) get zeros

            def sized(matrix: np.ndarray | None, rows: int) -> np.ndarray:
                if matrix is not None and matrix.shape[1] == width:
                    return matrix
                return np.zeros((rows, width), dtype=np.float32)

            vectors = joined(sized(self.vectors, len(self)), sized(added.vectors, len(added)))

        return CollectionIndex(
            version=version,
            chunk_ids=chunk_ids[order],
            document_ids=joined(self.document_ids, added.document_ids),
            tf=tf,
            vocabulary=list(compress(term_ids, used)),
            languages=joined(self.languages, added.languages),
            file_types=joined(self.file_types, added.file_types),
            dates=joined(self.dates, added.dates),
            phrases=phrases,
            vectors=vectors,
            changes=changes,
            vector_model=self.vector_model,
        )

    def fill_vectors(self, rows: np.ndarray, vectors: list[bytes]) -> None:
        """Give the rows (indices) their vectors, which background work wrote after this index was built. Only
        for an index no other thread holds yet (one just built or updated)."""
        if not len(rows):
            return
        width = len(vectors[0]) // 4
        if self.vectors is None or self.vectors.shape[1] != width:
            self.vectors = np.zeros((len(self), width), dtype=np.float32)
        self.vectors[rows] = np.vstack([np.frombuffer(v, dtype=np.float32) for v in vectors])
        self._has_vector = None

    # --- persistence ---------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Written to a temporary file of this writer's own and renamed over ``path``: readers never see a
        half-written index, and two processes saving the same version at once each write a whole file."""
        path.parent.mkdir(parents=True, exist_ok=True)
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
            "phrase_every": np.asarray([self.phrases.every]),
            "changes": np.asarray([self.changes]),
            "vector_model": np.asarray([self.vector_model], dtype=str),
        }
        if self.vectors is not None:
            arrays["vectors"] = self.vectors
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                np.savez(handle, **arrays)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

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
                    int(data["phrase_every"][0]),
                ),
                vectors=data.get("vectors"),
                changes=int(data["changes"][0]),
                vector_model=str(data["vector_model"][0]) if "vector_model" in data else "",
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
        return self.bm25_top(self.bm25_scores(terms), k=k, row_filter=row_filter)

    def bm25_top(self, scores: np.ndarray, *, k: int, row_filter: RowFilter = RowFilter()):
        mask = self._mask(row_filter)
        matched = scores > 0 if mask is None else (scores > 0) & mask
        return _top(scores, np.flatnonzero(matched), k)

    def bm25_scores(self, terms: Sequence[QueryTerm]) -> np.ndarray:
        """Every row's BM25 score for the terms."""
        scores = np.zeros(len(self), dtype=np.float32)
        for query_term in terms:
            check_time_limit()
            column = self.term_ids.get(query_term.term)
            if column is None:
                continue
            start, end = self.tf.indptr[column], self.tf.indptr[column + 1]
            rows = self.tf.indices[start:end]
            tf = self.tf.data[start:end]
            scores[rows] += query_term.weight * self._idf[column] * tf * (K1 + 1) / (tf + self._norm[rows])
        return scores

    @property
    def has_vector(self) -> np.ndarray:
        """Which rows have a vector (a row still waiting for background work has zeros); worked out once."""
        if self._has_vector is None:
            self._has_vector = (
                np.zeros(len(self), dtype=bool) if self.vectors is None else np.any(self.vectors != 0, axis=1)
            )
        return self._has_vector

    def dense_scores(self, vector: np.ndarray) -> np.ndarray | None:
        """Every row's cosine similarity to the query vector (NaN for rows without a vector), or None when
        the index has no vectors of that size."""
        if self.vectors is None or self.vectors.shape[1] != vector.shape[0]:
            return None
        scores = (self.vectors @ vector.astype(np.float32)).astype(np.float32)
        scores[~self.has_vector] = np.nan
        return scores

    def dense(self, vector: np.ndarray, *, k: int, row_filter: RowFilter = RowFilter()):
        """The best ``k`` rows with a vector by cosine similarity, as (row indices, scores), best first."""
        scores = self.dense_scores(vector)
        if scores is None:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        mask = self._mask(row_filter)
        allowed = self.has_vector if mask is None else self.has_vector & mask
        return _top(scores, np.flatnonzero(allowed), k)


def _top(scores: np.ndarray, candidates: np.ndarray, k: int):
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    order = np.argsort(-scores[candidates], kind="stable")
    candidates = candidates[order]
    return candidates, scores[candidates]
