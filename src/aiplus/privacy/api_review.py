"""REST endpoints of the Redact review, for a long file: upload it and follow its reading in the background
(progress in pages, cancel), read and decide the findings, have the redacted file written, download it.
The one-step ``POST /redact`` and ``POST /redact/file`` stay for short files."""

from urllib.parse import quote

from django.http import HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from aiplus.core.schemas import error_responses
from aiplus.privacy.models import RedactJob, RedactStatus, RedactStep
from aiplus.privacy.redact.jobs import redact_job_cancel, redact_job_for
from aiplus.privacy.redact.services import (
    review_decide,
    review_discard,
    review_download,
    review_get,
    review_start,
    review_write_start,
)

router = Router(tags=["Personal data"])


class FindingOut(Schema):
    id: int
    type: str
    start: int
    end: int
    text: str
    source: str  # detected or added
    accepted: bool


class ReviewOut(Schema):
    token: str
    filename: str
    step: str  # read, then write
    status: str  # queued, running, ready, failed, cancelled
    progress_done: int  # pages
    progress_total: int
    error: str
    findings: list[FindingOut] | None  # once read


class WriteIn(Schema):
    accepted: list[int] | None = None  # the findings to remove (default: as decided so far)


def _review_out(job: RedactJob, actor) -> dict:
    read = job.status == RedactStatus.READY or job.step == RedactStep.WRITE
    findings = review_get(actor=actor, token=job.token).spans if read else None
    return {
        "token": job.token,
        "filename": job.filename,
        "step": job.step,
        "status": job.status,
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "error": job.error_message,
        "findings": findings,
    }


@router.post("/redact/reviews", response={202: ReviewOut, **error_responses(413, 415, 422)})
def review_create(request, file: UploadedFile = File(...)):
    """Keep a PDF, Word or text file for review and start reading it in the background."""
    job = review_start(actor=request.user, upload=file, filename=file.name or "")
    return Status(202, _review_out(job, request.user))


@router.get("/redact/reviews/{token}", response={200: ReviewOut, **error_responses(404)})
def review_status(request, token: str):
    """How reading or writing goes (pages done of all), and the findings once the file is read."""
    return _review_out(redact_job_for(actor=request.user, token=token), request.user)


@router.post("/redact/reviews/{token}/cancel", response={200: ReviewOut, **error_responses(404)})
def review_cancel(request, token: str):
    """Stop reading (nothing is kept to review) or writing (the review stays as it was)."""
    return _review_out(redact_job_cancel(actor=request.user, token=token), request.user)


@router.post("/redact/reviews/{token}/write", response={202: ReviewOut, **error_responses(404, 409)})
def review_write(request, token: str, payload: WriteIn):
    """Write the redacted file in the background with the ``accepted`` findings removed."""
    if payload.accepted is not None:
        review_decide(actor=request.user, token=token, accepted=set(payload.accepted))
    job = review_write_start(actor=request.user, token=token)
    return Status(202, _review_out(job, request.user))


@router.get("/redact/reviews/{token}/file", response={200: None, **error_responses(404, 409)})
def review_file(request, token: str):
    """The redacted file, once written; the review is deleted and the redaction audited (counts only)."""
    redacted = review_download(actor=request.user, token=token, channel="api")
    response = HttpResponse(redacted.data, content_type=redacted.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(redacted.filename, safe='')}"
    return response


@router.delete("/redact/reviews/{token}", response={204: None, **error_responses(404)})
def review_delete(request, token: str):
    """Forget the review and its files."""
    review_discard(actor=request.user, token=token)
    return Status(204, None)
