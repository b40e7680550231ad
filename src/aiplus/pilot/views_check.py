"""The Proofread and Extract pages: paste or upload, see each issue or field where it is in the text."""

import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.documents.uploads import upload_limit_mb
from aiplus.pilot.extract import TYPES
from aiplus.pilot.extract.schema import EXAMPLE_SCHEMA
from aiplus.pilot.services_check import extract_from_file, file_text, proofread_apply, proofread_text


def segments(text: str, spans: list[tuple[int, int, object]]) -> list[dict]:
    """The text cut into plain pieces and marked pieces (each with its span's item), in order."""
    pieces, at = [], 0
    for start, end, item in sorted(spans, key=lambda s: s[0]):
        if start < at:
            continue
        if start > at:
            pieces.append({"text": text[at:start], "item": None})
        pieces.append({"text": text[start:end], "item": item})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "item": None})
    return pieces


def _refused_upload(request) -> str:
    if getattr(request, "upload_refused", False):
        return AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()}).message
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def proofread_page(request):
    text, result, error, status = "", None, "", 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            error = _refused_upload(request)
            if not error:
                if request.POST.get("action") == "apply":
                    text = proofread_apply(
                        text=text,
                        start=int(request.POST.get("start", -1)),
                        end=int(request.POST.get("end", -1)),
                        found=request.POST.get("found", ""),
                        suggestion=request.POST.get("suggestion", ""),
                    )
                elif request.FILES.get("file") is not None:
                    upload = request.FILES["file"]
                    text = file_text(upload, upload.name)
                result = proofread_text(actor=request.user, text=text, channel="web")
        except (AiplusError, ValueError) as failure:
            failure = failure if isinstance(failure, AiplusError) else AiplusError(ErrorCode.INVALID)
            error, status = failure.message, failure.http_status
            text = repair_text("proofread.text", text)
        if error and status == 200:
            status = 413
    context = {
        "text": text,
        "result": result,
        "pieces": segments(text, [(i.start, i.end, i) for i in result.issues]) if result else [],
        "error": error,
        "limit_mb": upload_limit_mb(),
    }
    return render(request, "pilot/proofread.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def extract_page(request):
    schema_text = json.dumps(EXAMPLE_SCHEMA, ensure_ascii=False, indent=2)
    result, error, status = None, "", 200
    if request.method == "POST":
        schema_text = request.POST.get("schema", "")
        upload, schema_file = request.FILES.get("file"), request.FILES.get("schema_file")
        try:
            error = _refused_upload(request)
            if not error and upload is None:
                error, status = _("Choose a file to extract from."), 400
            if not error:
                if schema_file is not None:
                    schema_text = repair_text(
                        "proofread.text", schema_file.read(100_001).decode("utf-8", "replace")
                    )
                result = extract_from_file(
                    actor=request.user,
                    path_or_file=upload,
                    filename=upload.name,
                    schema=schema_text.encode("utf-8", "surrogatepass"),
                    channel="web",
                )
        except AiplusError as failure:
            error, status = failure.message, failure.http_status
        if error and status == 200:
            status = 413
        schema_text = repair_text("proofread.text", schema_text)
    pages = []
    if result:
        for page in result.pages:
            spans = [(v.start, v.end, v) for v in result.fields if v.found and v.page == page.number]
            pages.append({"number": page.number, "pieces": segments(page.text, spans)})
    context = {"schema": schema_text, "result": result, "pages": pages, "error": error, "types": TYPES}
    return render(request, "pilot/extract.html", context, status=status)
