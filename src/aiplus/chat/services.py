"""Officers' conversations over the collections they may read: create, ask (streamed), rename, delete, and the
retention purge. Pages, the API and the CLI all call these.

A turn: the owner's access to the chat's collections is checked again, the question is rewritten with the
conversation when it is a follow-up (``chat.rewrite``), and the answer is written by
``assistant.answer_stream`` over the rewritten query. It arrives as events: ``turn`` (what is searched),
``delta`` (pieces of answer text as the model writes them; the extractive answer is one piece) and ``done``
(the stored turn with its citations, whose text replaces the pieces shown).
"""

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from aiplus.assistant import services as assistant
from aiplus.chat.models import Conversation, Retention, Turn
from aiplus.chat.rewrite import MODEL_TURNS, PastTurn, rewrite_question
from aiplus.chat.selectors import chat_for_owner, chat_turns
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text
from aiplus.documents.models import Collection
from aiplus.documents.selectors import collection_for_reading, collections_visible_to

logger = logging.getLogger("aiplus.chat")

TITLE_CHARS = 80  # a new chat is named after its first question, cut to this length


@dataclass(frozen=True)
class ChatEvent:
    kind: str  # "turn", "delta" or "done"
    data: dict  # what the API sends
    turn: Turn | None = None  # the stored turn, on "done"


def _owner(actor):
    if not getattr(actor, "pk", None):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="a chat belongs to a signed-in user")
    return actor


def chat_create(
    *, actor, title: str = "", collections: list[str] | tuple = (), channel: str = ""
) -> Conversation:
    """A new chat over the named collections (slugs the actor may read), or over every collection the actor
    may read when none is named."""
    owner = _owner(actor)
    title = clean_text("chat.title", title)
    chosen = [collection_for_reading(owner, slug) for slug in dict.fromkeys(collections)]
    with transaction.atomic():
        conversation = Conversation.objects.create(
            owner=owner,
            department_id=owner.department_id,
            title=title,
            all_collections=not chosen,
            updated_at=timezone.now(),
        )
        conversation.collections.set(chosen)
    audit_record(actor=owner, action="chat.create", target=f"chat:{conversation.pk}", channel=channel)
    return conversation


def chat_rename(*, actor, conversation_id: int, title: str, channel: str = "") -> Conversation:
    conversation = chat_for_owner(actor, conversation_id)
    conversation.title = clean_text("chat.title", title)
    conversation.save(update_fields=["title"])
    return conversation


def chat_delete(*, actor, conversation_id: int, channel: str = "") -> None:
    conversation = chat_for_owner(actor, conversation_id)
    conversation.delete()
    audit_record(actor=actor, action="chat.delete", target=f"chat:{conversation_id}", channel=channel)


def chat_collections(actor, conversation: Conversation) -> list[Collection] | None:
    """The collections a turn may search now: the chosen ones the owner may still read (None: all readable).
    Access is checked at every turn, so a collection no longer shared is no longer searched."""
    if conversation.all_collections:
        return None
    chosen = conversation.collections.values("pk")
    readable = list(collections_visible_to(actor).filter(pk__in=chosen))
    if not readable:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"no collection of chat {conversation.pk} is readable")
    return readable


def chat_ask(*, actor, conversation_id: int, question: str, channel: str = "") -> Iterator[ChatEvent]:
    """Ask a question in a chat. The chat, the question and the access are checked before this returns (so a
    bad request fails before anything is streamed); the events follow as the answer is made."""
    conversation = chat_for_owner(actor, conversation_id)
    question = clean_text("question", question)
    collections = chat_collections(actor, conversation)
    return _turn_events(actor, conversation, question, collections, channel)


def chat_ask_whole(*, actor, conversation_id: int, question: str, channel: str = "") -> Turn:
    """Ask a question and wait for the whole answer (pages without JavaScript, API without streaming)."""
    turn = None
    for event in chat_ask(actor=actor, conversation_id=conversation_id, question=question, channel=channel):
        if event.kind == "done":
            turn = event.turn
    assert turn is not None
    return turn


def _history(conversation: Conversation) -> list[PastTurn]:
    recent = list(chat_turns(conversation).reverse()[:MODEL_TURNS])
    return [PastTurn(t.question, t.query, t.answer) for t in reversed(recent)]


def _model_history(history: list[PastTurn]) -> list[dict]:
    """The conversation so far as chat messages, for a model writing the answer."""
    messages = []
    for turn in history:
        messages.append({"role": "user", "content": turn.question})
        if turn.answer:
            messages.append({"role": "assistant", "content": turn.answer})
    return messages


def _plain(value):
    """Flags and notices as JSON, whatever shape the answer engine gives them."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def citation_dict(citation) -> dict:
    return {
        **citation.as_dict(),
        "file_type": getattr(citation, "file_type", ""),
        "url": reverse("documents:passage", args=[citation.document_id, citation.chunk_id]) + "#passage",
    }


def _turn_events(actor, conversation: Conversation, question: str, collections, channel: str):
    started = time.monotonic()
    history = _history(conversation)
    rewrite = rewrite_question(actor=actor, question=question, history=history)
    rewritten = time.monotonic()
    number = (chat_turns(conversation).aggregate(last=Max("number"))["last"] or 0) + 1
    yield ChatEvent(
        "turn",
        {
            "chat": conversation.pk,
            "number": number,
            "question": question,
            "query": rewrite.query,
            "rewrite": rewrite.method,
        },
    )
    answer = None
    events = assistant.answer_stream(
        actor=actor,
        question=rewrite.query,
        collections=collections,
        history=_model_history(history),
        channel=channel,
    )
    for kind, value in events:
        if kind == "delta" and value:
            yield ChatEvent("delta", {"text": value})
        elif kind == "done":
            answer = value
    if answer is None:
        raise AiplusError(ErrorCode.INTERNAL, detail="the answer stream ended without an answer")
    finished = time.monotonic()
    turn = _turn_save(
        conversation,
        question=question,
        rewrite=rewrite,
        answer=answer,
        timings={
            "rewrite_ms": int((rewritten - started) * 1000),
            "answer_ms": int((finished - rewritten) * 1000),
            "total_ms": int((finished - started) * 1000),
        },
    )
    logger.info(
        "chat turn chat=%s turn=%s rewrite=%s engine=%s",
        conversation.pk,
        turn.number,
        rewrite.method,
        turn.engine,
    )
    yield ChatEvent(
        "done", {"chat": conversation.pk, "title": conversation.title, "turn": turn_dict(turn)}, turn
    )


def _turn_save(conversation: Conversation, *, question, rewrite, answer, timings) -> Turn:
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        number = (locked.turns.aggregate(last=Max("number"))["last"] or 0) + 1
        turn = Turn.objects.create(
            conversation=locked,
            number=number,
            question=question,
            query=rewrite.query,
            rewrite=rewrite.method,
            answer=answer.answer,
            citations=[citation_dict(c) for c in answer.citations],
            engine=answer.engine,
            found=bool(getattr(answer, "answered", answer.found)),
            grounded=answer.grounded,
            notice=str(getattr(answer, "notice", "") or ""),
            flags=[_plain(flag) for flag in getattr(answer, "flags", None) or []],
            timings=timings,
        )
        locked.updated_at = timezone.now()
        fields = ["updated_at"]
        if not locked.title:
            locked.title = question if len(question) <= TITLE_CHARS else question[: TITLE_CHARS - 1] + "…"
            fields.append("title")
        locked.save(update_fields=fields)
    conversation.title, conversation.updated_at = locked.title, locked.updated_at
    return turn


def turn_dict(turn: Turn) -> dict:
    return {
        "number": turn.number,
        "question": turn.question,
        "query": turn.query,
        "rewrite": turn.rewrite,
        "answer": turn.answer,
        "citations": turn.citations,
        "engine": turn.engine,
        "found": turn.found,
        "grounded": turn.grounded,
        "notice": turn.notice,
        "flags": turn.flags,
        "timings": turn.timings,
        "created_at": turn.created_at.isoformat(),
    }


# --- retention -----------------------------------------------------------------------------------------


def retention_days(department_id: int | None) -> int:
    """Days a department keeps a chat after its last turn; 0 means for ever."""
    days = Retention.objects.filter(department_id=department_id).values_list("days", flat=True).first()
    return days if days is not None else settings.AIPLUS_CHAT_RETENTION_DAYS


def retention_set(*, actor, department, days: int, channel: str = "") -> Retention:
    """Set how long a department keeps its chats (platform administrators, department administrators of their
    own department, and the operator at the shell)."""
    if not getattr(actor, "is_platform_admin", False) and not (
        getattr(actor, "role", "") == "department_admin" and actor.department_id == department.pk
    ):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="set chat retention")
    days = clean_number("chat.retention_days", days)
    retention, _created = Retention.objects.update_or_create(department=department, defaults={"days": days})
    audit_record(actor=actor, action="chat.retention", target=department.code, channel=channel, days=days)
    return retention


def chat_purge(*, now=None) -> int:
    """Delete every conversation whose last turn is older than its department's retention period; returns how
    many went. Safe to run at any time and from several workers at once."""
    now = now or timezone.now()
    policies = dict(Retention.objects.values_list("department_id", "days"))
    deleted = 0
    for department_id, days in policies.items():
        old = Conversation.objects.filter(
            department_id=department_id, updated_at__lt=now - timedelta(days=days)
        )
        deleted += old.delete()[1].get("chat.Conversation", 0)
    default_days = settings.AIPLUS_CHAT_RETENTION_DAYS
    if default_days > 0:
        old = Conversation.objects.exclude(department_id__in=list(policies)).filter(
            updated_at__lt=now - timedelta(days=default_days)
        )
        deleted += old.delete()[1].get("chat.Conversation", 0)
    if deleted:
        logger.info("chats purged count=%s", deleted)
    return deleted
