"""The Redact page: upload a PDF or Word file, review each detection (accept or reject, add more by selecting
or typing text), and download the file with the accepted values removed. Reading the file and writing the
redacted one run in the background (``redact.jobs``); meanwhile the page shows their progress and a Cancel
button."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.views import error_page
from aiplus.documents.uploads import upload_limit_mb
from aiplus.privacy.models import RedactStatus, RedactStep
from aiplus.privacy.redact.jobs import redact_job_cancel, redact_job_for
from aiplus.privacy.redact.services import (
    ADDED_TYPES,
    review_add,
    review_decide,
    review_discard,
    review_download,
    review_get,
    review_start,
    review_write_start,
)

TYPE_LABELS = {
    "HKID": gettext_lazy("HKID number"),
    "PHONE": gettext_lazy("Phone number"),
    "EMAIL": gettext_lazy("E-mail address"),
    "PASSPORT": gettext_lazy("Passport number"),
    "CREDIT_CARD": gettext_lazy("Card number"),
    "BANK_ACCOUNT": gettext_lazy("Bank account"),
    "ADDRESS": gettext_lazy("Address"),
    "PERSON": gettext_lazy("Person's name"),
    "LOCATION": gettext_lazy("Place"),
    "ORGANIZATION": gettext_lazy("Organisation"),
    "NRP": gettext_lazy("Nationality, religion or party"),
    "DATE_TIME": gettext_lazy("Date or time"),
    "AGE": gettext_lazy("Age"),
    "IP_ADDRESS": gettext_lazy("IP address"),
    "URL": gettext_lazy("Web address"),
    "ID_NUMBER": gettext_lazy("Other identity number"),
    "OTHER": gettext_lazy("Other personal data"),
}


@login_required
@require_http_methods(["GET", "POST"])
def redact_upload(request):
    upload_error, status = "", 200
    if request.method == "POST":
        upload = request.FILES.get("file")  # parsing the body runs the size-limiting upload handler
        try:
            if getattr(request, "upload_refused", False):
                raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
            if upload is None:
                upload_error, status = _("Choose a PDF or Word file to redact."), 400
            else:
                job = review_start(actor=request.user, upload=upload, filename=upload.name or "")
                return redirect("privacy:redact_review", token=job.token)
        except AiplusError as error:
            upload_error, status = error.message, error.http_status
    context = {
        "upload_error": upload_error,
        "limit_mb": upload_limit_mb(),
        "keep_minutes": settings.AIPLUS_REDACT_KEEP_MINUTES,
    }
    return render(request, "privacy/redact.html", context, status=status)


def _segments(text: str, spans: list[dict]) -> list[dict]:
    """The text cut at the spans' edges: plain stretches, and each span's stretch with the span."""
    segments, position = [], 0
    for span in spans:
        if span["start"] < position:  # an added span overlapping another: shown in the list only
            continue
        if span["start"] > position:
            segments.append({"text": text[position : span["start"]]})
        segments.append({"text": text[span["start"] : span["end"]], "span": span})
        position = span["end"]
    segments.append({"text": text[position:]})
    return segments


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _status_context(job) -> dict:
    percent = round(100 * job.progress_done / job.progress_total) if job.progress_total else None
    return {"job": job, "progress_percent": percent}


@login_required
def redact_status(request, token):
    """The status box alone, polled every 2 s while a step runs."""
    try:
        job = redact_job_for(actor=request.user, token=token)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "privacy/_redact_status.html", _status_context(job))


@login_required
@require_http_methods(["GET"])
def redact_file(request, token):
    """The written file, once; the review goes with it."""
    try:
        redacted = review_download(actor=request.user, token=token)
    except AiplusError as error:
        return error_page(request, error)
    response = HttpResponse(redacted.data, content_type=redacted.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(redacted.filename)}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def redact_review(request, token):
    try:
        job = redact_job_for(actor=request.user, token=token)
    except AiplusError as error:
        return error_page(request, error)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action == "cancel":
        redact_job_cancel(actor=request.user, token=token)
        return redirect("privacy:redact_review", token=token)
    if action == "discard":
        review_discard(actor=request.user, token=token)
        return redirect("privacy:redact")
    if (job.step == RedactStep.READ and job.status != RedactStatus.READY) or job.pending:
        return render(request, "privacy/redact_progress.html", _status_context(job))
    form_error, status = "", 200
    if job.status == RedactStatus.FAILED:  # writing failed: the review is still there to try again
        form_error, status = job.error_message, 500
    try:
        review = review_get(actor=request.user, token=token)
        if request.method == "POST":
            accepted = {number for number in map(_int, request.POST.getlist("accept")) if number is not None}
            review = review_decide(actor=request.user, token=token, accepted=accepted)
            if action == "download":
                review_write_start(actor=request.user, token=token)
                return redirect("privacy:redact_review", token=token)
            if action in ("add", "add_text"):
                review = review_add(
                    actor=request.user,
                    token=token,
                    span_type=request.POST.get("type", ""),
                    start=_int(request.POST.get("start")),
                    end=_int(request.POST.get("end")),
                    text=request.POST.get("text", "") if action == "add_text" else "",
                )
    except AiplusError as error:
        if error.code == ErrorCode.NOT_FOUND:
            return error_page(request, error)
        form_error, status = error.message, error.http_status
        review = review_get(actor=request.user, token=token)
    for span in review.spans:
        span["label"] = TYPE_LABELS.get(span["type"], span["type"])
    context = {
        "review": review,
        "written": job.step == RedactStep.WRITE and job.status == RedactStatus.READY,
        "segments": _segments(review.text, review.spans),
        "types": [(kind, TYPE_LABELS[kind]) for kind in ADDED_TYPES],
        "form_error": form_error,
    }
    return render(request, "privacy/redact_review.html", context, status=status)


def _quote(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename, safe="")
