"""REST endpoints for chats. ``POST /chats/{id}/messages`` with ``"stream": true`` answers as server-sent
events: ``turn`` (what is searched), ``delta`` (answer text as it is written), ``done`` (the stored turn, with
citations) or ``error`` (the error body, in the usual shape)."""

from django.db.models import Count
from ninja import Router, Status

from aiplus.chat import services
from aiplus.chat.schemas import ChatDetailOut, ChatIn, ChatOut, ChatRenameIn, MessageIn, TurnOut
from aiplus.chat.selectors import chat_for_owner, chat_turns, chats_of
from aiplus.chat.sse import sse_stream
from aiplus.core.schemas import error_responses

router = Router(tags=["chats"])


def chat_out(conversation, *, turns: int | None = None) -> dict:
    return {
        "id": conversation.pk,
        "title": conversation.title,
        "collections": sorted(c.slug for c in conversation.collections.all()),
        "all_collections": conversation.all_collections,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "turns": conversation.turns.count() if turns is None else turns,
    }


@router.get("/chats", response={200: list[ChatOut], **error_responses()})
def list_chats(request):
    """Your chats, the most recently used first."""
    chats = chats_of(request.user).prefetch_related("collections").annotate(turn_count=Count("turns"))
    return [chat_out(conversation, turns=conversation.turn_count) for conversation in chats]


@router.post("/chats", response={201: ChatOut, **error_responses(403, 404)})
def create_chat(request, payload: ChatIn):
    """A new chat over the collections named (slugs), or over every collection you may read."""
    conversation = services.chat_create(
        actor=request.user, title=payload.title, collections=payload.collections, channel="api"
    )
    return Status(201, chat_out(conversation, turns=0))


@router.get("/chats/{chat_id}", response={200: ChatDetailOut, **error_responses(404)})
def get_chat(request, chat_id: int):
    conversation = chat_for_owner(request.user, chat_id)
    turns = [services.turn_dict(turn) for turn in chat_turns(conversation)]
    return {**chat_out(conversation, turns=len(turns)), "messages": turns}


@router.patch("/chats/{chat_id}", response={200: ChatOut, **error_responses(404)})
def rename_chat(request, chat_id: int, payload: ChatRenameIn):
    conversation = services.chat_rename(actor=request.user, conversation_id=chat_id, title=payload.title)
    return chat_out(conversation)


@router.delete("/chats/{chat_id}", response={204: None, **error_responses(404)})
def delete_chat(request, chat_id: int):
    services.chat_delete(actor=request.user, conversation_id=chat_id, channel="api")
    return Status(204, None)


@router.post(
    "/chats/{chat_id}/messages",
    response={200: TurnOut, **error_responses(404, 503)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The answer as JSON, or with stream=true as text/event-stream events",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def ask_in_chat(request, chat_id: int, payload: MessageIn):
    """Ask a question in a chat; a follow-up is understood with the chat's earlier turns."""
    events = services.chat_ask(
        actor=request.user, conversation_id=chat_id, question=payload.question, channel="api"
    )
    if payload.stream:
        return sse_stream(events)
    turn = None
    for event in events:
        if event.kind == "done":
            turn = event.turn
    return services.turn_dict(turn)
