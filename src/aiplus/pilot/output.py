"""A job's result as Markdown or Word (DOCX), and saved into a collection as a new document.

The DOCX has real headings and the East Asian font set on every run (and on the styles), so Chinese
text shows in a Chinese font in Word. Saving goes through ``documents.services.ingest_stream``, so the
result is checked, stored and indexed like any upload, with the collection's access rules.
"""

import io
import re

from django.utils.translation import gettext as _

from aiplus.assistant.flags import reasons
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.selectors import collection_for_managing
from aiplus.documents.services import IngestOutcome, ingest_stream
from aiplus.meetings.export import EAST_ASIAN_FONT
from aiplus.pilot.models import Job, JobStatus
from aiplus.pilot.summarise import cited_lines

FORMATS = ("md", "docx")


def _title(job: Job) -> str:
    return f"{job.get_task_display()}: {job.source_label}"


def _body(result: dict) -> tuple[list[str], list[str]]:
    """(paragraphs of the result, bullet lines) in reading order; a summary in bullets is all bullets."""
    task = result.get("task")
    if task == "summarise":
        lines = cited_lines(result["sentences"])
        if result.get("style") == "prose":
            return [" ".join(lines)], []
        return [], lines
    return [p for p in re.split(r"\n\s*\n", result.get("text", "")) if p.strip()], []


def instruction_notes(result: dict) -> list[str]:
    """One line per sentence of the source that reads as an instruction to an AI assistant, in the active
    language: where it is, why it was flagged, and that it was treated as data."""
    why = reasons()
    return [
        _(
            "Text on p. %(page)s ¶ %(paragraph)s reads as an instruction to an AI assistant (%(why)s) It was "
            "treated as part of the document and not followed: %(excerpt)s"
        )
        % {**flag, "why": why.get(flag["reason"], flag["reason"])}
        for flag in result.get("flags", [])
    ]


def _notes(result: dict) -> list[str]:
    notes = instruction_notes(result) + list(result.get("notices", []))
    notes += [_("Check this statement: %(text)s") % {"text": text} for text in result.get("unsupported", [])]
    notes += [
        _("Glossary term not used: %(source)s → %(target)s") % missed
        for missed in result.get("glossary_missed", [])
    ]
    return notes


def _ready(job: Job) -> dict:
    if job.status != JobStatus.READY or not job.result:
        raise AiplusError(ErrorCode.STILL_PROCESSING, detail=f"pilot job {job.pk} is {job.status}")
    return job.result


def to_markdown(job: Job) -> str:
    result = _ready(job)
    paragraphs, bullets = _body(result)
    lines = [f"# {_title(job)}", ""]
    for paragraph in paragraphs:
        lines += [paragraph.strip(), ""]
    lines += [f"- {line}" for line in bullets]
    if bullets:
        lines.append("")
    notes = _notes(result)
    if notes:
        lines += [f"## {_('Notes')}", "", *(f"- {note}" for note in notes), ""]
    return "\n".join(lines)


def _east_asian(element) -> None:
    from docx.oxml.ns import qn

    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def docx_bytes(title: str, blocks: list[tuple[str, str]]) -> bytes:
    """A Word file of a title and blocks of (style, text), style one of "Normal", "Heading 1" and
    "List Bullet", with the East Asian font set so Chinese shows in a Chinese font."""
    from docx import Document

    document = Document()
    for style_name in ("Normal", "Title", "Heading 1", "List Bullet"):
        _east_asian(document.styles[style_name].element)
    document.add_heading(title, level=0)
    for style, text in blocks:
        if style == "Heading 1":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text, style=None if style == "Normal" else style)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            _east_asian(run._r)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_docx(job: Job) -> bytes:
    result = _ready(job)
    paragraphs, bullets = _body(result)
    blocks = [("Normal", p.strip()) for p in paragraphs] + [("List Bullet", line) for line in bullets]
    notes = _notes(result)
    if notes:
        blocks += [("Heading 1", _("Points to check")), *(("List Bullet", note) for note in notes)]
    return docx_bytes(_title(job), blocks)


def render(job: Job, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a ready job's result in ``fmt``."""
    if fmt == "md":
        return to_markdown(job).encode("utf-8"), "text/markdown; charset=utf-8", f"{_file_stem(job)}.md"
    if fmt == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return to_docx(job), content_type, f"{_file_stem(job)}.docx"
    raise AiplusError(ErrorCode.INVALID, detail=f"format must be one of {', '.join(FORMATS)}")


def _file_stem(job: Job) -> str:
    stem = re.sub(r"[^\w\-]+", "-", job.source_label.rsplit(".", 1)[0]).strip("-")[:60] or "document"
    return f"{job.task}-{stem}"


def job_save(*, actor, job: Job, slug: str, fmt: str = "docx", channel: str = "") -> IngestOutcome:
    """Save a ready job's result into a collection the actor may manage, ingested like any upload."""
    collection = collection_for_managing(actor, slug)
    content, _type, filename = render(job, fmt)
    return ingest_stream(
        actor=actor,
        collection=collection,
        stream=io.BytesIO(content),
        filename=filename,
        source_id=f"pilot-{job.pk}-{filename}",
        channel=channel,
    )
