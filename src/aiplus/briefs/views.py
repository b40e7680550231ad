"""The briefs pages: the briefs a user may read with the form for a new one, one brief, and its download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from aiplus.briefs.output import render as render_brief
from aiplus.briefs.recognise import KINDS
from aiplus.briefs.services import brief_create, brief_for_reading, briefs_visible_to, notice_texts
from aiplus.core.errors import AiplusError
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.documents.models import CollectionKind
from aiplus.documents.selectors import collections_visible_to

FORM_FIELDS = ("collection", "date_from", "date_to", "query", "language")


@login_required
@require_http_methods(["GET", "POST"])
def briefs(request):
    kind, key = next(((k, request.GET[k]) for k in KINDS if request.GET.get(k)), ("", ""))
    default_language = "zh-Hant" if (get_language() or "").startswith("zh") else "en"
    form = {
        "collection": request.GET.get("collection", ""),
        "date_from": "",
        "date_to": "",
        "query": "",
        "language": default_language,
    }
    form_error, status = "", 200
    if request.method == "POST":
        form = {name: repair_text("brief.query", request.POST.get(name, "")) for name in FORM_FIELDS}
        try:
            brief = brief_create(
                actor=request.user,
                slug=request.POST.get("collection", ""),
                date_from=request.POST.get("date_from"),
                date_to=request.POST.get("date_to"),
                query=request.POST.get("query", ""),
                language=request.POST.get("language", "en"),
                channel="web",
            )
            return redirect("briefs:brief", brief_id=brief.pk)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {
        "briefs": briefs_visible_to(request.user, kind=kind, key=key),
        "filter_kind": kind,
        "filter_key": key,
        "collections": collections_visible_to(request.user).filter(kind=CollectionKind.DOCUMENTS),
        "form": form,
        "form_error": form_error,
    }
    return render(request, "briefs/briefs.html", context, status=status)


@login_required
@require_GET
def brief_page(request, brief_id):
    try:
        brief = brief_for_reading(request.user, brief_id)
    except AiplusError as error:
        return error_page(request, error)
    return render(
        request,
        "briefs/brief.html",
        {"brief": brief, "content": brief.content, "notices": notice_texts(brief)},
    )


@login_required
@require_GET
def brief_download(request, brief_id, fmt):
    try:
        content, content_type, filename = render_brief(brief_for_reading(request.user, brief_id), fmt)
    except AiplusError as error:
        return error_page(request, error)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
