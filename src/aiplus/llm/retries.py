"""Retries with exponential backoff for model calls, written here rather than left to the openai SDK.

The SDK retries 408/409/429/5xx and connection errors with backoff and honours Retry-After, but (1) it
waits up to two minutes on a server's Retry-After, longer than any answer may take (an answer should fall
back to quoting the documents at once instead), (2) it cannot say how many attempts a call took, which
``ModelCall.attempts`` records, and (3) its delays are constants, so tests could not make them short. The
SDK client is therefore built with ``max_retries=0`` and ``call_with_retries`` wraps each request: the same
rules, with every wait bounded by AIPLUS_LLM_RETRY_MAX_SECONDS and at most AIPLUS_LLM_MAX_RETRIES retries.
A stream is retried only until its first token (afterwards a retry would repeat text already shown).
"""

import logging
import random
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TypeVar

from django.conf import settings

logger = logging.getLogger("aiplus.llm")

T = TypeVar("T")
RETRY_STATUSES = frozenset({408, 409, 429})


def retry_after_seconds(headers) -> float | None:
    """The wait a server asks for, from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    if headers is None:
        return None
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def should_retry(error: Exception) -> bool:
    """Whether a failed request may succeed if sent again: rate limits, server errors, lost connections and
    timeouts, unless the server says ``x-should-retry: false``."""
    from openai import APIConnectionError, APIStatusError

    if isinstance(error, APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(error, APIStatusError):
        verdict = error.response.headers.get("x-should-retry") if error.response is not None else None
        if verdict in ("true", "false"):
            return verdict == "true"
        return error.status_code in RETRY_STATUSES or error.status_code >= 500
    return False


def backoff_seconds(retry: int) -> float:
    """Exponential backoff for the n-th retry (0-based), with up to a quarter taken off at random so many
    workers do not retry in step."""
    base = settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS / 1000 * (2**retry)
    return min(base, settings.AIPLUS_LLM_RETRY_MAX_SECONDS) * (1 - 0.25 * random.random())


def call_with_retries(request: Callable[[], T], *, sleep=time.sleep) -> tuple[T, int]:
    """(the request's result, attempts made). Raises the last error when retries run out, when the error is
    not worth retrying, or when the server asks for a longer wait than AIPLUS_LLM_RETRY_MAX_SECONDS.
    The error carries ``aiplus_attempts``."""
    retries = max(0, settings.AIPLUS_LLM_MAX_RETRIES)
    attempt = 0
    while True:
        attempt += 1
        try:
            return request(), attempt
        except Exception as error:
            error.aiplus_attempts = attempt  # type: ignore[attr-defined]
            if attempt > retries or not should_retry(error):
                raise
            response = getattr(error, "response", None)
            asked = retry_after_seconds(getattr(response, "headers", None))
            if asked is not None and asked > settings.AIPLUS_LLM_RETRY_MAX_SECONDS:
                logger.info("not retrying: server asks to wait %.1fs", asked)
                raise
            wait = asked if asked is not None else backoff_seconds(attempt - 1)
            logger.info("model request failed (%s); retry %s in %.2fs", type(error).__name__, attempt, wait)
            sleep(wait)
