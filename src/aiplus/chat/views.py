"""Chat pages: the list of your chats, and a chat whose answers stream in (or arrive whole without JavaScript)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from aiplus.chat import services
from aiplus.chat.selectors import chat_for_owner, chat_turns, chats_of
from aiplus.chat.sse import sse_stream
from aiplus.core.api_errors import error_json
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.documents.selectors import collections_visible_to


def _list_page(request, *, form_error: str = "", status: int = 200):
    context = {
        "chats": chats_of(request.user),
        "collections": collections_visible_to(request.user).order_by("name"),
        "form_error": form_error,
        "retention_days": services.retention_days(request.user.department_id),
    }
    return render(request, "chat/chats.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def chats(request):
    if request.method == "GET":
        return _list_page(request)
    try:
        conversation = services.chat_create(
            actor=request.user,
            title=request.POST.get("title", ""),
            collections=request.POST.getlist("collection"),
            channel="web",
        )
    except AiplusError as error:
        if error.code != ErrorCode.INVALID_FIELD:
            return error_page(request, error)
        return _list_page(request, form_error=error.message, status=400)
    return redirect("chat:chat", chat_id=conversation.pk)


def _chat_page(request, conversation, *, question: str = "", form_error: str = "", status: int = 200):
    context = {
        "chat": conversation,
        "turns": chat_turns(conversation),
        "collections": conversation.collections.order_by("name"),
        "question": question,
        "form_error": form_error,
    }
    return render(request, "chat/chat.html", context, status=status)


@never_cache  # turns added by the page's script must be there when the user comes back to it
@login_required
@require_http_methods(["GET", "POST"])
def chat(request, chat_id: int):
    try:
        conversation = chat_for_owner(request.user, chat_id)
    except AiplusError as error:
        return error_page(request, error)
    if request.method == "GET":
        return _chat_page(request, conversation)
    question = request.POST.get("question", "")
    try:
        turn = services.chat_ask_whole(
            actor=request.user, conversation_id=conversation.pk, question=question, channel="web"
        )
    except AiplusError as error:
        shown = repair_text("question", question) if isinstance(question, str) else ""
        return _chat_page(
            request, conversation, question=shown, form_error=error.message, status=error.http_status
        )
    return redirect(reverse("chat:chat", args=[conversation.pk]) + f"#turn-{turn.number}")


@login_required
@require_POST
def chat_stream(request, chat_id: int):
    """The page's script posts the question here and reads the answer as server-sent events."""
    try:
        events = services.chat_ask(
            actor=request.user,
            conversation_id=chat_id,
            question=request.POST.get("question", ""),
            channel="web",
        )
    except AiplusError as error:
        return error_json(error.code, params=error.params, field=error.field)
    return sse_stream(events)


@login_required
@require_POST
def chat_rename_view(request, chat_id: int):
    try:
        services.chat_rename(actor=request.user, conversation_id=chat_id, title=request.POST.get("title", ""))
    except AiplusError as error:
        if error.code != ErrorCode.INVALID_FIELD:
            return error_page(request, error)
        conversation = chat_for_owner(request.user, chat_id)
        return _chat_page(request, conversation, form_error=error.message, status=400)
    return redirect("chat:chat", chat_id=chat_id)


@login_required
@require_POST
def chat_delete_view(request, chat_id: int):
    try:
        services.chat_delete(actor=request.user, conversation_id=chat_id, channel="web")
    except AiplusError as error:
        return error_page(request, error)
    return redirect("chat:chats")
