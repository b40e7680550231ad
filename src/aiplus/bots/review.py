"""Handoffs to a person, and the review queue where knowledge owners turn what the bot could not answer into
FAQ entries, so the next asker gets the approved answer (what UK Caddy never reuses)."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from aiplus.bots.models import Bot, BotExchange, Handoff, HandoffStatus, Rating
from aiplus.bots.services import _conversation_id, bot_actor, bot_collections, can_manage_bot, collection_kind
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, detect_script
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.models import Collection
from aiplus.faq.models import FaqEntry

logger = logging.getLogger("aiplus.bots")


def handoff_create(
    *, bot: Bot, conversation: str, client: str, contact: str = "", message: str = ""
) -> Handoff:
    """A visitor asks for a person: the ticket carries the conversation so far and optional contact details."""
    conversation = _conversation_id(conversation)
    contact = clean_text("handoff.contact", contact)
    message = clean_text("handoff.message", message)
    exchanges = BotExchange.objects.filter(bot=bot, conversation=conversation, client=client).order_by(
        "at", "pk"
    )
    transcript = [
        {"question": e.question, "answer": e.answer, "answered": e.answered, "exchange": e.pk}
        for e in exchanges
    ]
    if not transcript and not message:
        raise invalid("handoff.message", "required")
    handoff = Handoff.objects.create(
        bot=bot,
        conversation=conversation,
        client=client,
        transcript=transcript,
        contact=contact,
        message=message,
    )
    logger.info("handoff created bot=%s handoff=%s turns=%s", bot.slug, handoff.pk, len(transcript))
    return handoff


@dataclass(frozen=True)
class ReviewQueue:
    handoffs: list[Handoff]
    declined: list[BotExchange]
    disliked: list[BotExchange]

    def __len__(self) -> int:
        return len(self.handoffs) + len(self.declined) + len(self.disliked)


def review_queue(*, actor, bot: Bot, limit: int = 200) -> ReviewQueue:
    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot.slug!r}")
    open_exchanges = BotExchange.objects.filter(bot=bot, reviewed_at__isnull=True)
    handed_over = set(
        Handoff.objects.filter(bot=bot, status=HandoffStatus.OPEN).values_list("conversation", flat=True)
    )
    declined = [e for e in open_exchanges.filter(answered=False)[:limit] if e.conversation not in handed_over]
    return ReviewQueue(
        handoffs=list(Handoff.objects.filter(bot=bot, status=HandoffStatus.OPEN)[:limit]),
        declined=declined,
        disliked=list(open_exchanges.filter(answered=True, rating=Rating.DOWN)[:limit]),
    )


def faq_collections(bot: Bot) -> list[Collection]:
    """Where approved answers go: the bot's FAQ collections (forms collections when it has no FAQ one)."""
    collections = bot_collections(bot)
    faq = [c for c in collections if collection_kind(c) == "faq"]
    return faq or [c for c in collections if collection_kind(c) == "forms"]


def _faq_language(text: str) -> str:
    return "en" if detect_script(text) == Script.ENGLISH else "zh-Hant"


SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    """An existing FAQ entry the queued question may be another wording of, as the bot's matcher scores it."""

    entry_id: str
    question: str
    confidence: float

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


def review_entries(bot: Bot) -> dict[str, str]:
    """Every entry the bot's approved answers may join: entry id -> its question in the page's language."""
    wanted = "en" if (translation.get_language() or "en").startswith("en") else "zh-Hant"
    entries: dict[str, str] = {}
    rows = FaqEntry.objects.filter(collection__in=faq_collections(bot)).order_by("entry_id", "pk")
    for entry_id, language, question in rows.values_list("entry_id", "language", "question"):
        if entry_id not in entries or language == wanted:
            entries[entry_id] = question
    return entries


def review_suggestions(*, bot: Bot, question: str, entries: dict[str, str]) -> list[Suggestion]:
    """The entries the bot's own FAQ matcher finds closest to a queued question, best first (at most 3)."""
    from aiplus.faq.services import faq_match

    collections = faq_collections(bot)
    if not collections or not question.strip():
        return []
    match = faq_match(question=question, collections=collections, actor=bot_actor(bot))
    suggestions: list[Suggestion] = []
    for entry_id, confidence in match.candidates:
        if confidence > 0 and entry_id in entries and entry_id not in {s.entry_id for s in suggestions}:
            suggestions.append(Suggestion(entry_id, entries[entry_id], confidence))
    return suggestions[:SUGGESTIONS]


# Each suggestion matches the question (with the local embedder, one embedding each): only the items at the
# top of the queue get them, so a long queue still opens quickly; the rest keep the search box.
SUGGESTED_ITEMS = 25


def review_picker(*, bot: Bot, queue: ReviewQueue) -> dict[str, str]:
    """Give the first queued items their ``suggestions`` for the page's entry picker; returns the entries to
    search."""
    entries = review_entries(bot)
    for number, item in enumerate([*queue.handoffs, *queue.declined, *queue.disliked]):
        asked = item.question() if isinstance(item, Handoff) else item.question
        suggested = number < SUGGESTED_ITEMS
        item.suggestions = review_suggestions(bot=bot, question=asked, entries=entries) if suggested else []
    return entries


def _review_item(bot: Bot, kind: str, item_id) -> tuple[str, Handoff | BotExchange]:
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        item_id = 0
    model = {"handoff": Handoff, "exchange": BotExchange}.get(kind)
    item = model.objects.filter(bot=bot, pk=item_id).first() if model else None
    if item is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"{kind} {item_id}")
    question = item.question() if isinstance(item, Handoff) else item.question
    return question, item


def _close(item, *, actor, answer: str) -> None:
    now = timezone.now()
    user = actor if getattr(actor, "pk", None) else None
    if isinstance(item, Handoff):
        item.status, item.approved_answer, item.resolved_by, item.resolved_at = (
            HandoffStatus.ANSWERED,
            answer,
            user,
            now,
        )
        item.save()
        exchanges = [turn.get("exchange") for turn in item.transcript if turn.get("exchange")]
        # The declined questions were answered with the handoff; a disliked answer still waits on its own.
        BotExchange.objects.filter(
            bot=item.bot, pk__in=exchanges, answered=False, reviewed_at__isnull=True
        ).update(reviewed_at=now, reviewed_by=user)
    else:
        item.reviewed_at, item.reviewed_by = now, user
        item.save(update_fields=["reviewed_at", "reviewed_by"])


def review_answer(
    *,
    actor,
    bot: Bot,
    kind: str,
    item_id,
    answer: str = "",
    entry_id: str = "",
    collection_slug: str = "",
    question: str = "",
) -> str:
    """Approve an answer to a queued question. With ``entry_id`` the question becomes another wording of that
    FAQ entry; otherwise a new entry is made with ``answer``. The next asker gets it. Returns the entry id."""
    from aiplus.faq import services as faq

    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot.slug!r}")
    asked, item = _review_item(bot, kind, item_id)
    question = clean_text("question", question or asked)
    targets = faq_collections(bot)
    if collection_slug:
        targets = [c for c in targets if c.slug == collection_slug]
    if not targets:
        raise AiplusError(ErrorCode.NOT_FOUND, detail="FAQ collection for approved answers")
    collection = targets[0]
    language = _faq_language(question)
    entry_id = str(entry_id or "").strip()
    if entry_id:  # only an entry of the bot's own FAQ collections, never another department's
        holder = FaqEntry.objects.filter(collection__in=targets, entry_id=entry_id).order_by("pk").first()
        if holder is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"FAQ entry {entry_id!r}")
        collection = holder.collection
    with transaction.atomic():
        if entry_id:
            faq.faq_alternative_add(
                actor=actor, collection=collection, entry_id=entry_id, wording=question, language=language
            )
            approved = ""
        else:
            approved = clean_text("review.answer", answer)
            entry_id = f"review-{kind}-{item.pk}"
            faq.faq_entry_create(
                actor=actor,
                collection=collection,
                entry_id=entry_id,
                question=question,
                answer=approved,
                language=_faq_language(approved),
            )
        _close(item, actor=actor, answer=approved or entry_id)
    audit_record(
        actor=actor, action="bot.review", target=f"bot:{bot.slug}", kind=kind, item=item.pk, entry=entry_id
    )
    return entry_id


def review_dismiss(*, actor, bot: Bot, kind: str, item_id) -> None:
    """Take an item off the queue without adding anything (spam, or already answered well)."""
    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot.slug!r}")
    _question, item = _review_item(bot, kind, item_id)
    _close(item, actor=actor, answer="")
