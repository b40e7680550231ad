"""Reads of conversations. A chat is its owner's alone: anyone else is told it does not exist."""

from django.db.models import QuerySet

from aiplus.chat.models import Conversation, Turn
from aiplus.core.errors import AiplusError, ErrorCode


def chats_of(actor) -> QuerySet[Conversation]:
    """The actor's own conversations, the most recently used first."""
    if not getattr(actor, "pk", None):
        return Conversation.objects.none()
    return Conversation.objects.filter(owner_id=actor.pk)


def chat_for_owner(actor, conversation_id) -> Conversation:
    """The actor's conversation with this id; NOT_FOUND for another person's, as for one that never was."""
    try:
        conversation_id = int(conversation_id)
    except (TypeError, ValueError):
        conversation_id = 0
    conversation = chats_of(actor).filter(pk=conversation_id).first()
    if conversation is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"chat {conversation_id}")
    return conversation


def chat_turns(conversation: Conversation) -> QuerySet[Turn]:
    return conversation.turns.order_by("number")
