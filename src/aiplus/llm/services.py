"""The one gateway to models: OpenAI-compatible chat and embeddings endpoints, with every call recorded.

Nothing here is required: with no endpoint configured, ``chat_configured()`` and ``embeddings_configured()``
are false and callers use their model-free engines.
"""

import logging
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from django.conf import settings

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm.models import ModelCall

logger = logging.getLogger("aiplus.llm")

EMBED_BATCH = 64


@dataclass(frozen=True)
class ChatResult:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int


def chat_configured() -> bool:
    return bool(settings.AIPLUS_LLM_BASE_URL and settings.AIPLUS_LLM_MODEL)


def embeddings_configured() -> bool:
    return bool(settings.AIPLUS_EMBEDDINGS_BASE_URL and settings.AIPLUS_EMBEDDINGS_MODEL)


@cache
def _client(base_url: str, api_key: str, timeout: int):
    from openai import OpenAI

    return OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=1)


def prompt(name: str) -> str:
    """A prompt template kept as a file beside this module."""
    return resources.files("aiplus.llm.prompts").joinpath(name).read_text("utf-8")


def _record(
    *, actor, flow: str, kind: str, model: str, started: float, usage=None, error: str = "", **detail
):
    ModelCall.objects.create(
        actor=actor_user(actor),
        flow=flow,
        kind=kind,
        model=model,
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        milliseconds=int((time.monotonic() - started) * 1000),
        ok=not error,
        error=error[:500],
        detail=detail,
    )


def chat(*, actor, flow: str, messages: list[dict], temperature: float = 0.1, **detail) -> ChatResult:
    from openai import OpenAIError

    model = settings.AIPLUS_LLM_MODEL
    client = _client(
        settings.AIPLUS_LLM_BASE_URL, settings.AIPLUS_LLM_API_KEY, settings.AIPLUS_LLM_TIMEOUT_SECONDS
    )
    started = time.monotonic()
    try:
        response = client.chat.completions.create(model=model, messages=messages, temperature=temperature)
    except OpenAIError as exc:
        _record(actor=actor, flow=flow, kind="chat", model=model, started=started, error=str(exc), **detail)
        logger.warning("model call failed flow=%s model=%s error=%s", flow, model, exc)
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(exc)) from exc
    text = (response.choices[0].message.content or "").strip() if response.choices else ""
    _record(actor=actor, flow=flow, kind="chat", model=model, started=started, usage=response.usage, **detail)
    usage = response.usage
    return ChatResult(text, model, getattr(usage, "prompt_tokens", 0), getattr(usage, "completion_tokens", 0))


def _embed(texts: list[str], *, flow: str, actor=None) -> np.ndarray:
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
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def embed_passages(texts: list[str]) -> list[bytes] | None:
    """Vectors for passages being indexed, or None when no embeddings endpoint is configured.

    A failing endpoint does not fail the document: it stays searchable by BM25, and is logged.
    """
    if not embeddings_configured() or not texts:
        return None
    try:
        return [row.tobytes() for row in _embed(texts, flow="documents.index")]
    except AiplusError:
        logger.warning("embeddings unavailable; passages indexed for keyword search only")
        return None


def embed_query(text: str, *, actor=None) -> np.ndarray | None:
    if not embeddings_configured():
        return None
    try:
        return _embed([text], flow="search.query", actor=actor)[0]
    except AiplusError:
        return None
