"""Redacting a file from the CLI or the API in one step, and the Redact page's review: upload, decide on each
detection, add spans, download.

A review is kept only while it is needed, as files under ``$AIPLUS_HOME/redact/<token>/``: the uploaded
file, ``review.json`` (owner, file name, the extracted text and the spans with their decisions) and, once
written, the redacted file. Reading the upload and writing the redacted file are background steps
(``redact.jobs``); the database keeps only their state (``RedactJob``), deleted with the review. The folder is deleted when the redacted file is downloaded, when the officer
discards the review, or ``AIPLUS_REDACT_KEEP_MINUTES`` after the upload (reviews past that age are swept
whenever any review is opened or started). Only the audit line stays: who, which file, and how many
values of each type were removed, never the values.
"""

import json
import logging
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.privacy.detect import ALL_TYPES, Span, detect
from aiplus.privacy.models import RedactJob, RedactStatus, RedactStep
from aiplus.privacy.redact import Redaction, proposed_types, read_document, redact_document
from aiplus.privacy.redact.extract import Extracted, Progress, file_type_of
from aiplus.privacy.redact.jobs import redact_job_create, redact_job_for, redact_job_queue

logger = logging.getLogger("aiplus.privacy.redact")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
_TOKEN_LENGTH = 32
# What an officer may call a span they add: the detector's types, or other data that identifies someone
# (a case reference, a licence number).
ADDED_TYPES = (*ALL_TYPES, "OTHER")


def _audit(actor, filename: str, counts: dict[str, int], channel: str) -> None:
    audit_record(
        actor=actor,
        action="privacy.redact",
        target=filename,
        channel=channel,
        feature="redact",
        counts=counts,
    )


def _check_size(path: Path) -> None:
    if path.stat().st_size > settings.AIPLUS_MAX_UPLOAD_BYTES:
        raise AiplusError(
            ErrorCode.TOO_LARGE, {"limit_mb": settings.AIPLUS_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


def _chosen_spans(extracted: Extracted, spans: list[dict]) -> list[Span]:
    """Spans given by offsets (the API's choice), checked against the text and given their values."""
    chosen = []
    for span in spans:
        start, end, kind = span.get("start"), span.get("end"), span.get("type")
        if kind not in ADDED_TYPES:
            raise invalid("redact.type", "choice")
        if (
            not isinstance(start, int)
            or not isinstance(end, int)
            or not 0 <= start < end <= len(extracted.text)
        ):
            raise invalid("redact.selection", "selection")
        chosen.append(Span(kind, start, end, extracted.text[start:end]))
    return chosen


def redact_file(
    *, actor, path: Path, filename: str | None = None, spans: list[dict] | None = None, channel: str = "cli"
) -> Redaction:
    """The file at ``path`` with ``spans`` (offsets into its text; default every detection) removed; the
    redaction is audited (counts only)."""
    filename = clean_text("document.filename", filename or path.name)
    _check_size(path)
    extracted = read_document(path, filename)
    chosen = None if spans is None else _chosen_spans(extracted, spans)
    redaction = redact_document(path, filename, extracted=extracted, spans=chosen)
    _audit(actor, filename, redaction.counts, channel)
    return redaction


def redact_upload(
    *, actor, upload, filename: str, spans: list[dict] | None = None, channel: str = "api"
) -> Redaction:
    """``redact_file`` on an uploaded file, kept on disk only while it is read."""
    folder = Path(settings.AIPLUS_HOME) / "redact-once" / secrets.token_urlsafe(16)
    try:
        original = _store_upload(upload, folder)
        return redact_file(actor=actor, path=original, filename=filename, spans=spans, channel=channel)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _store_upload(upload, folder: Path) -> Path:
    folder.mkdir(parents=True)
    original = folder / "original"
    with original.open("wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    _check_size(original)
    return original


def redacted_filename(filename: str) -> str:
    name = PurePath(filename)
    return f"{name.stem}-redacted{name.suffix.lower()}"


# The review kept for the Redact page.


@dataclass
class Review:
    token: str
    owner_id: int
    filename: str
    file_type: str
    created: float
    text: str
    spans: list[dict]  # {id, type, start, end, text, source: detected|added, accepted}

    @property
    def folder(self) -> Path:
        return _reviews_root() / self.token

    def save(self) -> None:
        data = {k: v for k, v in self.__dict__.items() if k != "token"}
        (self.folder / "review.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _reviews_root() -> Path:
    return Path(settings.AIPLUS_HOME) / "redact"


def reviews_sweep(*, now: float | None = None) -> int:
    """Delete every review older than the keeping time; gives how many went."""
    root = _reviews_root()
    if not root.is_dir():
        return 0
    limit = (now or time.time()) - settings.AIPLUS_REDACT_KEEP_MINUTES * 60
    RedactJob.objects.filter(created_at__lt=datetime.fromtimestamp(limit, tz=UTC)).delete()
    swept = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
            swept += 1
    return swept


def review_start(*, actor, upload, filename: str) -> RedactJob:
    """Keep the upload and queue its reading (``review_read``, in the background, page by page). A file of a
    kind the tool cannot write back, or too large, is refused now, not queued to fail."""
    reviews_sweep()
    filename = clean_text("document.filename", filename)
    token = secrets.token_urlsafe(_TOKEN_LENGTH)
    folder = _reviews_root() / token
    try:
        original = _store_upload(upload, folder)
        if file_type_of(original, filename) == "pdf":
            from aiplus.privacy.redact.pdf import pdf_check

            pdf_check(original)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return redact_job_create(actor=actor, token=token, filename=filename)


def review_read(*, token: str, progress: Progress | None = None) -> Review:
    """Read the kept upload and detect its personal data, all detections accepted to begin with (a worker's
    step; ``progress`` counts pages)."""
    job = RedactJob.objects.get(token=token)
    folder = _reviews_root() / token
    extracted = read_document(folder / "original", job.filename, progress)
    spans = [
        {**_span_dict(span), "id": number, "source": "detected", "accepted": True}
        for number, span in enumerate(detect(extracted.text, types=proposed_types()), start=1)
    ]
    review = Review(
        token, job.owner_id, job.filename, extracted.file_type, time.time(), extracted.text, spans
    )
    review.save()
    return review


def _span_dict(span: Span) -> dict:
    return {"type": span.type, "start": span.start, "end": span.end, "text": span.text}


def _review_load(token: str) -> Review:
    path = _reviews_root() / token / "review.json"
    if not path.is_file():
        raise AiplusError(ErrorCode.NOT_FOUND, detail="redaction review")
    return Review(token=token, **json.loads(path.read_text("utf-8")))


def review_get(*, actor, token: str) -> Review:
    """The actor's own review, once read; anyone else's, one still being read, or one swept away, is not
    found (``redact_job_for`` tells how the reading goes)."""
    reviews_sweep()
    job = redact_job_for(actor=actor, token=token)
    if job.step == RedactStep.READ and job.status != RedactStatus.READY:
        raise AiplusError(ErrorCode.NOT_FOUND, detail="redaction review")
    return _review_load(token)


def review_decide(*, actor, token: str, accepted: set[int]) -> Review:
    """Accept the spans whose ids are in ``accepted``; reject the others."""
    review = review_get(actor=actor, token=token)
    for span in review.spans:
        span["accepted"] = span["id"] in accepted
    review.save()
    return review


def _add(review: Review, start: int, end: int, span_type: str) -> None:
    number = max((span["id"] for span in review.spans), default=0) + 1
    review.spans.append(
        {
            "id": number,
            "type": span_type,
            "start": start,
            "end": end,
            "text": review.text[start:end],
            "source": "added",
            "accepted": True,
        }
    )
    review.spans.sort(key=lambda span: (span["start"], span["end"]))


def review_add(
    *, actor, token: str, span_type: str, start: int | None = None, end: int | None = None, text: str = ""
) -> Review:
    """Add a span to remove: a selection (``start``, ``end`` in the text) or, typed, every place ``text``
    occurs (the way to add one without a mouse)."""
    review = review_get(actor=actor, token=token)
    if span_type not in ADDED_TYPES:
        raise invalid("redact.type", "choice")
    if text:
        value = clean_text("redact.text", text).strip()
        folded, needle = review.text.casefold(), value.casefold()
        found = [i for i in range(len(folded)) if folded.startswith(needle, i)] if value else []
        if not found:
            raise invalid("redact.text", "not_in_document")
        for position in found:
            _add(review, position, position + len(value), span_type)
    else:
        if start is None or end is None or not 0 <= start < end <= len(review.text):
            raise invalid("redact.selection", "selection")
        while start < end and review.text[start].isspace():
            start += 1
        while end > start and review.text[end - 1].isspace():
            end -= 1
        if start == end:
            raise invalid("redact.selection", "selection")
        _add(review, start, end, span_type)
    review.save()
    return review


@dataclass(frozen=True)
class RedactedFile:
    filename: str
    content_type: str
    data: bytes
    counts: dict[str, int]


def review_write_start(*, actor, token: str) -> RedactJob:
    """Queue the writing of the redacted file with the accepted spans (``review_write``)."""
    review_get(actor=actor, token=token)
    job = redact_job_for(actor=actor, token=token)
    if job.pending:
        raise AiplusError(ErrorCode.STILL_PROCESSING, detail="redaction review")
    return redact_job_queue(job=job, step=RedactStep.WRITE)


def review_write(*, token: str, progress: Progress | None = None) -> None:
    """Write the file with the accepted spans removed beside the review (a worker's step)."""
    review = _review_load(token)
    chosen = [Span(s["type"], s["start"], s["end"], s["text"]) for s in review.spans if s["accepted"]]
    rejected = [s["text"] for s in review.spans if not s["accepted"]]
    redaction = redact_document(
        review.folder / "original", review.filename, spans=chosen, rejected=rejected, progress=progress
    )
    (review.folder / "redacted").write_bytes(redaction.data)
    (review.folder / "counts.json").write_text(json.dumps(redaction.counts), "utf-8")


def review_download(*, actor, token: str, channel: str = "web") -> RedactedFile:
    """The written file; the review is deleted and the redaction audited (counts only). STILL_PROCESSING
    until ``review_write`` has run."""
    review = review_get(actor=actor, token=token)
    job = redact_job_for(actor=actor, token=token)
    written = review.folder / "redacted"
    if job.step != RedactStep.WRITE or job.status != RedactStatus.READY or not written.is_file():
        raise AiplusError(ErrorCode.STILL_PROCESSING, detail="redacted file")
    data = written.read_bytes()
    counts = json.loads((review.folder / "counts.json").read_text("utf-8"))
    review_discard(actor=actor, token=token)
    _audit(actor, review.filename, counts, channel)
    return RedactedFile(redacted_filename(review.filename), CONTENT_TYPES[review.file_type], data, counts)


def review_discard(*, actor, token: str) -> None:
    """Forget the review, its files and its job (a step still running stops at its next page)."""
    job = redact_job_for(actor=actor, token=token)
    shutil.rmtree(_reviews_root() / token, ignore_errors=True)
    job.delete()
