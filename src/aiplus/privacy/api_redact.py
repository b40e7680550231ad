"""REST endpoints of the Redact tool: the personal data in an uploaded file, and the file with it removed."""

import json
from urllib.parse import quote

from django.http import HttpResponse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.schemas import error_responses
from aiplus.privacy.redact.services import CONTENT_TYPES, redact_upload, redacted_filename

router = Router(tags=["Personal data"])


class SpanOut(Schema):
    type: str
    start: int
    end: int
    text: str


class RedactionOut(Schema):
    spans: list[SpanOut]
    redacted: str


@router.post("/redact", response={200: RedactionOut, **error_responses(413, 415, 422)})
def redact_detect(request, file: UploadedFile = File(...)):
    """The personal data found in a PDF, Word, text or Markdown file (offsets into the text aiplus extracts
    from it) and that text with each value blacked out. Audited as a redaction (counts only)."""
    redaction = redact_upload(actor=request.user, upload=file, filename=file.name or "", channel="api")
    spans = [{"type": s.type, "start": s.start, "end": s.end, "text": s.text} for s in redaction.spans]
    return {"spans": spans, "redacted": redaction.redacted_text}


@router.post("/redact/file", response={200: None, **error_responses(413, 415, 422)})
def redact_download(request, file: UploadedFile = File(...), spans: str = Form("")):
    """The file with personal data removed, in its own format. ``spans`` (optional) is a JSON list of
    ``{type, start, end}`` offsets from ``POST /redact`` to remove instead of every detection."""
    chosen = None
    if spans:
        try:
            chosen = json.loads(spans)
        except json.JSONDecodeError as exc:
            raise AiplusError(ErrorCode.WRONG_TYPE, {"field": "spans"}) from exc
        if not isinstance(chosen, list) or not all(isinstance(item, dict) for item in chosen):
            raise AiplusError(ErrorCode.WRONG_TYPE, {"field": "spans"})
    redaction = redact_upload(
        actor=request.user, upload=file, filename=file.name or "", spans=chosen, channel="api"
    )
    response = HttpResponse(redaction.data, content_type=CONTENT_TYPES[redaction.file_type])
    filename = quote(redacted_filename(file.name or "file"), safe="")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
