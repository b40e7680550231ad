"""The OpenAI-compatible chat API under ``/v1/``: ``GET /v1/models`` and ``POST /v1/chat/completions``.

Any OpenAI client (the official SDK, Open WebUI, ...) talks to aiplus with ``base_url=<site>/v1`` and an aiplus
API token as its key. Authentication and rate limits are the REST API's (``aiplus.api.TokenAuth``, the same
per-user and per-address throttles); errors come in OpenAI's shape (``integrations.errors``).
"""

import json
import logging
import math
import time
import uuid

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, StreamingHttpResponse
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from aiplus.api import TokenAuth
from aiplus.bots.limits import BotApiUserThrottle
from aiplus.core.api_errors import request_too_large_params
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.throttling import UserThrottle
from aiplus.integrations import services
from aiplus.integrations.errors import openai_error_body, openai_error_json
from aiplus.integrations.schemas import (
    ChatCompletionIn,
    ChatCompletionOut,
    ModelListOut,
    openai_error_responses,
)

logger = logging.getLogger("aiplus.integrations")

CHANNEL = "openai"

openai_api = NinjaAPI(
    title="aiplus OpenAI-compatible API",
    version="1",
    description=(
        "Chat with your collections from any OpenAI client: base URL `<site>/v1`, an aiplus API token as the "
        "key, a model from `GET /v1/models`. With `stream: true` the answer arrives as server-sent "
        "`chat.completion.chunk` events ending with `data: [DONE]`; the last chunk carries `citations`."
    ),
    auth=TokenAuth(),
    throttle=[UserThrottle()],
    urls_namespace="openai",
)


@openai_api.exception_handler(AiplusError)
def _aiplus_error(request, error: AiplusError):
    return openai_error_json(error)


@openai_api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    return openai_error_json(AiplusError(ErrorCode.UNAUTHENTICATED))


@openai_api.exception_handler(Throttled)
def _throttled(request, error: Throttled):
    seconds = max(1, math.ceil(error.wait or 1))
    response = openai_error_json(AiplusError(ErrorCode.RATE_LIMITED, params={"seconds": seconds}))
    response["Retry-After"] = str(seconds)
    return response


@openai_api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    code = ErrorCode.UNREADABLE_BODY if error.status_code == 400 else ErrorCode.INVALID
    return openai_error_json(AiplusError(code), status=error.status_code)


@openai_api.exception_handler(Http404)
def _not_found(request, error):
    return openai_error_json(AiplusError(ErrorCode.NOT_FOUND))


@openai_api.exception_handler(RequestDataTooBig)
@openai_api.exception_handler(TooManyFieldsSent)
@openai_api.exception_handler(TooManyFilesSent)
def _request_too_large(request, error):
    return openai_error_json(AiplusError(ErrorCode.REQUEST_TOO_LARGE, params=request_too_large_params()))


@openai_api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    """A malformed body is a 400, as OpenAI answers it, naming the first field at fault."""
    first = error.errors[0] if error.errors else {}
    location = [str(part) for part in (first.get("loc") or ())[1:] if part != "payload"]
    field = ".".join(location) or "body"
    code = ErrorCode.MISSING_FIELD if first.get("type") == "missing" else ErrorCode.WRONG_TYPE
    return openai_error_json(AiplusError(code, params={"field": field}, field=field), status=400)


@openai_api.exception_handler(Exception)
def _internal(request, error: Exception):
    logger.exception("chat api request failed path=%s", request.path)
    return openai_error_json(AiplusError(ErrorCode.INTERNAL))


@openai_api.get("/models", response={200: ModelListOut, **openai_error_responses()}, tags=["chat"])
def list_models(request):
    """The models this token may use: ``aiplus`` (every collection it can read), ``collection:<slug>``, and
    ``bot:<slug>`` for every active public bot."""
    return {"object": "list", "data": [m.as_dict() for m in services.chat_models_for(request.user)]}


@openai_api.post(
    "/chat/completions",
    response={200: ChatCompletionOut, **openai_error_responses(404, 500, 503)},
    tags=["chat"],
)
def chat_completions(request, payload: ChatCompletionIn):
    """Answer the last user message from the model's collections, with [n] citations and a Sources block in
    the text, and the citations machine-readable in ``citations``. ``stream: true`` answers as server-sent
    events (``text/event-stream``)."""
    model = services.chat_model_get(request.user, payload.model)
    if model.bot is not None:  # the bot's own limit, as on its page
        throttle = BotApiUserThrottle(model.bot.slug)
        if not throttle.allow_request(request):
            raise Throttled(wait=throttle.wait())
    conversation = services.conversation_from_messages([m.dict() for m in payload.messages])
    completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    if payload.stream:
        events = services.chat_answer_stream(
            actor=request.user, model=model, conversation=conversation, channel=CHANNEL
        )
        chunks = _stream_chunks(events, completion_id, created, model.id, translation.get_language())
        response = StreamingHttpResponse(chunks, content_type="text/event-stream; charset=utf-8")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"
        return response
    answer = services.chat_answer(actor=request.user, model=model, conversation=conversation, channel=CHANNEL)
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": model.id,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": answer.answer + services.reply_tail(answer),
                },
                "finish_reason": "stop",
            }
        ],
        "citations": services.citations_out(answer),
        "aiplus": services.answer_summary(answer),
    }


def _event(data: dict) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stream_chunks(events, completion_id: str, created: int, model_id: str, language: str):
    """``chat.completion.chunk`` events: the role, the answer's pieces, the Sources block, a last chunk with
    ``finish_reason`` and the citations, then ``[DONE]``. An error after the stream began is an ``error`` event
    (the status is already sent), which the official clients raise."""
    base = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model_id}

    def chunk(delta: dict, finish_reason=None, **extra) -> str:
        return _event(
            {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}], **extra}
        )

    with translation.override(language):
        yield chunk({"role": "assistant", "content": ""})
        try:
            answer, streamed = None, ""
            for kind, value in events:
                if kind == "delta" and value:
                    streamed += value
                    yield chunk({"content": value})
                elif kind == "done":
                    answer = value
            if answer is None:
                raise AiplusError(ErrorCode.INTERNAL, detail="the answer stream ended without an answer")
            if answer.answer != streamed:
                # The model failed part-way and the extractive answer took its place: what was shown cannot be
                # taken back, so the answer that stands follows it (the notice below says why).
                yield chunk({"content": ("\n\n" if streamed else "") + answer.answer})
            if tail := services.reply_tail(answer):
                yield chunk({"content": tail})
            yield chunk(
                {},
                "stop",
                citations=services.citations_out(answer),
                aiplus=services.answer_summary(answer),
            )
        except AiplusError as error:
            yield _event(openai_error_body(error))
        except Exception:
            logger.exception("chat stream failed model=%s", model_id)
            yield _event(openai_error_body(AiplusError(ErrorCode.INTERNAL)))
        yield "data: [DONE]\n\n"
