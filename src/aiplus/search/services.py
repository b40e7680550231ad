"""Search over the collections an actor may read: BM25 on bilingual terms, fused with dense vectors
(``search.fusion``) where a collection has them, filtered by language, file type and date."""

import logging
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Mod

from aiplus.core.deadlines import check_time_limit, within_time_limit
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import phrase_coverage_scorer, phrase_weights, query_terms
from aiplus.core.validation import clean_number, clean_text
from aiplus.documents.models import Chunk, Collection
from aiplus.documents.selectors import collections_visible_to
from aiplus.llm import embeddings
from aiplus.search.fusion import dense_weight, fuse
from aiplus.search.index import CollectionIndex, IndexRow, PhraseFrequency, RowFilter

logger = logging.getLogger("aiplus.search")

CANDIDATES = 50
# How many first-stage results are re-ranked by phrase overlap with the query.
RERANK_DEPTH = 20
# Phrase rarity for the re-rank is counted on at most about this many passages of a collection.
PHRASE_SAMPLE = 10_000
# An index is updated after a change, not rebuilt, until the rows added and dropped since its last full build
# pass this share of the collection: the phrases of dropped passages are still counted until then.
REBUILD_SHARE = 0.2
# Chunk ids per ``IN (...)`` query, well under every database's limit on parameters.
ID_BATCH = 500

_indexes: dict[int, CollectionIndex] = {}
_build_lock = threading.Lock()


@dataclass(frozen=True)
class SearchFilters:
    languages: tuple[str, ...] = ()
    file_types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def row_filter(self) -> RowFilter:
        return RowFilter(
            languages=frozenset(self.languages),
            file_types=frozenset(self.file_types),
            date_from=self.date_from.toordinal() if self.date_from else 0,
            date_to=self.date_to.toordinal() if self.date_to else 0,
        )


@dataclass(frozen=True)
class SearchHit:
    chunk_id: int
    document_id: int
    source_id: str
    title: str
    collection: str
    page: int
    char_start: int
    char_end: int
    score: float
    text: str
    file_type: str
    language: str

    def as_dict(self) -> dict:
        return {
            "source_id": self.source_id,
            "document": self.document_id,
            "title": self.title,
            "collection": self.collection,
            "page": self.page,
            "chunk_id": self.chunk_id,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "score": round(self.score, 4),
            "text": self.text,
        }


def _index_path(collection_id: int, version: int) -> Path:
    return Path(settings.AIPLUS_HOME) / "index" / f"collection-{collection_id}-v{version}.npz"


def _saved_versions(collection_id: int) -> dict[int, Path]:
    """The saved indexes of a collection by version (one, unless processes saved at the same time)."""
    prefix = f"collection-{collection_id}-v"
    found = {
        path.name[len(prefix) : -len(".npz")]: path
        for path in _index_path(collection_id, 0).parent.glob(f"{prefix}*.npz")
    }
    return {int(version): path for version, path in found.items() if version.isdigit()}


def _load(path: Path) -> CollectionIndex | None:
    try:
        return CollectionIndex.load(path)
    except (OSError, ValueError, KeyError):  # unreadable, from an older release, or removed meanwhile
        logger.warning("index file unreadable path=%s", path)
        return None


def _batches(ids: list[int]):
    for start in range(0, len(ids), ID_BATCH):
        yield ids[start : start + ID_BATCH]


def _rows(chunks):
    """The index rows of the chunks of a query set, in id order."""
    for (
        chunk_id,
        document_id,
        terms,
        language,
        file_type,
        document_date,
        embedding,
    ) in (
        chunks.order_by("id")
        .values_list(
            "id",
            "document_id",
            "terms",
            "language",
            "document__file_type",
            "document__document_date",
            "embedding",
        )
        .iterator(chunk_size=2000)
    ):
        yield IndexRow(
            chunk_id=chunk_id,
            document_id=document_id,
            terms=terms,
            language=language,
            file_type=file_type,
            date_ordinal=document_date.toordinal() if document_date else 0,
            embedding=bytes(embedding) if embedding is not None else None,
        )


def _phrases(collection_id: int) -> PhraseFrequency:
    """Phrase rarity counted on every passage of a collection, or on an even sample of at most about
    ``PHRASE_SAMPLE`` of a large one (chunk ids on a stride): rarity is estimated as well from a sample, and
    counting phrases costs more than the rest of a build."""
    chunks = Chunk.objects.filter(collection_id=collection_id)
    every = max(1, -(-chunks.count() // PHRASE_SAMPLE))
    if every > 1:
        chunks = chunks.annotate(slot=Mod("id", every)).filter(slot=0)
    return PhraseFrequency.count(chunks.values_list("text", flat=True).iterator(chunk_size=2000), every=every)


def _built(collection_id: int, version: int, vector_model: str = "") -> CollectionIndex:
    chunks = Chunk.objects.filter(collection_id=collection_id)
    return CollectionIndex.build(
        _rows(chunks), version=version, phrases=_phrases(collection_id), vector_model=vector_model
    )


def _ids(query) -> np.ndarray:
    with connection.cursor() as cursor:  # the ids alone, without the ORM's work per row
        cursor.execute(*query.values_list("id").query.sql_with_params())
        return np.fromiter((chunk_id for (chunk_id,) in cursor.fetchall()), dtype=np.int64)


def _vectors_filled(collection_id: int, index: CollectionIndex) -> None:
    """Give the index's rows the vectors background work has written since it was built."""
    if not index.vector_model or not len(index):
        return
    missing = index.chunk_ids[~index.has_vector]
    if not len(missing):
        return
    embedded = _ids(Chunk.objects.filter(collection_id=collection_id, embedding__isnull=False).order_by())
    arrived = missing[np.isin(missing, embedded, assume_unique=True)].tolist()
    for batch in _batches(arrived):
        pairs = Chunk.objects.filter(pk__in=batch, embedding__isnull=False).values_list("id", "embedding")
        ids, vectors = zip(*pairs, strict=True) if pairs else ((), ())
        index.fill_vectors(np.searchsorted(index.chunk_ids, ids), [bytes(v) for v in vectors])


def _updated(
    collection_id: int, index: CollectionIndex, version: int, vector_model: str = ""
) -> CollectionIndex | None:
    """``index`` brought up to the collection's chunks: rows of chunks gone are dropped, only the new chunks
    are read, and vectors written since are filled in. ``None`` when a full build is due instead
    (``REBUILD_SHARE``, or the collection's vectors now come from another model)."""
    if index.vector_model != vector_model:
        return None
    chunks = Chunk.objects.filter(collection_id=collection_id).order_by()
    current = _ids(chunks)
    keep = np.isin(index.chunk_ids, current, assume_unique=True)
    new_ids = current[~np.isin(current, index.chunk_ids, assume_unique=True)].tolist()
    changes = index.changes + int((~keep).sum()) + len(new_ids)
    if changes > REBUILD_SHARE * len(current):
        return None
    rows = [row for batch in _batches(new_ids) for row in _rows(chunks.filter(pk__in=batch))]
    # New passages join the phrase counts as a full build would pick them: all, or those on the sample's
    # stride. Dropped passages stay counted until the next full build.
    sampled = [chunk_id for chunk_id in new_ids if chunk_id % index.phrases.every == 0]
    texts = (
        text
        for batch in _batches(sampled)
        for text in chunks.filter(pk__in=batch).values_list("text", flat=True)
    )
    phrases = index.phrases.plus(texts)
    updated = index.updated(rows, keep=keep, version=version, phrases=phrases, changes=changes)
    _vectors_filled(collection_id, updated)
    return updated


def collection_index(collection_id: int) -> CollectionIndex:
    """The current index of a collection: from this process's memory, the disk, updated from the one in
    memory or the newest on disk, or built from the database.

    The version is read before the chunks, so an index is never older than its label. Updates compare
    chunk ids, not a log of changes, so one that is newer than its label is still brought up to date.
    """
    found = (
        Collection.objects.filter(pk=collection_id).values_list("index_version", "vector_work__model").first()
    )
    if found is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection id {collection_id}")
    version, vector_model = found[0], found[1] or ""
    cached = _indexes.get(collection_id)
    if cached is not None and cached.version == version:
        return cached
    with _build_lock:
        cached = _indexes.get(collection_id)
        if cached is not None and cached.version == version:
            return cached
        saved = _saved_versions(collection_id)
        index = _load(saved[version]) if version in saved else None
        if index is None:
            base = cached  # an empty index is falsy: compare with None
            for _, path in sorted(saved.items(), reverse=True):
                if base is not None:
                    break
                if path != saved.get(version):
                    base = _load(path)
            index = _updated(collection_id, base, version, vector_model) if base is not None else None
            how = "updated"
            if index is None:
                index = _built(collection_id, version, vector_model)
                how = "built"
            path = _index_path(collection_id, version)
            index.save(path)
            for old_version, old in saved.items():
                if old_version < version:
                    old.unlink(missing_ok=True)
            logger.info(
                "index %s collection=%s version=%s chunks=%s", how, collection_id, version, len(index)
            )
        _indexes[collection_id] = index
        return index


@within_time_limit("AIPLUS_SEARCH_TIME_LIMIT_SECONDS")
def search(
    *,
    actor,
    query: str,
    collections: list[Collection] | None = None,
    k: int = 10,
    filters: SearchFilters = SearchFilters(),
) -> list[SearchHit]:
    """The best passages for a query among collections the actor may read (all of them by default).

    Collections passed in are checked again here, so no caller can widen access by passing one it
    should not see.
    """
    query = clean_text("search.query", query)
    k = clean_number("search.k", k)
    visible = collections_visible_to(actor)
    if collections is not None:
        visible = visible.filter(pk__in=[c.pk for c in collections])
    collection_slugs = dict(visible.values_list("pk", "slug"))
    terms = query_terms(query)
    row_filter = filters.row_filter()
    indexes = [index for index in map(collection_index, collection_slugs) if len(index)]
    model = embeddings.model_name()
    # The query is embedded once, and only when a searched collection has vectors of the configured model.
    with_vectors = [index.vector_model == model and index.has_vector.any() for index in indexes]
    weight = dense_weight(model)
    vector = embeddings.embed_query(query, actor=actor) if weight > 0 and any(with_vectors) else None

    # Every collection offers its best ``depth`` passages to the re-rank, not just ``k``: otherwise a short
    # result list (the assistant asks for 6) would re-rank only the passages BM25 already put first.
    depth = max(k, RERANK_DEPTH)
    candidates: list[tuple[float, float, int]] = []  # (BM25 score, cosine or NaN, chunk id)
    for index, dense_ready in zip(indexes, with_vectors, strict=True):
        check_time_limit()
        bm25 = index.bm25_scores(terms)
        rows, _ = index.bm25_top(bm25, k=max(depth, CANDIDATES), row_filter=row_filter)
        dense = index.dense_scores(vector) if vector is not None and dense_ready else None
        if dense is not None:
            dense_rows, _ = index.dense(vector, k=CANDIDATES, row_filter=row_filter)
            rows = np.union1d(rows, dense_rows)
        for row in rows.tolist():
            cosine = float(dense[row]) if dense is not None else float("nan")
            candidates.append((float(bm25[row]), cosine, int(index.chunk_ids[row])))
    fused = fuse(
        np.asarray([c[0] for c in candidates]),
        np.asarray([c[1] for c in candidates]),
        weight=weight,
    )
    scored = sorted(
        ((float(score), c[2]) for score, c in zip(fused, candidates, strict=True) if score > 0),
        key=lambda item: -item[0],
    )[:depth]
    searched = indexes
    # Only the fields a hit shows, as plain rows: building Chunk and Document objects was a fifth of a chat
    # answer's processor time (bench/chat_api.py).
    chunks = {
        row["pk"]: row
        for row in Chunk.objects.filter(pk__in=[chunk_id for _, chunk_id in scored]).values(
            "pk",
            "document_id",
            "collection_id",
            "page_number",
            "char_start",
            "char_end",
            "text",
            "language",
            "document__source_id",
            "document__title",
            "document__filename",
            "document__file_type",
        )
    }
    scored = _rerank(query, scored, chunks, searched)[:k]
    hits = []
    for score, chunk_id in scored:
        chunk = chunks.get(chunk_id)
        if chunk is None:  # deleted since the index was built
            continue
        hits.append(
            SearchHit(
                chunk_id=chunk_id,
                document_id=chunk["document_id"],
                source_id=chunk["document__source_id"],
                title=chunk["document__title"] or chunk["document__filename"],
                collection=collection_slugs[chunk["collection_id"]],
                page=chunk["page_number"],
                char_start=chunk["char_start"],
                char_end=chunk["char_end"],
                score=score,
                text=chunk["text"],
                file_type=chunk["document__file_type"],
                language=chunk["language"],
            )
        )
    return hits


def _rerank(
    query: str, scored: list[tuple[float, int]], chunks: dict, indexes: list[CollectionIndex]
) -> list[tuple[float, int]]:
    """Second stage: the first-stage score relative to the best, plus how much of the query's phrasing,
    weighted by rarity in the searched collections, each passage repeats (``phrase_coverage_scorer``)."""
    if not scored:
        return scored
    best = scored[0][0] or 1.0
    weights = phrase_weights(
        query,
        lambda phrase: sum(index.phrases.counts.get(phrase, 0) for index in indexes),
        sum(index.phrases.documents for index in indexes),
    )
    coverage = phrase_coverage_scorer(weights)
    rescored = []
    for score, chunk_id in scored:
        check_time_limit()
        if chunk_id in chunks:
            rescored.append((score / best + coverage(chunks[chunk_id]["text"]), chunk_id))
    return sorted(rescored, key=lambda item: -item[0])


def collection_index_drop(collection_id: int) -> None:
    """Forget a deleted collection's index, in this process's memory and on disk."""
    with _build_lock:
        _indexes.pop(collection_id, None)
        for path in _saved_versions(collection_id).values():
            path.unlink(missing_ok=True)
    logger.info("index dropped collection=%s", collection_id)


def drop_index_of_deleted_collection(sender, instance, **kwargs) -> None:
    """Receiver of ``post_delete`` for collections (connected in ``search.apps``): the index is a cache of
    the collection's passages, so it goes with them, once the delete is committed."""
    collection_id = instance.pk
    transaction.on_commit(lambda: collection_index_drop(collection_id))


def drop_cached_indexes() -> None:
    """Forget every in-memory index (tests, and after a reindex)."""
    _indexes.clear()
