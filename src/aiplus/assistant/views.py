"""The ask page: a cited answer over the collections the user may read, and the passages it came from."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aiplus.assistant.services import answer_question
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.documents.selectors import collection_for_reading


@login_required
@require_GET
def ask(request):
    question = request.GET.get("q", "").strip()
    slug = request.GET.get("collection", "").strip()
    collection = None
    try:
        collection = collection_for_reading(request.user, slug) if slug else None
        answer = (
            answer_question(
                actor=request.user,
                question=question,
                collections=[collection] if collection else None,
                channel="web",
            )
            if question
            else None
        )
    except AiplusError as error:
        if error.code != ErrorCode.INVALID_FIELD:
            return error_page(request, error)
        # The question is shown again to be corrected, less the characters no page can show.
        context = {"question": repair_text("question", question), "collection": collection}
        return render(request, "assistant/ask.html", context | {"form_error": error.message}, status=400)
    context = {"question": question, "collection": collection, "answer": answer}
    return render(request, "assistant/ask.html", context)
