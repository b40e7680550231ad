"""The ask page: a cited answer over the collections the user may read, and the passages it came from."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aiplus.assistant.services import answer_question
from aiplus.core.errors import AiplusError
from aiplus.core.views import error_page
from aiplus.documents.selectors import collection_for_reading

MAX_QUESTION_CHARS = 1000


@login_required
@require_GET
def ask(request):
    question = request.GET.get("q", "").strip()[:MAX_QUESTION_CHARS]
    slug = request.GET.get("collection", "").strip()
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
        return error_page(request, error)
    context = {"question": question, "collection": collection, "answer": answer}
    return render(request, "assistant/ask.html", context)
