"""The one gateway to models: OpenAI-compatible chat endpoints, with every call recorded (speech to text:
``aiplus.llm.speech``; embeddings: ``aiplus.llm.embeddings``).

Nothing here is required: with no endpoint configured, ``chat_configured()`` is false and callers use their
model-free engines.
"""

import itertools
import json
import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text, invalid
from aiplus.llm.endpoints import ChatEndpoint, chat_endpoint
from aiplus.llm.models import DepartmentModel, ModelCall
from aiplus.llm.personal_data import Guard, clean_policy
from aiplus.llm.retries import call_with_retries

logger = logging.getLogger("aiplus.llm")


class StreamBroken(Exception):
    """A streamed reply that stopped before the model finished it."""


@dataclass(frozen=True)
class ChatUsage:
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class ChatResult:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int


def chat_configured(actor=None, *, department=None) -> bool:
    """Whether chat calls for this actor (their department's model, else the global one) have somewhere to
    go."""
    return chat_endpoint(actor, department=department).configured


def chat_model_name(actor=None, *, department=None) -> str:
    return chat_endpoint(actor, department=department).model


@cache
def _client(base_url: str, api_key: str, timeout: float, max_retries: int = 1):
    from openai import OpenAI

    return OpenAI(
        base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=max_retries
    )


def _chat_client(endpoint: ChatEndpoint):
    """The SDK client for chat: its own retries off, as ``retries.call_with_retries`` does them."""
    return _client(endpoint.base_url, endpoint.api_key, endpoint.timeout_seconds, 0)


def prompt(name: str) -> str:
    """A prompt template kept as a file beside this module."""
    return resources.files("aiplus.llm.prompts").joinpath(name).read_text("utf-8")


def _record(
    *,
    actor,
    flow: str,
    kind: str,
    model: str,
    started: float,
    usage=None,
    error: str = "",
    first_token_at: float | None = None,
    attempts: int = 1,
    streamed: bool = False,
    department_id: int | None = None,
    personal_data_policy: str = "",
    personal_data: dict | None = None,
    **detail,
):
    ModelCall.objects.create(
        actor=actor_user(actor),
        department_id=department_id or getattr(actor, "department_id", None),
        flow=flow,
        kind=kind,
        model=model,
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        milliseconds=int((time.monotonic() - started) * 1000),
        first_token_milliseconds=None if first_token_at is None else int((first_token_at - started) * 1000),
        streamed=streamed,
        attempts=attempts,
        ok=not error,
        error=error[:500],
        detail=detail,
        personal_data_policy=personal_data_policy,
        personal_data=personal_data or {},
    )


def _unavailable(*, actor, flow, endpoint: ChatEndpoint, started, error: Exception, **record) -> AiplusError:
    attempts = getattr(error, "aiplus_attempts", 1)
    _record(
        actor=actor,
        flow=flow,
        kind="chat",
        model=endpoint.model,
        started=started,
        error=str(error) or type(error).__name__,
        attempts=attempts,
        department_id=endpoint.department_id,
        **record,
    )
    logger.warning(
        "model call failed flow=%s model=%s attempts=%s error=%s", flow, endpoint.model, attempts, error
    )
    return AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(error))


def guarded(*, guard: Guard, actor, flow: str, kind: str, model: str, department_id=None, send, **detail):
    """``send(guard)`` (which applies the guard to what it sends), with a call the policy refuses recorded
    as refused before PERSONAL_DATA_BLOCKED is raised."""
    started = time.monotonic()
    try:
        return send(guard)
    except AiplusError as error:
        if error.code == ErrorCode.PERSONAL_DATA_BLOCKED:
            _record(
                actor=actor,
                flow=flow,
                kind=kind,
                model=model,
                started=started,
                error=error.detail,
                attempts=0,
                department_id=department_id,
                **guard.record,
                **detail,
            )
            logger.info("model call refused flow=%s personal_data=%s", flow, guard.record["personal_data"])
        raise


def _guarded_messages(*, endpoint: ChatEndpoint, actor, flow: str, messages: list[dict], detail) -> tuple:
    guard = Guard(endpoint.personal_data_policy)
    sent = guarded(
        guard=guard,
        actor=actor,
        flow=flow,
        kind="chat",
        model=endpoint.model,
        department_id=endpoint.department_id,
        send=lambda g: g.messages(messages, note=prompt("personal_data_note.md")),
        **detail,
    )
    return guard, sent


def chat(
    *, actor, flow: str, messages: list[dict], temperature: float = 0.1, department=None, **detail
) -> ChatResult:
    """One chat completion from the endpoint of the actor's department (or of ``department``, e.g. a public
    bot's), retried on rate limits, server errors and lost
    connections (see ``retries``); MODEL_UNAVAILABLE when it cannot be had. Recorded either way. Personal data
    in the messages is masked (and restored in the reply) or refused as the department's policy says
    (``personal_data``)."""
    from openai import OpenAIError

    endpoint = chat_endpoint(actor, department=department)
    if not endpoint.configured:
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail="no chat model configured")
    guard, messages = _guarded_messages(
        endpoint=endpoint, actor=actor, flow=flow, messages=messages, detail=detail
    )
    detail = {**detail, **guard.record}
    client = _chat_client(endpoint)
    started = time.monotonic()
    try:
        response, attempts = call_with_retries(
            lambda: client.chat.completions.create(
                model=endpoint.model, messages=messages, temperature=temperature
            )
        )
    except OpenAIError as exc:
        raise _unavailable(
            actor=actor, flow=flow, endpoint=endpoint, started=started, error=exc, **detail
        ) from exc
    text = guard.restore((response.choices[0].message.content or "").strip() if response.choices else "")
    _record(
        actor=actor,
        flow=flow,
        kind="chat",
        model=endpoint.model,
        started=started,
        usage=response.usage,
        first_token_at=time.monotonic(),
        attempts=attempts,
        department_id=endpoint.department_id,
        **detail,
    )
    usage = response.usage
    return ChatResult(
        text, endpoint.model, getattr(usage, "prompt_tokens", 0), getattr(usage, "completion_tokens", 0)
    )


def _delta_text(event: dict) -> str:
    choices = event.get("choices") or []
    delta = (choices[0].get("delta") or {}) if choices else {}
    return delta.get("content") or ""


def sse_json_events(lines) -> Iterator[dict]:
    """The JSON data of each server-sent event in a stream of lines, until ``[DONE]``."""
    data: list[str] = []
    for line in itertools.chain(lines, [""]):
        if line:
            if not line.startswith(":"):
                name, _colon, value = line.partition(":")
                if name == "data":
                    data.append(value[1:] if value.startswith(" ") else value)
            continue
        if not data:
            continue
        payload, data = "\n".join(data), []
        if payload.strip() == "[DONE]":
            return
        try:
            yield json.loads(payload)
        except ValueError as error:
            raise StreamBroken(f"the stream sent data that is not JSON: {payload[:80]!r}") from error


def chat_stream(
    *,
    actor,
    flow: str,
    messages: list[dict],
    temperature: float = 0.1,
    department=None,
    endpoint: ChatEndpoint | None = None,
    **detail,
) -> Iterator[str]:
    """A chat completion as it is written: pieces of text, in order. The request is retried like ``chat``
    until the first piece arrives; a failure at any point raises MODEL_UNAVAILABLE. Tokens (the server's
    usage report, else a count of the pieces) and the time to the first piece and to the end are recorded
    when the stream ends, fails, or is abandoned by the caller. Personal data is treated as by ``chat``; a
    placeholder split across pieces is held back until it is whole, and restored. ``endpoint``: one the
    caller already looked up (``chat_endpoint``), instead of the actor's or ``department``'s."""
    endpoint = endpoint or chat_endpoint(actor, department=department)
    if not endpoint.configured:
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail="no chat model configured")
    guard, messages = _guarded_messages(
        endpoint=endpoint, actor=actor, flow=flow, messages=messages, detail=detail
    )
    restorer = guard.restorer()
    client = _chat_client(endpoint)
    started = time.monotonic()
    first_token_at: float | None = None
    usage = None
    pieces = 0
    attempts = 1
    stream_options = {"include_usage": True}

    def first_piece():
        # The raw event stream, read here rather than by the SDK's Stream: building a typed object for every
        # chunk cost more CPU than the rest of the answer (bench/gateway.py), and 20 officers share a GIL.
        stack = ExitStack()
        try:
            response = stack.enter_context(
                client.chat.completions.with_streaming_response.create(
                    model=endpoint.model,
                    messages=messages,
                    temperature=temperature,
                    stream=True,
                    stream_options=stream_options,
                )
            )
            events = sse_json_events(response.iter_lines())
            # Pull until the first text, so that a failure before any text is shown can still be retried.
            buffered = []
            for event in events:
                buffered.append(event)
                if _delta_text(event):
                    break
            return stack, buffered, events
        except BaseException:
            stack.close()
            raise

    record = {"streamed": True, **detail, **guard.record}
    outcome = "abandoned"  # unless the stream ends or fails: the caller stopped reading
    stack = ExitStack()
    try:
        (stack, buffered, events), attempts = call_with_retries(first_piece)
        finish_reason = None
        for event in itertools.chain(buffered, events):
            if event.get("error"):
                raise StreamBroken(str(event["error"])[:300])
            if event.get("usage"):
                usage = ChatUsage(
                    int(event["usage"].get("prompt_tokens") or 0),
                    int(event["usage"].get("completion_tokens") or 0),
                )
            choices = event.get("choices") or []
            if choices and choices[0].get("finish_reason"):
                finish_reason = choices[0]["finish_reason"]
            text = _delta_text(event)
            if text:
                if first_token_at is None:
                    first_token_at = time.monotonic()
                pieces += 1
                text = restorer.feed(text)
                if text:
                    yield text
        if finish_reason is None:  # the connection closed before the model said it had finished
            raise StreamBroken("the stream ended before the model finished its answer")
        rest = restorer.flush()
        if rest:
            yield rest
        outcome = "finished"
    except Exception as exc:  # a broken stream raises the HTTP library's own errors, unwrapped
        outcome = "failed"
        exc.aiplus_attempts = getattr(exc, "aiplus_attempts", attempts)  # type: ignore[attr-defined]
        raise _unavailable(
            actor=actor,
            flow=flow,
            endpoint=endpoint,
            started=started,
            error=exc,
            first_token_at=first_token_at,
            pieces=pieces,
            **record,
        ) from exc
    finally:
        stack.close()
        if outcome != "failed":
            if usage is None:  # the server sent no usage report: count the pieces
                usage = ChatUsage(0, pieces)
                record["estimated_tokens"] = True
            if outcome == "abandoned":
                record["abandoned"] = True
            _record(
                actor=actor,
                flow=flow,
                kind="chat",
                model=endpoint.model,
                started=started,
                usage=usage,
                first_token_at=first_token_at,
                attempts=attempts,
                department_id=endpoint.department_id,
                pieces=pieces,
                **record,
            )


# --- a department's own chat model ---------------------------------------------------------------------


def _may_set_department_model(actor, department) -> bool:
    if getattr(actor, "is_platform_admin", False):
        return True
    return getattr(actor, "role", "") == Role.DEPARTMENT_ADMIN and actor.department_id == department.pk


def department_model_set(
    *,
    actor,
    department,
    use_model: bool | None = None,
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout_seconds: int | None = None,
    personal_data_policy: str | None = None,
    internal_endpoint: bool | None = None,
) -> DepartmentModel:
    """Set a department's own chat endpoint and model (what is not given stays as it was; "" for a text
    field means "use the global setting"; so does "" for ``personal_data_policy``, else off, mask or block).
    Only a platform administrator, or the department's own administrator, may."""
    if not _may_set_department_model(actor, department):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="only a platform or department administrator")
    row = DepartmentModel.objects.filter(department=department).first() or DepartmentModel(
        department=department
    )
    if base_url is not None:
        base_url = clean_text("model.endpoint", base_url)
        if base_url:
            try:
                URLValidator(schemes=["http", "https"])(base_url)
            except ValidationError:
                raise invalid("model.endpoint", "url") from None
        row.base_url = base_url
    if model is not None:
        row.model = clean_text("model.name", model)
    if api_key is not None:
        row.api_key = clean_text("model.api_key", api_key)
    if timeout_seconds is not None:
        row.timeout_seconds = clean_number("model.timeout", timeout_seconds) if timeout_seconds else None
    if use_model is not None:
        row.use_model = bool(use_model)
    if personal_data_policy is not None:
        row.personal_data_policy = clean_policy(personal_data_policy)
    if internal_endpoint is not None:
        row.internal_endpoint = bool(internal_endpoint)
    row.save()
    department_model_audit(actor=actor, row=row)
    return row


def department_model_audit(*, actor, row: DepartmentModel, channel: str = "") -> None:
    """The audit line for a department model saved (here, or by the admin site's form)."""
    audit_record(
        actor=actor,
        action="llm.department_model.set",
        target=f"department:{row.department.code}",
        channel=channel,
        use_model=row.use_model,
        base_url=row.base_url,
        model=row.model,
        personal_data_policy=row.personal_data_policy,
        internal_endpoint=row.internal_endpoint,
    )
    logger.info("department model set department=%s model=%s", row.department.code, row.model or "(global)")
