"""The entries of FAQ and forms collections held ready to score a question against, one matcher per
collection per process, rebuilt when the collection's index version moves on."""

import threading
from dataclasses import dataclass

import numpy as np

from aiplus.core.language import index_terms, query_terms
from aiplus.documents.models import Collection
from aiplus.faq import embedding, matching
from aiplus.faq.embedding import entries_embed, stale_entries, text_count
from aiplus.faq.models import FaqEntry, is_faq
from aiplus.llm import embeddings


@dataclass(frozen=True)
class _Version:
    pk: int
    entry_id: str
    language: str
    question: str
    answer: str
    url: str
    form: str
    department: str
    chunk_id: int
    document_id: int


class CollectionMatcher:
    """The entries of one collection, ready to score a question against: BM25 per language version and one
    vector per wording."""

    def __init__(self, collection: Collection, entries: list[FaqEntry], model: str):
        self.collection = collection
        self.versions = [
            _Version(
                e.pk,
                e.entry_id,
                e.language,
                e.question,
                e.answer,
                e.url,
                e.form,
                e.department,
                e.chunk_id or 0,
                e.document_id or 0,
            )
            for e in entries
        ]
        self.entry_ids = sorted({e.entry_id for e in entries})
        at = {entry_id: i for i, entry_id in enumerate(self.entry_ids)}
        self.version_entry = np.asarray([at[e.entry_id] for e in entries], dtype=np.int64)
        self.bm25 = matching.Bm25([index_terms(" ".join(e.wordings)) for e in entries])
        self.answer_bm25 = matching.Bm25([index_terms(f"{e.question} {e.answer}") for e in entries])
        self.vectors = None
        ready = all(
            e.vectors is not None and e.passage_vector is not None and e.vectors_model == model
            for e in entries
        )
        if model and entries and ready:
            rows = [
                np.frombuffer(bytes(e.vectors), dtype=np.float32).reshape(len(e.wordings), -1)
                for e in entries
            ]
            self.vectors = np.vstack(rows)
            self.wording_entry = np.concatenate(
                [np.full(len(r), at[e.entry_id], dtype=np.int64) for r, e in zip(rows, entries, strict=True)]
            )
            self.passages = np.vstack(
                [np.frombuffer(bytes(e.passage_vector), dtype=np.float32) for e in entries]
            )

    def scores(
        self, terms, vector: np.ndarray | None
    ) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray, np.ndarray]:
        """Per entry id (``entry_ids``): the best wording's cosine and the best version's question-and-answer
        cosine (None without vectors), the best language version's normalised BM25 over its wordings and
        its raw BM25 over question and answer."""
        bm25 = np.zeros(len(self.entry_ids), dtype=np.float32)
        np.maximum.at(bm25, self.version_entry, self.bm25.scores(terms))
        answer = np.zeros(len(self.entry_ids), dtype=np.float32)
        np.maximum.at(answer, self.version_entry, self.answer_bm25.raw_scores(terms))
        dense = passage = None
        if vector is not None and self.vectors is not None and self.vectors.shape[1] == vector.shape[0]:
            vector = vector.astype(np.float32)
            dense = np.full(len(self.entry_ids), -1.0, dtype=np.float32)
            np.maximum.at(dense, self.wording_entry, self.vectors @ vector)
            passage = np.full(len(self.entry_ids), -1.0, dtype=np.float32)
            np.maximum.at(passage, self.version_entry, self.passages @ vector)
        return dense, passage, bm25, answer


_matchers: dict[int, tuple[int, str, CollectionMatcher]] = {}
_matchers_lock = threading.Lock()


def collection_matcher(collection: Collection) -> CollectionMatcher:
    version = Collection.objects.filter(pk=collection.pk).values_list("index_version", flat=True).first()
    model = embeddings.model_name() if embeddings.embeddings_configured() else ""
    cached = _matchers.get(collection.pk)
    if cached is not None and cached[:2] == (version, model):
        return cached[2]
    with _matchers_lock:
        entries = list(FaqEntry.objects.filter(collection=collection).order_by("pk"))
        stale = stale_entries(entries, model) if model else []
        if (
            stale and text_count(stale) <= embedding.EMBED_INLINE_TEXTS
        ):  # a few left over (an endpoint was down): do them now
            entries_embed(stale)
        matcher = CollectionMatcher(collection, entries, model)
        _matchers[collection.pk] = (version, model, matcher)
        return matcher


def drop_cached_matchers() -> None:
    _matchers.clear()


@dataclass(frozen=True)
class Scored:
    """Every entry of the collections with its raw scores (for the matcher and the benchmark)."""

    matchers: list[CollectionMatcher]
    dense: np.ndarray | None
    passage: np.ndarray | None
    bm25: np.ndarray
    answer: np.ndarray

    def owner(self, index: int) -> tuple[CollectionMatcher, str]:
        for matcher in self.matchers:
            if index < len(matcher.entry_ids):
                return matcher, matcher.entry_ids[index]
            index -= len(matcher.entry_ids)
        raise IndexError(index)


def faq_scores(*, question: str, collections: list[Collection], actor=None) -> Scored:
    matchers = [collection_matcher(c) for c in collections if is_faq(c)]
    vector = None
    if any(m.vectors is not None for m in matchers):
        # From the per-process query cache: the same question asked again, or searched in the documents next,
        # is not embedded again (the embedding was most of a bot's answer time, bench/bot_page.py).
        vector = embeddings.embed_query(question, actor=actor, flow="faq.match")
    terms = query_terms(question)
    parts = [matcher.scores(terms, vector) for matcher in matchers]
    dense_parts = [p[0] for p in parts]
    passage_parts = [p[1] for p in parts]
    bm25 = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=np.float32)
    answer = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, dtype=np.float32)
    dense = passage = None
    if dense_parts and all(d is not None for d in dense_parts):
        dense, passage = np.concatenate(dense_parts), np.concatenate(passage_parts)
    return Scored(matchers, dense, passage, bm25, answer)
