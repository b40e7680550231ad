"""What the chat API and the MCP server share: which "models" a person may talk to, and their answers.

A model is a collection the person may read (``collection:<slug>``), all of them together (``aiplus``), or a
public bot (``bot:<slug>``). The person's access is checked on every call, so a token of another department
never reaches a collection by naming it: an unknown and a hidden model get the same answer. A bot is public
while it is active, so any token may talk to it; it answers as it does on its own page, from its own
collections only, and each exchange is kept for the bot's review queue as a page visitor's is
(``aiplus.bots.services.bot_reply``). A paused bot is neither listed nor answers anyone.
"""

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.assistant.services import Answer, answer_stream
from aiplus.bots.models import Bot
from aiplus.bots.services import bot_get, bot_reply, client_fingerprint
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, convert_script
from aiplus.core.validation import clean_text
from aiplus.documents.models import Collection
from aiplus.documents.selectors import collections_visible_to
from aiplus.integrations.errors import ChatRequestError

logger = logging.getLogger("aiplus.integrations")

ALL_COLLECTIONS_MODEL = "aiplus"
COLLECTION_PREFIX = "collection:"
BOT_PREFIX = "bot:"
ROLES = ("system", "developer", "user", "assistant", "tool", "function")


@dataclass(frozen=True)
class ChatModel:
    """One model a person may choose: a collection, every collection they may read, or a public bot."""

    id: str
    owned_by: str
    name: str
    collections: tuple[Collection, ...] = field(default=(), compare=False)
    bot: Bot | None = field(default=None, compare=False)

    @property
    def created(self) -> int:
        made = self.bot or (self.collections[0] if self.id.startswith(COLLECTION_PREFIX) else None)
        return int(made.created_at.timestamp()) if made is not None else 0

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "object": "model",
            "created": self.created,
            "owned_by": self.owned_by,
            "name": self.name,
        }


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


@dataclass(frozen=True)
class Conversation:
    """The last user message is the question; the turns before it are the history."""

    question: str
    history: tuple[Turn, ...]


def _bot_model(bot: Bot) -> ChatModel:
    return ChatModel(BOT_PREFIX + bot.slug, bot.department.code, bot.name, bot=bot)


def _all_collections_model(collections) -> ChatModel:
    return ChatModel(ALL_COLLECTIONS_MODEL, "aiplus", _("All collections you can read"), tuple(collections))


def chat_models_for(actor) -> list[ChatModel]:
    """Every model the actor may use: the combined one first, then the collections, then the active bots."""
    collections = list(collections_visible_to(actor).order_by("slug"))
    models = [_all_collections_model(collections)]
    models += [ChatModel(COLLECTION_PREFIX + c.slug, c.department.code, c.name, (c,)) for c in collections]
    bots = Bot.objects.filter(active=True).select_related("department").order_by("slug")
    models += [_bot_model(bot) for bot in bots]
    return models


def chat_model_get(actor, model_id) -> ChatModel:
    """The model the actor named, or NOT_FOUND (the same for one that does not exist and one they may not use)."""
    if isinstance(model_id, str):
        if model_id == ALL_COLLECTIONS_MODEL:
            return _all_collections_model(collections_visible_to(actor).order_by("slug"))
        if model_id.startswith(COLLECTION_PREFIX):
            slug = model_id.removeprefix(COLLECTION_PREFIX)
            collection = collections_visible_to(actor).filter(slug=slug).first()
            if collection is not None:
                return ChatModel(model_id, collection.department.code, collection.name, (collection,))
        if model_id.startswith(BOT_PREFIX):
            try:
                return _bot_model(bot_get(model_id.removeprefix(BOT_PREFIX)))
            except AiplusError:
                pass  # a paused or unknown bot: not found, as any unknown model
    raise ChatRequestError(
        "model_not_found", code=ErrorCode.NOT_FOUND, params={"model": str(model_id)[:200]}, param="model"
    )


def message_text(content) -> str:
    """A message's text: a plain string, or the text parts of a list of content parts (images are skipped)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    parts = []
    for part in content:
        kind = part.get("type") if isinstance(part, dict) else getattr(part, "type", None)
        text = part.get("text") if isinstance(part, dict) else getattr(part, "text", None)
        if kind == "text" and isinstance(text, str):
            parts.append(text)
    return "\n".join(parts)


def conversation_from_messages(messages: list[dict]) -> Conversation:
    """Split OpenAI-style messages into the question (the last message, which must be the user's) and history."""
    if not messages:
        raise ChatRequestError("no_messages", param="messages")
    turns = []
    for message in messages:
        role = message.get("role")
        if role not in ROLES:
            raise ChatRequestError("unknown_role", params={"role": str(role)[:40]}, param="messages")
        turns.append(Turn(role, message_text(message.get("content"))))
    if turns[-1].role != "user":
        raise ChatRequestError("last_message_not_user", param="messages")
    question = clean_text("question", turns[-1].content)
    history = tuple(t for t in turns[:-1] if t.role in {"user", "assistant"} and t.content.strip())
    return Conversation(question, history)


def _bot_conversation_id(actor, channel: str, conversation: Conversation) -> str:
    """The same id for every turn of one conversation with a bot (a chat client sends no id, but sends the
    conversation from its first question on), so the review queue reads the turns together."""
    first = next(
        (turn.content for turn in conversation.history if turn.role == "user"), conversation.question
    )
    digest = hashlib.sha256(f"{channel}\n{actor.pk}\n{first}".encode()).hexdigest()
    return f"{channel}-{digest[:32]}"


def chat_answer_stream(
    *, actor, model: ChatModel, conversation: Conversation, channel: str
) -> Iterator[tuple[str, object]]:
    """The answer as events: ``("delta", text)`` pieces, then ``("done", Answer)``. The question is checked
    and the search done when this is called, so bad input raises before the first event. A bot answers whole
    (one delta), from its own collections, with its decline message when it has no answer."""
    if model.bot is not None:
        earlier = [turn.content for turn in conversation.history if turn.role == "user"]
        reply = bot_reply(
            bot=model.bot,
            question=conversation.question,
            conversation=_bot_conversation_id(actor, channel, conversation),
            client=client_fingerprint(f"{channel}:user:{actor.pk}"),
            history=earlier,
        )
        return iter([("delta", reply.answer.answer), ("done", reply.answer)])
    return answer_stream(
        actor=actor,
        question=conversation.question,
        collections=list(model.collections),
        history=[{"role": turn.role, "content": turn.content} for turn in conversation.history],
        channel=channel,
    )


def chat_answer(*, actor, model: ChatModel, conversation: Conversation, channel: str) -> Answer:
    """A cited answer to the conversation's question over the model's collections."""
    for kind, value in chat_answer_stream(
        actor=actor, model=model, conversation=conversation, channel=channel
    ):
        if kind == "done":
            return value
    raise AiplusError(ErrorCode.INTERNAL, detail="the answer stream ended without an answer")


def answered(answer: Answer) -> bool:
    return bool(getattr(answer, "answered", answer.found))


def sources_block(answer: Answer) -> str:
    """The citations as text under the answer, numbered as the answer's [n] markers, in the asker's script."""
    if not answer.citations:
        return ""
    script = Script(answer.script) if answer.script in Script._value2member_map_ else Script.ENGLISH
    with translation.override("en" if script == Script.ENGLISH else "zh-hant"):
        lines = [_("Sources:")]
        for citation in answer.citations:
            where = citation.collection
            if citation.page:
                where += ", " + _("page %(page)s") % {"page": citation.page}
            lines.append(f"[{citation.number}] {citation.title or citation.source_id} ({where})")
    text = "\n".join(lines)
    return convert_script(text, script) if script == Script.SIMPLIFIED else text


def reply_tail(answer: Answer) -> str:
    """What follows the answer's text in the reply: the notice (e.g. the model was unavailable), if any, and
    the Sources block, each after a blank line."""
    parts = [getattr(answer, "notice", ""), sources_block(answer)]
    return "".join(f"\n\n{part}" for part in parts if part)


def citations_out(answer: Answer) -> list[dict]:
    return [{**c.as_dict(), "char_start": c.char_start, "char_end": c.char_end} for c in answer.citations]


def answer_summary(answer: Answer) -> dict:
    """The machine-readable part of an answer that standard chat clients ignore."""
    return {
        "engine": answer.engine,
        "grounded": answer.grounded,
        "answered": answered(answer),
        "confidence": getattr(answer, "confidence", None),
        "script": answer.script,
        "notice": getattr(answer, "notice", ""),
        "flags": [flag.as_dict() for flag in getattr(answer, "flags", [])],
    }
