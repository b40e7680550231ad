"""The MCP server: tools ``list_collections``, ``search`` and ``ask`` over the collections an aiplus API token
may read, and ``list_bots`` and ``ask_bot`` for the public bots (any active one, as through ``/v1``), on the
official ``mcp`` SDK. (Collections are a tool, not a resource: the SDK gives a static
resource no request context, so it could not know whose collections to list.)

The SDK's streamable HTTP transport is an ASGI (Starlette) app and ``aiplus serve`` is a WSGI server
(waitress), so the MCP server runs as its own process, ``aiplus mcp serve`` (uvicorn), which ``aiplus serve``
starts and supervises beside its workers. It is stateless (every request stands alone), so any number of them
can run behind a proxy. Every request carries the token as ``Authorization: Bearer <token>``; the SDK's bearer
middleware refuses a missing or wrong one with 401 before any tool runs. Before that, every request is
counted against its address, as the REST API's ``AddressThrottle`` counts them (``AddressLimit``), so
guessing tokens is slowed here too. Tools run the same services as the
REST API, as the token's user, in a worker thread (Django's ORM is synchronous), and their errors are in the
asker's language (``Accept-Language``).
"""

import json
import logging
import math
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import anyio
from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import translation
from mcp.server import MCPServer
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from pydantic import BaseModel

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import clean_text

logger = logging.getLogger("aiplus.integrations.mcp")

MCP_PATH = "/mcp"
SEARCH_RESULTS = 5


class CollectionInfo(BaseModel):
    slug: str
    name: str
    department: str
    description: str


class Passage(BaseModel):
    source_id: str
    title: str
    collection: str
    page: int
    score: float
    text: str


class CitationInfo(BaseModel):
    number: int
    source_id: str
    title: str
    collection: str
    page: int
    quote: str


class AnswerInfo(BaseModel):
    answer: str
    answered: bool
    engine: str
    grounded: bool
    notice: str = ""
    citations: list[CitationInfo]


class BotInfo(BaseModel):
    slug: str
    name: str
    department: str
    language: str


def _address_wait(meta: dict) -> int:
    """0 when a request with these headers may go on, else the seconds its address must wait."""
    from aiplus.core.throttling import AddressThrottle

    throttle = AddressThrottle()
    if throttle.allow_request(SimpleNamespace(META=meta)):
        return 0
    return max(1, math.ceil(throttle.wait() or 1))


class AddressLimit:
    """ASGI middleware: each request is counted against its address before its token is checked, under the
    REST API's setting and key (``AIPLUS_API_RATE_PER_ADDRESS``; one allowance for both doors with a shared
    cache). Beyond it: 429 with ``Retry-After`` and the message in the caller's language."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]
        }
        meta = {
            "REMOTE_ADDR": (scope.get("client") or ("",))[0],
            "HTTP_X_FORWARDED_FOR": headers.get("x-forwarded-for", ""),
        }
        seconds = await anyio.to_thread.run_sync(_address_wait, meta)
        if not seconds:
            return await self.app(scope, receive, send)
        with translation.override(_language(headers.get("accept-language", ""))):
            message = AiplusError(ErrorCode.RATE_LIMITED, params={"seconds": seconds}).message
        body = json.dumps(
            {"error": "rate_limited", "error_description": message}, ensure_ascii=False
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"retry-after", str(seconds).encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _authenticate(key: str):
    close_old_connections()
    try:
        from aiplus.core.services import api_token_authenticate

        user = api_token_authenticate(key)
        return None if user is None else user.pk
    finally:
        connections.close_all()  # this worker thread's connection; a pooled thread may idle for long


class TokenVerifier:
    """Accepts an aiplus API token (checked on every request, so a revoked token stops at once)."""

    async def verify_token(self, token: str) -> AccessToken | None:
        user_id = await anyio.to_thread.run_sync(_authenticate, token)
        if user_id is None:
            return None
        return AccessToken(token=token, client_id=f"aiplus-user-{user_id}", scopes=[], subject=str(user_id))


def _language(accept_language: str) -> str:
    for code, _quality in translation.trans_real.parse_accept_lang_header(accept_language or ""):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


async def _as_caller(ctx: Context, work: Callable[[Any], Any]):
    """Run ``work(user)`` as the token's user, in a thread, in the caller's language; an aiplus error becomes
    a tool error whose message the caller reads."""
    request = ctx.request_context.request
    user_id = int(request.user.access_token.subject)
    language = _language(request.headers.get("accept-language", ""))
    client_host = request.client.host if request.client else ""

    def run():
        from aiplus.core.models import User

        close_old_connections()
        try:
            with translation.override(language):
                user = User.objects.select_related("department").filter(pk=user_id, is_active=True).first()
                try:
                    if user is None:
                        raise AiplusError(ErrorCode.UNAUTHENTICATED)
                    _check_rate(user, client_host)
                    return work(user)
                except AiplusError as error:
                    raise ToolError(error.message) from error
        finally:
            connections.close_all()

    return await anyio.to_thread.run_sync(run)


def _bot_model(user, bot: str):
    """The active bot of that slug as a chat model, counted against the bot's per-visitor limit for this user
    (as through ``/v1``); NOT_FOUND for a paused or unknown one."""
    from aiplus.bots.limits import BotApiUserThrottle
    from aiplus.integrations.errors import ChatRequestError
    from aiplus.integrations.services import BOT_PREFIX, chat_model_get

    try:
        model = chat_model_get(user, BOT_PREFIX + str(bot))
    except ChatRequestError as error:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot!r}") from error
    throttle = BotApiUserThrottle(model.bot.slug)
    if not throttle.allow_request(SimpleNamespace(user=user)):
        raise AiplusError(ErrorCode.RATE_LIMITED, params={"seconds": max(1, math.ceil(throttle.wait() or 1))})
    return model


def _answer_info(answer) -> AnswerInfo:
    return AnswerInfo(
        answer=answer.answer,
        answered=bool(getattr(answer, "answered", answer.found)),
        engine=answer.engine,
        grounded=answer.grounded,
        notice=getattr(answer, "notice", ""),
        citations=[
            CitationInfo(
                number=c.number,
                source_id=c.source_id,
                title=c.title,
                collection=c.collection,
                page=c.page,
                quote=c.quote,
            )
            for c in answer.citations
        ],
    )


def _check_rate(user, client_host: str) -> None:
    """The REST API's per-user limit (``AIPLUS_API_RATE_PER_USER``), counted under the same key, so with a
    shared cache (``AIPLUS_CACHE_URL``) the MCP server and the API draw on one allowance."""
    from aiplus.core.throttling import UserThrottle

    throttle = UserThrottle()
    if not throttle.allow_request(SimpleNamespace(user=user, META={"REMOTE_ADDR": client_host})):
        raise AiplusError(ErrorCode.RATE_LIMITED, params={"seconds": max(1, math.ceil(throttle.wait() or 1))})


def _collections(user) -> list[CollectionInfo]:
    from aiplus.documents.selectors import collections_visible_to

    return [
        CollectionInfo(slug=c.slug, name=c.name, department=c.department.code, description=c.description)
        for c in collections_visible_to(user).order_by("slug")
    ]


def _chosen(user, collection: str | None):
    from aiplus.documents.selectors import collection_for_reading

    return [collection_for_reading(user, collection)] if collection else None


def build_server() -> MCPServer:
    server = MCPServer(
        "aiplus",
        instructions=(
            "Search and ask the knowledge collections of a Hong Kong government department, in English or "
            "Chinese. Answers cite their passages; say what the citations say, no more."
        ),
        token_verifier=TokenVerifier(),
        auth=AuthSettings(issuer_url="http://127.0.0.1", resource_server_url=None),
    )

    @server.tool()
    async def list_collections(ctx: Context) -> list[CollectionInfo]:
        """The collections you may read: slug, name, owning department and description."""
        return await _as_caller(ctx, _collections)

    @server.tool()
    async def search(
        query: str, ctx: Context, collection: str | None = None, k: int = SEARCH_RESULTS
    ) -> list[Passage]:
        """The passages that best match the query (English or Chinese), from one collection (its slug) or
        from every collection you may read."""
        from aiplus.search.services import search as search_passages

        def run(user):
            hits = search_passages(actor=user, query=query, collections=_chosen(user, collection), k=k)
            return [
                Passage(
                    source_id=h.source_id,
                    title=h.title,
                    collection=h.collection,
                    page=h.page,
                    score=round(h.score, 4),
                    text=h.text,
                )
                for h in hits
            ]

        return await _as_caller(ctx, run)

    @server.tool()
    async def ask(question: str, ctx: Context, collection: str | None = None) -> AnswerInfo:
        """A cited answer to the question from one collection (its slug) or every collection you may read;
        ``answered`` is false when nothing in them answers it."""
        from aiplus.assistant.services import answer_question

        def run(user):
            answer = answer_question(
                actor=user, question=question, collections=_chosen(user, collection), channel="mcp"
            )
            return _answer_info(answer)

        return await _as_caller(ctx, run)

    @server.tool()
    async def list_bots(ctx: Context) -> list[BotInfo]:
        """The public bots you may ask (every active one): slug, name, owning department and language."""
        from aiplus.integrations.services import chat_models_for

        def run(user):
            bots = [model.bot for model in chat_models_for(user) if model.bot is not None]
            return [
                BotInfo(slug=b.slug, name=b.name, department=b.department.code, language=b.language)
                for b in bots
            ]

        return await _as_caller(ctx, run)

    @server.tool()
    async def ask_bot(bot: str, question: str, ctx: Context) -> AnswerInfo:
        """Ask a public bot (its slug, from ``list_bots``) as a visitor of its page would: it answers only from
        its own collections, and says its decline message, with ``answered`` false, when they hold no answer."""
        from aiplus.integrations.services import Conversation, chat_answer

        def run(user):
            model = _bot_model(user, bot)
            conversation = Conversation(clean_text("question", question), ())
            return _answer_info(
                chat_answer(actor=user, model=model, conversation=conversation, channel="mcp")
            )

        return await _as_caller(ctx, run)

    return server


def _transport_security() -> TransportSecuritySettings:
    """Only Host headers Django would accept (``AIPLUS_ALLOWED_HOSTS``), against DNS rebinding."""
    hosts = list(settings.ALLOWED_HOSTS)
    if "*" in hosts:
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    allowed = [pattern for host in hosts for pattern in (host, f"{host}:*")]
    origins = [f"{scheme}://{host}" for host in hosts for scheme in ("http", "https")]
    origins += [f"{origin}:*" for origin in origins]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=allowed, allowed_origins=origins
    )


def mcp_app():
    """The ASGI app of the MCP server (``/mcp``), for uvicorn; built when called, never at import."""
    app = build_server().streamable_http_app(
        streamable_http_path=MCP_PATH, stateless_http=True, transport_security=_transport_security()
    )
    return AddressLimit(app)
