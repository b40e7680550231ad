"""Vectors of FAQ entries: every wording (as a query, question to question) and the question with its answer
(as a passage), embedded once and kept on the entry, keyed by the model and a fingerprint of the texts.

A small import is embedded at once; a larger one by a background worker (``faq_embed_collection``, the task
``aiplus.faq.embed_collection``), while its collection is matched by keywords alone.
"""

import hashlib
import logging

import numpy as np
from django.db import transaction
from django.db.models import F

from aiplus.core.errors import AiplusError
from aiplus.documents.models import Collection
from aiplus.faq.models import FaqEntry
from aiplus.llm import embeddings

logger = logging.getLogger("aiplus.faq")

EMBED_BATCH = 64
# An import with at most this many texts to embed embeds them in the request; a larger one on a worker.
EMBED_INLINE_TEXTS = 60
EMBED_TASK = "aiplus.faq.embed_collection"


def _wordings_key(entry: FaqEntry) -> str:
    return hashlib.sha256("\n".join([*entry.wordings, "", entry.passage]).encode("utf-8")).hexdigest()


def stale_entries(entries: list[FaqEntry], model: str) -> list[FaqEntry]:
    return [
        e
        for e in entries
        if e.vectors is None
        or e.passage_vector is None
        or e.vectors_model != model
        or e.vectors_key != _wordings_key(e)
    ]


def text_count(entries: list[FaqEntry]) -> int:
    return sum(len(e.wordings) + 1 for e in entries)


def entries_embed(entries: list[FaqEntry], *, actor=None) -> int:
    """Embed the wordings of entries whose vectors are missing or stale; how many entries were embedded.
    Nothing happens when embeddings are off; a failing endpoint leaves the entries to BM25 for now."""
    if not embeddings.embeddings_configured():
        return 0
    model = embeddings.model_name()
    stale = stale_entries(entries, model)
    for start in range(0, len(stale), EMBED_BATCH):
        batch = stale[start : start + EMBED_BATCH]
        texts = [wording for entry in batch for wording in entry.wordings]
        try:
            # Wordings are embedded as queries (question to question), the answer as a passage, as e5 expects.
            vectors = embeddings.embed_texts(texts, query=True, flow="faq.index", actor=actor)
            passages = embeddings.embed_texts(
                [e.passage for e in batch], query=False, flow="faq.index", actor=actor
            )
        except AiplusError:
            logger.warning("embeddings unavailable; FAQ entries matched by keywords only")
            return start
        at = 0
        for entry, passage in zip(batch, passages, strict=True):
            rows = vectors[at : at + len(entry.wordings)]
            at += len(entry.wordings)
            entry.vectors = np.ascontiguousarray(rows, dtype=np.float32).tobytes()
            entry.passage_vector = np.ascontiguousarray(passage, dtype=np.float32).tobytes()
            entry.vectors_model = model
            entry.vectors_key = _wordings_key(entry)
            FaqEntry.objects.filter(pk=entry.pk).update(
                vectors=entry.vectors,
                passage_vector=entry.passage_vector,
                vectors_model=model,
                vectors_key=entry.vectors_key,
            )
    return len(stale)


def embed_or_queue(collection: Collection, *, wait: bool, actor=None) -> None:
    """Embed what the collection's entries lack now when it is little (or ``wait``), else on a worker; until
    then the collection is matched by keywords alone."""
    if not embeddings.embeddings_configured():
        return
    stale = stale_entries(list(FaqEntry.objects.filter(collection=collection)), embeddings.model_name())
    if not stale:
        return
    if wait or text_count(stale) <= EMBED_INLINE_TEXTS:
        entries_embed(stale, actor=actor)
        return
    from celery import current_app

    from aiplus.core.workers import LONG_QUEUE, TASK_EXPIRES

    collection_id = collection.pk
    transaction.on_commit(
        lambda: current_app.send_task(
            EMBED_TASK, args=[collection_id], queue=LONG_QUEUE, expires=TASK_EXPIRES
        )
    )
    logger.info("FAQ embedding queued collection=%s entries=%s", collection.slug, len(stale))


def faq_embed_collection(*, collection_id: int) -> int:
    """Embed every entry of a collection that lacks its vectors (the background task; safe to run twice).
    The collection's index version moves on, so every process's matcher picks the vectors up."""
    entries = list(FaqEntry.objects.filter(collection_id=collection_id))
    done = entries_embed(entries)
    if done:
        Collection.objects.filter(pk=collection_id).update(index_version=F("index_version") + 1)
    return done
