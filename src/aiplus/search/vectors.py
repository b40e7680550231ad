"""Passage vectors, filled in by low-priority background work after a document is searchable by keywords.

A document is indexed for BM25 as soon as it is read; ``vectors_schedule`` then queues one job per
collection (a ``CollectionVectors`` row, claimed as ``aiplus.core.workers`` describes) on the long queue,
which the quick-lane worker never serves. The job embeds the collection's passages without a vector a few at a
time (``AIPLUS_EMBEDDINGS_BATCH``) in a low-priority thread, and after each step:

- writes the vectors and bumps the collection's ``index_version``, so searches use them at once;
- gives its claim back and comes back a few seconds later when a document is waiting to be read, so
  embedding never holds a worker a new document needs.

Each text's vector is kept by model and sha256 (``PassageVector``): an identical passage is embedded once.
A job that finishes prunes the kept vectors whose text no passage has any more (``passage_vectors_prune``).
Every vector stored in a collection's passages comes from the model its ``CollectionVectors.model`` names; when
the configured model changes, the old vectors are left out of search until ``vectors_rebuild`` replaces them.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from aiplus.core.validation import clean_text
from aiplus.core.workers import LONG_QUEUE, Claim, WorkKind, work_enqueue, work_recover, work_run
from aiplus.documents.models import Chunk, Collection, Document, Status
from aiplus.documents.selectors import collection_for_managing, collection_for_reading
from aiplus.llm import embeddings
from aiplus.search.models import CollectionVectors, PassageVector, VectorStatus

logger = logging.getLogger("aiplus.search")

VECTORS_TASK = "aiplus.search.fill_vectors"
# A job that stepped aside for a waiting document is sent again after this many seconds.
YIELD_SECONDS = 5.0

VECTOR_WORK = WorkKind(
    model=CollectionVectors,
    task=VECTORS_TASK,
    waiting=Q(status=VectorStatus.QUEUED),
    held=Q(status=VectorStatus.PROCESSING),
    on_claim={"status": VectorStatus.PROCESSING, "attempts": F("attempts") + 1},
    on_give_back={"status": VectorStatus.QUEUED},
    queue=LONG_QUEUE,
)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VectorProgress:
    """How far a collection's passages have their vectors: ``done`` of ``total``, from ``model``.

    ``state``: ``off`` (embeddings are off), ``stale`` (its vectors come from another model than the one
    configured: search leaves them out until the collection is embedded again), ``failed``, ``working``
    (passages are still waiting for vectors) or ``ready``.
    """

    done: int
    total: int
    model: str
    state: str
    error: str = ""

    def as_dict(self) -> dict:
        return {
            "done": self.done,
            "total": self.total,
            "model": self.model,
            "state": self.state,
            "error": self.error,
        }


def vector_progress(collection: Collection) -> VectorProgress:
    chunks = Chunk.objects.filter(collection_id=collection.pk)
    total = chunks.count()
    work = CollectionVectors.objects.filter(collection_id=collection.pk).first()
    model = work.model if work else ""
    done = chunks.filter(embedding__isnull=False).count() if total else 0
    if not embeddings.embeddings_configured():
        state = "off"
    elif model and model != embeddings.model_name():
        state = "stale"
    elif work is not None and work.status == VectorStatus.FAILED:
        state = "failed"
    else:
        state = "ready" if done >= total else "working"
    error = work.error_code if work is not None and state == "failed" else ""
    return VectorProgress(done=done, total=total, model=model, state=state, error=error)


def collection_vector_model(collection_id: int) -> str:
    """The model the collection's stored vectors come from ("" when it has none yet)."""
    return (
        CollectionVectors.objects.filter(collection_id=collection_id).values_list("model", flat=True).first()
        or ""
    )


def vectors_schedule(*, collection_id: int) -> bool:
    """Queue the background work that gives a collection's new passages their vectors (after a document was
    read). Nothing is queued when embeddings are off. True when a task was sent."""
    if not embeddings.embeddings_configured():
        return False
    work, created = CollectionVectors.objects.get_or_create(collection_id=collection_id)
    requeued = CollectionVectors.objects.filter(
        pk=work.pk, status__in=[VectorStatus.READY, VectorStatus.FAILED]
    ).update(status=VectorStatus.QUEUED, error_code="", error_params={})
    if created or requeued:
        transaction.on_commit(lambda: work_enqueue(VECTOR_WORK, work.pk))
        return True
    return False


def vectors_rebuild(*, collection: Collection) -> None:
    """Forget the collection's vectors and queue them again from the configured model (after a change of
    model). Keyword search is unaffected; until the new vectors arrive, search uses BM25 alone."""
    with transaction.atomic():
        work, _ = CollectionVectors.objects.select_for_update().get_or_create(collection_id=collection.pk)
        Chunk.objects.filter(collection_id=collection.pk).exclude(embedding=None).update(embedding=None)
        CollectionVectors.objects.filter(pk=work.pk).update(
            model="", status=VectorStatus.QUEUED, error_code="", error_params={}, progress_done=0
        )
        Collection.objects.filter(pk=collection.pk).update(index_version=F("index_version") + 1)
        # A job running now stops at its next step: the row changed hands (its claim is cleared).
        CollectionVectors.objects.filter(pk=work.pk).update(claimed_by="", claimed_at=None, heartbeat_at=None)
    transaction.on_commit(lambda: work_enqueue(VECTOR_WORK, work.pk))
    logger.info("vectors rebuild queued collection=%s model=%s", collection.pk, embeddings.model_name())


def vectors_fill(
    *,
    work_id: int,
    worker: str | None = None,
    step_aside: bool = True,
    on_step: Callable[[int, int], None] = lambda done, total: None,
) -> str:
    """Give vectors to every passage of one collection that lacks one. Safe to run twice: only the claimant
    works. ``step_aside``: give the claim back while documents are waiting to be read (a worker's run; the
    command line's ``--wait`` keeps going). ``on_step`` hears passages done and total after each step."""

    def body(claim: Claim) -> str:
        return _fill(claim, step_aside=step_aside, on_step=on_step)

    return work_run(VECTOR_WORK, work_id, body, worker=worker)


def _documents_waiting() -> bool:
    return Document.objects.filter(status=Status.QUEUED).exists()


def _vectors_for(texts: list[str], model: str, *, background: bool) -> list[bytes]:
    """Vectors of the texts: those kept from before, and the others embedded now and kept (``background``: in
    the low-priority thread, for a worker's run; ``aiplus embed --wait`` asked for them now)."""
    hashes = [text_hash(text) for text in texts]
    kept = dict(
        PassageVector.objects.filter(model=model, text_hash__in=set(hashes)).values_list(
            "text_hash", "vector"
        )
    )
    missing = list(dict.fromkeys(h for h in hashes if h not in kept))
    if missing:
        first_text = {h: text for h, text in zip(hashes, texts, strict=True)}
        rows = embeddings.embed_texts(
            [first_text[h] for h in missing], query=False, flow="search.vectors", background=background
        )
        new = {
            h: np.ascontiguousarray(row, dtype=np.float32).tobytes()
            for h, row in zip(missing, rows, strict=True)
        }
        PassageVector.objects.bulk_create(
            [PassageVector(model=model, text_hash=h, vector=v) for h, v in new.items()], ignore_conflicts=True
        )
        kept.update(new)
    return [bytes(kept[h]) for h in hashes]


PRUNE_BATCH = 500


def passage_vectors_prune() -> int:
    """Delete the kept vectors (``PassageVector``) whose text no passage has any more: those of deleted
    documents, and of the old passages of documents read again. Kept vectors made since this began are left
    alone, so a passage being ingested meanwhile keeps its vector. Returns how many went."""
    started = timezone.now()
    in_use = {
        text_hash(text)
        for text in Chunk.objects.values_list("text", flat=True).iterator(chunk_size=PRUNE_BATCH)
    }
    unused = [
        pk
        for pk, digest in PassageVector.objects.filter(created_at__lt=started)
        .values_list("pk", "text_hash")
        .iterator(chunk_size=PRUNE_BATCH)
        if digest not in in_use
    ]
    for start in range(0, len(unused), PRUNE_BATCH):
        PassageVector.objects.filter(pk__in=unused[start : start + PRUNE_BATCH]).delete()
    if unused:
        logger.info("kept vectors pruned count=%s", len(unused))
    return len(unused)


def _fill(claim: Claim, *, step_aside: bool, on_step: Callable[[int, int], None]) -> str:
    work = CollectionVectors.objects.get(pk=claim.pk)
    model = embeddings.model_name()
    if not model:
        claim.finish(status=VectorStatus.READY)
        return VectorStatus.READY
    if work.model and work.model != model:
        logger.warning(
            "vectors of another model collection=%s stored=%s configured=%s",
            work.collection_id,
            work.model,
            model,
        )
        claim.finish(status=VectorStatus.READY)
        return VectorStatus.READY
    if not work.model:
        claim.rows.update(model=model)
    chunks = Chunk.objects.filter(collection_id=work.collection_id)
    total = chunks.count()
    batch_size = max(1, settings.AIPLUS_EMBEDDINGS_BATCH)
    while True:
        done = chunks.filter(embedding__isnull=False).count()
        claim.progress(done, total)
        on_step(done, total)
        batch = list(chunks.filter(embedding=None).order_by("id").values_list("id", "text")[:batch_size])
        if not batch:
            break
        if step_aside and _documents_waiting():
            claim.give_back()
            work_enqueue(VECTOR_WORK, claim.pk, countdown=YIELD_SECONDS)
            logger.info("vectors step aside for waiting documents collection=%s", work.collection_id)
            return "yielded"
        vectors = _vectors_for([text for _, text in batch], model, background=step_aside)
        with transaction.atomic():
            if claim.rows.select_for_update().filter(model=model).first() is None:
                return "cancelled"  # rebuilt or deleted meanwhile: these vectors are not wanted
            for (chunk_id, _), vector in zip(batch, vectors, strict=True):
                Chunk.objects.filter(pk=chunk_id, embedding=None).update(embedding=vector)
            Collection.objects.filter(pk=work.collection_id).update(index_version=F("index_version") + 1)
        total = chunks.count()
    claim.finish(status=VectorStatus.READY, progress_done=total, progress_total=total)
    on_step(total, total)
    # A document read after the last step above and before this finish queued nothing (the work was held):
    # look once more, now that the row is free.
    if chunks.filter(embedding=None).exists():
        vectors_schedule(collection_id=work.collection_id)
    logger.info("vectors ready collection=%s passages=%s model=%s", work.collection_id, total, model)
    passage_vectors_prune()
    return VectorStatus.READY


def vectors_recover(*, enqueue: bool = True) -> list[int]:
    """Take back the work of dead workers and send every waiting job again (a worker's start-up)."""
    return work_recover(VECTOR_WORK, enqueue=enqueue)


def vectors_wait(
    *,
    collection: Collection,
    on_step: Callable[[int, int], None] = lambda done, total: None,
    poll_seconds: float = 0.5,
) -> VectorProgress:
    """Return when every passage of the collection has its vector (``aiplus embed --wait``): the work is
    done in this process unless a worker holds it, in which case its progress is followed. ``on_step``
    hears passages done and total as they change."""
    while True:
        vectors_schedule(collection_id=collection.pk)
        progress = vector_progress(collection)
        on_step(progress.done, progress.total)
        work = CollectionVectors.objects.filter(collection_id=collection.pk).first()
        if progress.state in {"off", "stale", "failed", "ready"} or work is None:
            return progress
        outcome = vectors_fill(work_id=work.pk, step_aside=False, on_step=on_step)
        if outcome == "skipped":  # a worker holds it
            time.sleep(poll_seconds)
        elif outcome == "failed":
            return vector_progress(collection)


def collection_embed(*, actor, slug: str, rebuild: bool = False) -> Collection:
    """Queue the vectors of a collection the actor may read (``aiplus embed``); with ``rebuild``, which needs
    the right to manage it, forget its vectors first and embed every passage again with the configured
    model."""
    if rebuild:
        collection = collection_for_managing(actor, clean_text("collection.slug", slug))
        vectors_rebuild(collection=collection)
    else:
        collection = collection_for_reading(actor, clean_text("collection.slug", slug))
        vectors_schedule(collection_id=collection.pk)
    return collection
