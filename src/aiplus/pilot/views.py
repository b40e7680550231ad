"""The "Document assistant" page: pick a task, give pasted text, a file or a document from a collection,
and follow the job to its result; copy it, download it as Word or Markdown, or save it into a collection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.views import download_response, error_page
from aiplus.documents.models import CollectionKind, Document, Status
from aiplus.documents.selectors import can_manage_collection, collections_visible_to
from aiplus.documents.uploads import upload_limit_mb
from aiplus.llm.services import chat_configured
from aiplus.pilot import jobs, output
from aiplus.pilot.draft import templates_for
from aiplus.pilot.models import JobTask

OPTION_FIELDS = ("length", "style", "language", "target", "template_id", "points")
# The proofreading and extraction pages of the document assistant live in their own module; the task
# menu links to them where they are installed.
OTHER_TOOLS = (("pilot:proofread", "Proofread"), ("pilot:extract", "Extract fields"))


def _other_tools() -> list[tuple[str, str]]:
    tools = []
    for name, label in OTHER_TOOLS:
        try:
            tools.append((reverse(name), _(label)))
        except NoReverseMatch:
            continue
    return tools


def _form_context(request, values: dict) -> dict:
    visible = collections_visible_to(request.user)
    return {
        "tasks": JobTask.choices,
        "values": values,
        "templates": templates_for(request.user),
        "documents": Document.objects.filter(collection__in=visible, status=Status.READY)
        .select_related("collection")
        .order_by("-processed_at")[:200],
        "history": jobs.jobs_for(request.user)[:30],
        "model_configured": chat_configured(request.user),
        "limit_mb": upload_limit_mb(),
        "other_tools": _other_tools(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pilot_page(request):
    values = {"task": JobTask.SUMMARISE, "source": "text"}
    if request.method == "GET":
        return render(request, "pilot/pilot.html", _form_context(request, values))
    values = {
        key: request.POST.get(key, "") for key in ("task", "source", "text", "document_id", *OPTION_FIELDS)
    }
    options = {key: values[key] for key in OPTION_FIELDS if values[key]}
    try:
        if getattr(request, "upload_refused", False):
            raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
        source = {}
        if values["source"] == "file":
            upload = request.FILES.get("file")
            if upload is None:
                raise AiplusError(
                    ErrorCode.INVALID_FIELD, {"field": "document.filename", "reason": "required"}
                )
            source = {"stream": upload, "filename": upload.name}
        elif values["source"] == "document":
            if not values["document_id"].isdigit():
                raise AiplusError(ErrorCode.NOT_FOUND, detail="no document chosen")
            source = {"document_id": int(values["document_id"])}
        else:
            source = {"text": values["text"]}
        job = jobs.job_create(
            actor=request.user, task=values["task"], options=options, channel="web", **source
        )
    except AiplusError as error:
        context = {**_form_context(request, values), "error": error.message}
        return render(request, "pilot/pilot.html", context, status=error.http_status)
    return redirect("pilot:job", job_id=job.pk)


def _job_context(job) -> dict:
    return {
        "job": job,
        "progress_percent": round(100 * job.progress_done / job.progress_total)
        if job.progress_total
        else None,
    }


@login_required
def job_page(request, job_id: int):
    try:
        job = jobs.job_for(request.user, job_id)
    except AiplusError as error:
        return error_page(request, error)
    visible = collections_visible_to(request.user)
    context = {
        **_job_context(job),
        "collections": [c for c in visible if _may_save(request.user, c)],
        "instruction_notes": output.instruction_notes(job.result or {}),
    }
    return render(request, "pilot/job.html", context)


def _may_save(actor, collection) -> bool:
    return can_manage_collection(actor, collection) and collection.kind == CollectionKind.DOCUMENTS


@login_required
def job_status(request, job_id: int):
    """The status box alone, polled every 2 s while the job runs."""
    try:
        job = jobs.job_for(request.user, job_id)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "pilot/_status.html", _job_context(job))


@login_required
@require_POST
def job_cancel(request, job_id: int):
    try:
        jobs.job_cancel(actor=request.user, job_id=job_id, channel="web")
    except AiplusError as error:
        return error_page(request, error)
    messages.info(request, _("The task was cancelled."))
    return redirect("pilot:job", job_id=job_id)


@login_required
def job_download(request, job_id: int, fmt: str):
    try:
        content, content_type, filename = output.render(jobs.job_for(request.user, job_id), fmt)
    except AiplusError as error:
        return error_page(request, error)
    return download_response(content, filename=filename, content_type=content_type)


@login_required
@require_POST
def job_save(request, job_id: int):
    try:
        outcome = output.job_save(
            actor=request.user,
            job=jobs.job_for(request.user, job_id),
            slug=request.POST.get("collection", ""),
            fmt=request.POST.get("format", "docx"),
            channel="web",
        )
    except AiplusError as error:
        return error_page(request, error)
    if outcome.outcome == "rejected":
        messages.error(request, outcome.message)
    else:
        messages.success(request, _("Saved into the collection; it is being read like any upload."))
    return redirect("pilot:job", job_id=job_id)
