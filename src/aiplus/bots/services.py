"""Public bots: publishing one, and answering the public from the bot's own collections only.

A bot acts as ``BotActor``: a reader of its department that is not signed in as anyone, and every question
is searched in the bot's collections alone (FAQ collections first, then documents), which ``search`` checks
again against what the department may read. Below the match threshold the bot declines, says so in its own
words, and offers a person (``aiplus.bots.handoffs``).
"""

import dataclasses
import hashlib
import hmac
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.assistant.services import Answer, answer_question
from aiplus.bots.models import Bot, BotExchange, BotLanguage
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, convert_script, detect_script, index_terms
from aiplus.core.models import Department
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.models import Collection, Visibility

logger = logging.getLogger("aiplus.bots")

FAQ_KINDS = frozenset({"faq", "forms"})
# How many earlier questions of a conversation a follow-up may lean on.
HISTORY_TURNS = 3
# A question with at most this many search terms of its own may be a follow-up to the one before.
FOLLOW_UP_TERMS = 3
_ORIGIN = re.compile(r"\Ahttps?://[a-z0-9.-]+(:\d{1,5})?\Z")


@dataclass(frozen=True)
class BotActor:
    """Who a public bot acts as: it reads what its department may read, and is no one in particular."""

    slug: str
    department_id: int
    pk: None = None
    is_authenticated: bool = True
    is_platform_admin: bool = False
    can_manage_knowledge: bool = False

    @property
    def username(self) -> str:
        return f"bot:{self.slug}"


def bot_actor(bot: Bot) -> BotActor:
    return BotActor(slug=bot.slug, department_id=bot.department_id)


def collections_for_bot(department: Department) -> QuerySet[Collection]:
    """The collections a department may put behind a public bot: its own, and those shared with it."""
    rule = Q(department=department) | Q(visibility=Visibility.SHARED, shared_with=department)
    return Collection.objects.filter(rule).distinct().order_by("name")


def bot_collections(bot: Bot) -> list[Collection]:
    """The bot's collections that its department may still use (sharing can be withdrawn after publishing)."""
    allowed = collections_for_bot(bot.department).values("pk")
    return list(bot.collections.filter(pk__in=allowed).order_by("name"))


def collection_kind(collection: Collection) -> str:
    return getattr(collection, "kind", "documents") or "documents"


def can_manage_bot(actor, bot: Bot) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_platform_admin:
        return True
    return actor.can_manage_knowledge and actor.department_id == bot.department_id


def bots_managed_by(actor) -> QuerySet[Bot]:
    bots = Bot.objects.select_related("department").order_by("name")
    if getattr(actor, "is_platform_admin", False):
        return bots
    if not getattr(actor, "can_manage_knowledge", False):
        return bots.none()
    return bots.filter(department_id=actor.department_id)


def bot_get(slug: str) -> Bot:
    """An active bot by its slug; a paused or unknown bot is not found, in the same words."""
    bot = Bot.objects.select_related("department").filter(slug=str(slug), active=True).first()
    if bot is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {slug!r}")
    return bot


def bot_for_managing(actor, slug: str) -> Bot:
    bot = Bot.objects.select_related("department").filter(slug=str(slug)).first()
    if bot is None or not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {slug!r}")
    return bot


def _clean_origins(origins: Iterable[str] | str) -> str:
    if isinstance(origins, str):
        origins = origins.split()
    cleaned = []
    for origin in origins:
        origin = clean_text("bot.origin", origin).rstrip("/").lower()
        if not _ORIGIN.match(origin):
            raise invalid("bot.origin", "origin")
        cleaned.append(origin)
    return "\n".join(dict.fromkeys(cleaned))


def _chosen_collections(department: Department, slugs: Iterable[str]) -> list[Collection]:
    slugs = [str(s).strip() for s in slugs if str(s).strip()]
    allowed = {c.slug: c for c in collections_for_bot(department).filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in allowed]
    if missing:
        # The same answer for a collection that does not exist and one the department may not use.
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection {missing[0]!r}")
    if not allowed:
        raise invalid("bot.collections", "required")
    return list(allowed.values())


def bot_create(
    *,
    actor,
    slug: str,
    name: str,
    department: Department,
    collections: Iterable[str],
    language: str = BotLanguage.ENGLISH,
    greeting: str = "",
    decline_message: str = "",
    allowed_origins: Iterable[str] | str = (),
    active: bool = True,
) -> Bot:
    """Publish a bot over chosen collections of the department (its own, or shared with it)."""
    if not getattr(actor, "is_platform_admin", False) and not (
        getattr(actor, "can_manage_knowledge", False) and actor.department_id == department.pk
    ):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="publish bot")
    slug = clean_text("bot.slug", slug)
    name = clean_text("bot.name", name)
    greeting = clean_text("bot.greeting", greeting)
    decline_message = clean_text("bot.decline_message", decline_message)
    origins = _clean_origins(allowed_origins)
    if language not in BotLanguage.values:
        raise AiplusError(ErrorCode.INVALID, detail=f"language {language!r}")
    chosen = _chosen_collections(department, collections)
    if Bot.objects.filter(slug=slug).exists():
        raise AiplusError(ErrorCode.CONFLICT, detail=f"bot {slug!r} exists")
    with transaction.atomic():
        bot = Bot.objects.create(
            slug=slug,
            name=name,
            department=department,
            language=language,
            greeting=greeting,
            decline_message=decline_message,
            allowed_origins=origins,
            active=active,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        bot.collections.set(chosen)
    audit_record(
        actor=actor, action="bot.create", target=f"bot:{slug}", collections=sorted(c.slug for c in chosen)
    )
    return bot


def bot_update(
    *, actor, bot: Bot, active: bool | None = None, allowed_origins: Iterable[str] | str | None = None
) -> Bot:
    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"change bot {bot.slug!r}")
    if active is not None:
        bot.active = active
    if allowed_origins is not None:
        bot.allowed_origins = _clean_origins(allowed_origins)
    bot.save()
    audit_record(actor=actor, action="bot.update", target=f"bot:{bot.slug}", active=bot.active)
    return bot


def decline_text(bot: Bot, script: Script | None = None) -> str:
    """What the bot says when it has no answer, in the asker's script where the bot speaks Chinese."""
    if bot.decline_message.strip():
        text = bot.decline_message.strip()
    else:
        language = bot.language if script is None else ("en" if script == Script.ENGLISH else "zh-hant")
        with translation.override(language):
            text = _(
                "Sorry, I do not have an answer to that. You can ask it another way, or talk to a person."
            )
    return convert_script(text, script) if script == Script.SIMPLIFIED else text


def answered(answer: Answer) -> bool:
    return bool(getattr(answer, "answered", answer.found))


def confidence(answer: Answer) -> float:
    default = 1.0 if answer.found else 0.0
    return float(getattr(answer, "confidence", default))


def _declined(answer: Answer, text: str) -> Answer:
    changes = {"answer": text, "citations": [], "found": False, "grounded": False}
    names = {f.name for f in dataclasses.fields(answer)}
    if "answered" in names:
        changes["answered"] = False
    if "confidence" in names:
        changes["confidence"] = min(confidence(answer), 1.0)
    return dataclasses.replace(answer, **changes)


def _ask_collections(actor: BotActor, question: str, collections: list[Collection]) -> Answer | None:
    """The first good answer: FAQ and forms collections first, then documents."""
    faq = [c for c in collections if collection_kind(c) in FAQ_KINDS]
    documents = [c for c in collections if collection_kind(c) not in FAQ_KINDS]
    last = None
    for group in (faq, documents):
        if not group:
            continue
        last = answer_question(actor=actor, question=question, collections=group, channel="bot")
        if answered(last):
            return last
    return last


def _reads_as_follow_up(question: str) -> bool:
    """A short question with little of its own ("How much is it?", "要幾錢？") leans on the one before it; a
    longer one is a new topic, and is never answered with the previous question's answer."""
    return len(set(index_terms(question))) <= FOLLOW_UP_TERMS


def bot_answer(*, bot: Bot, question: str, history: list | None = None, client_id: str = "") -> Answer:
    """The bot's answer to a question, from the bot's collections only. ``history`` holds the conversation's
    earlier questions (strings, or dicts with a "question"); a follow-up that cannot be answered alone is
    asked again together with the question before it. Declines with the bot's decline message."""
    question = clean_text("question", question)
    actor = bot_actor(bot)
    collections = bot_collections(bot)
    script = detect_script(question)
    result = _ask_collections(actor, question, collections) if collections else None
    if (result is None or not answered(result)) and history and _reads_as_follow_up(question):
        earlier = [h.get("question", "") if isinstance(h, dict) else str(h) for h in history]
        earlier = [q for q in earlier if q.strip()][-HISTORY_TURNS:]
        if earlier:
            combined = clean_text(
                "question", f"{earlier[-1]} {question}"[-settings.AIPLUS_MAX_QUESTION_CHARS :]
            )
            follow_up = _ask_collections(actor, combined, collections)
            if follow_up is not None and answered(follow_up):
                result = follow_up
    if result is None:
        result = Answer("", [], "none", False, False, str(script), answered=False)
    if not answered(result):
        result = _declined(result, decline_text(bot, script))
    logger.info(
        "bot answer bot=%s client=%s answered=%s engine=%s",
        bot.slug,
        client_id[:8],
        answered(result),
        result.engine,
    )
    return result


def client_fingerprint(address: str) -> str:
    """A keyed hash of a visitor's address: it keeps one visitor's conversation apart from another's, and is
    no use for finding who they are."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def _conversation_id(conversation: str) -> str:
    """A conversation id as a page or API client makes it. At least 8 characters: visitors behind one address
    (an office's proxy) share a client fingerprint, and only the id keeps their conversations apart."""
    conversation = str(conversation or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9-]{8,64}", conversation):
        raise invalid("conversation", "conversation_id", minimum=8, limit=64)
    return conversation


def conversation_history(*, bot: Bot, conversation: str, client: str) -> list[BotExchange]:
    return list(
        BotExchange.objects.filter(bot=bot, conversation=conversation, client=client).order_by("at", "pk")
    )


@dataclass(frozen=True)
class BotReply:
    exchange: BotExchange
    answer: Answer

    @property
    def speech_language(self) -> str:
        """The language tag a browser's speech synthesis should read the answer in."""
        return {"en": "en-GB", "zh-Hans": "zh-CN"}.get(self.answer.script, "zh-HK")

    def as_dict(self) -> dict:
        return {
            "exchange": self.exchange.pk,
            "answer": self.answer.answer,
            "answered": self.exchange.answered,
            "confidence": round(self.exchange.confidence, 3),
            "engine": self.answer.engine,
            "citations": [
                {
                    "source_id": c.source_id,
                    "title": c.title,
                    "collection": c.collection,
                    "quote": c.quote[:400],
                }
                for c in self.answer.citations
            ],
            "speech_language": self.speech_language,
            "offer_person": not self.exchange.answered,
        }


def bot_reply(
    *, bot: Bot, question: str, conversation: str, client: str, history: list[str] | None = None
) -> BotReply:
    """Answer a visitor and keep the exchange, so it can be rated, handed to a person or reviewed.
    ``history``: the conversation's earlier questions when the caller holds the conversation (a chat API
    client sends it whole); by default those kept for this conversation."""
    conversation = _conversation_id(conversation)
    if history is None:
        history = [
            e.question for e in conversation_history(bot=bot, conversation=conversation, client=client)
        ]
    answer = bot_answer(bot=bot, question=question, history=history, client_id=client)
    exchange = BotExchange.objects.create(
        bot=bot,
        conversation=conversation,
        client=client,
        question=clean_text("question", question),
        answer=answer.answer,
        answered=answered(answer),
        confidence=confidence(answer),
        engine=answer.engine,
        sources=[c.source_id for c in answer.citations],
    )
    return BotReply(exchange, answer)


def exchange_rate(*, bot: Bot, exchange_id, rating: str, client: str) -> BotExchange:
    """A visitor's thumbs up or down on one of their own answers."""
    values = {"up": 1, "down": -1}
    if rating not in values:
        raise invalid("rating", "required")
    exchange = BotExchange.objects.filter(bot=bot, pk=_whole(exchange_id), client=client).first()
    if exchange is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"exchange {exchange_id}")
    exchange.rating = values[rating]
    exchange.save(update_fields=["rating"])
    return exchange


def _whole(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
