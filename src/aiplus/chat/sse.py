"""Server-sent events from a turn's events: the one encoder the page and the API share."""

import json
import logging
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import translation

from aiplus.chat.services import ChatEvent
from aiplus.core.api_errors import error_body
from aiplus.core.errors import AiplusError, ErrorCode

logger = logging.getLogger("aiplus.chat")


def sse_event(kind: str, data: dict) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _encoded(events: Iterable[ChatEvent], language: str) -> Iterator[bytes]:
    """The events, then an ``error`` event if the answer fails once streaming has begun (the status is sent by
    then), in the language of the request: the body is written after the request's middleware has run."""
    with translation.override(language):
        try:
            for event in events:
                yield sse_event(event.kind, event.data)
        except AiplusError as error:
            yield sse_event("error", error_body(error.code, params=error.params, field=error.field))
        except Exception:
            logger.exception("chat stream failed")
            yield sse_event("error", error_body(ErrorCode.INTERNAL))


def sse_stream(events: Iterable[ChatEvent]) -> StreamingHttpResponse:
    encoded = _encoded(events, translation.get_language() or "en")
    response = StreamingHttpResponse(encoded, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # a proxy must pass each event on at once
    return response
