"""The public face of a bot, without sign-in: its page, the widget script another site embeds, and the JSON
endpoints both use (ask, feedback, talk to a person).

These endpoints use no cookie or session, so they are exempt from CSRF: a forged request could do nothing a
visitor cannot do anyway. Browsers may call them from the bot's own site and from the origins the department
allowed for the widget (CORS); a request from any other origin is refused before it reaches the bot. Each
visitor is rate-limited per bot, and told so in the bot's language.
"""

import json
from functools import wraps
from importlib import resources

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from aiplus.bots import services
from aiplus.bots.limits import BotClientThrottle, seconds_to_wait
from aiplus.bots.models import Bot
from aiplus.bots.review import handoff_create
from aiplus.core.api_errors import error_json
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.throttling import client_address
from aiplus.core.views import error_page

_throttle = BotClientThrottle()


def _same_origin(request, origin: str) -> bool:
    return origin == f"{request.scheme}://{request.get_host()}"


def _cors(response: HttpResponse, origin: str, *, preflight: bool = False) -> HttpResponse:
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = "Origin"
        if preflight:
            response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Content-Type"
            response["Access-Control-Max-Age"] = "600"
    return response


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def public_endpoint(view):
    """Find the active bot, check the caller's origin and rate, read the JSON body, and turn an AiplusError
    into the one error shape, in the bot's language."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, slug):
        try:
            bot = services.bot_get(slug)
        except AiplusError as error:
            return error_json(error.code)
        origin = request.headers.get("Origin", "")
        with translation.override(bot.language):
            if (
                origin
                and not _same_origin(request, origin)
                and origin.rstrip("/").lower() not in bot.origins()
            ):
                return error_json(ErrorCode.FORBIDDEN, detail="origin not allowed for this bot")
            if request.method == "OPTIONS":
                return _cors(HttpResponse(status=204), origin, preflight=True)
            if request.method != "POST":
                return _cors(
                    error_json(ErrorCode.METHOD_NOT_ALLOWED, params={"method": request.method}), origin
                )
            if not _throttle.allow_request(request):
                seconds = seconds_to_wait(_throttle)
                response = error_json(ErrorCode.RATE_LIMITED, params={"seconds": seconds})
                response["Retry-After"] = str(seconds)
                return _cors(response, origin)
            try:
                payload = json.loads(request.body or b"{}")
                if not isinstance(payload, dict):
                    raise ValueError("not an object")
            except ValueError:
                return _cors(error_json(ErrorCode.UNREADABLE_BODY), origin)
            client = services.client_fingerprint(client_address(request))
            try:
                return _cors(view(request, bot, payload, client), origin)
            except AiplusError as error:
                return _cors(error_json(error.code, params=error.params, field=error.field), origin)

    return wrapper


@public_endpoint
def ask(request, bot: Bot, payload: dict, client: str):
    reply = services.bot_reply(
        bot=bot,
        question=payload.get("question", ""),
        conversation=payload.get("conversation", ""),
        client=client,
    )
    return _json(reply.as_dict())


@public_endpoint
def feedback(request, bot: Bot, payload: dict, client: str):
    exchange = services.exchange_rate(
        bot=bot, exchange_id=payload.get("exchange"), rating=payload.get("rating", ""), client=client
    )
    return _json({"exchange": exchange.pk, "rating": exchange.rating})


@public_endpoint
def handoff(request, bot: Bot, payload: dict, client: str):
    ticket = handoff_create(
        bot=bot,
        conversation=payload.get("conversation", ""),
        client=client,
        contact=payload.get("contact", ""),
        message=payload.get("message", ""),
    )
    message = _("Thank you. Your conversation has been passed to our staff (reference %(ticket)s).") % {
        "ticket": ticket.pk
    }
    return _json({"handoff": ticket.pk, "message": message}, status=201)


def widget_labels(bot: Bot) -> dict:
    with translation.override(bot.language):
        return {
            "open": _("Ask %(name)s") % {"name": bot.name},
            "close": _("Close"),
            "question": _("Your question"),
            "ask": _("Ask"),
            "asking": _("Looking for an answer…"),
            "you": _("You"),
            "bot": bot.name,
            "sources": _("Sources"),
            "read_aloud": _("Read aloud"),
            "helpful": _("Helpful"),
            "not_helpful": _("Not helpful"),
            "thanks": _("Thank you for your feedback."),
            "person": _("Talk to a person"),
            "contact": _("How can we reach you? (optional)"),
            "message": _("Anything to add? (optional)"),
            "send": _("Send to a person"),
            "failed": _("Sorry, something went wrong. Please try again."),
            "greeting": bot.greeting or _("Hello. Ask me a question, in English or Chinese."),
        }


def widget_config(request, bot: Bot, *, mode: str) -> dict:
    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(f"bots:{name}", kwargs={"slug": bot.slug}))

    return {
        "slug": bot.slug,
        "name": bot.name,
        "language": "zh-Hant-HK" if bot.language == "zh-hant" else "en",
        "mode": mode,
        "endpoints": {
            "ask": absolute("ask"),
            "feedback": absolute("feedback"),
            "handoff": absolute("handoff"),
        },
        "labels": widget_labels(bot),
    }


def _widget_source() -> str:
    return resources.files("aiplus.bots").joinpath("static/bots/bot.js").read_text("utf-8")


@require_GET
def widget_js(request, slug):
    """The one script another site adds: it draws a button and a panel, or (mode=page) the bot's own page."""
    try:
        bot = services.bot_get(slug)
    except AiplusError:
        return HttpResponse("/* no such bot */", status=404, content_type="text/javascript; charset=utf-8")
    mode = "page" if request.GET.get("mode") == "page" else "button"
    config = json.dumps(widget_config(request, bot, mode=mode), ensure_ascii=False).replace("</", "<\\/")
    body = f"(function (config) {{\n{_widget_source()}\n}})({config});\n"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def bot_page(request, slug):
    """The bot's public page, for anyone, signed in or not."""
    try:
        bot = services.bot_get(slug)
    except AiplusError as error:
        return error_page(request, error)
    with translation.override(bot.language):
        return render(request, "bots/public.html", {"bot": bot, "labels": widget_labels(bot)})
