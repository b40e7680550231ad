"""Minutes as Markdown, Word (DOCX) or JSON, laid out by a template, headed in the output language.

Each decision and action names the transcript segments it came from ("[12 · 00:05:31]"), so a reader of
the exported file can still find what was said.
"""

import io
import json

from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.meetings.minutes import ActionItem, Minutes
from aiplus.meetings.templates import Template
from aiplus.meetings.transcript import Transcript

FORMATS = ("md", "docx", "json")
# The Chinese font Hong Kong government desktops have; Word falls back to another CJK font elsewhere.
EAST_ASIAN_FONT = "Microsoft JhengHei"


def label(text: str, language: str) -> str:
    """A fixed label ("Owner") in the minutes' language, or in both."""
    with translation.override("en"):
        english = _(text)
    with translation.override("zh-hant"):
        chinese = _(text)
    if language == "zh-Hant":
        return chinese
    if language == "both" and chinese != english:
        return f"{english} {chinese}"
    return english


def _labels() -> None:
    """The fixed labels, listed for the translation catalogue."""
    _("Minutes")
    _("Date")
    _("Owner")
    _("Task")
    _("Due")
    _("Evidence")
    _("Decisions")
    _("Actions")
    _("None recorded.")
    _("To be filled in.")


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def evidence_ref(indexes: list[int], transcript: Transcript | None) -> str:
    """ "[12 · 00:05:31]" for each cited segment (just "[12]" when the transcript has no times)."""
    by_index = {s.index: s for s in transcript.segments} if transcript else {}
    refs = []
    for index in indexes:
        segment = by_index.get(index)
        clock = _clock(segment.start) if segment else ""
        refs.append(f"[{index} · {clock}]" if clock else f"[{index}]")
    return " ".join(refs)


def _due(action: ActionItem) -> str:
    return action.due or action.due_text or "—"


def to_markdown(minutes: Minutes, template: Template, transcript: Transcript | None = None) -> str:
    language = minutes.language
    lines = [f"# {minutes.title or label('Minutes', language)}", ""]
    if minutes.date:
        lines += [f"{label('Date', language)}: {minutes.date}", ""]
    for section in template.sections:
        lines += [f"## {section.title(language)}", ""]
        if section.kind == "attendees":
            lines += [f"- {name}" for name in minutes.attendees] or [label("None recorded.", language)]
        elif section.kind == "summary":
            lines.append(minutes.summary or label("None recorded.", language))
        elif section.kind == "items":
            for number, item in enumerate(minutes.items, 1):
                lines += [f"### {number}. {item.title}", ""]
                if item.summary:
                    lines += [item.summary, ""]
                lines += [
                    f"- {point.text} {evidence_ref(point.evidence, transcript)}" for point in item.points
                ]
                for decision in item.decisions:
                    lines.append(f"- **{label('Decisions', language)}:** {decision.text}")
                lines.append("")
        elif section.kind == "decisions":
            decisions = minutes.decisions
            lines += [
                f"{n}. {d.text} {evidence_ref(d.evidence, transcript)}" for n, d in enumerate(decisions, 1)
            ] or [label("None recorded.", language)]
        elif section.kind == "actions":
            actions = minutes.actions
            if actions:
                header = ["#", *(label(word, language) for word in ("Owner", "Task", "Due", "Evidence"))]
                lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                for n, action in enumerate(actions, 1):
                    cells = [str(n), action.owner or "—", action.task, _due(action)]
                    cells.append(evidence_ref(action.evidence, transcript))
                    lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
            else:
                lines.append(label("None recorded.", language))
        else:
            lines.append(f"_{label('To be filled in.', language)}_")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_docx(minutes: Minutes, template: Template, transcript: Transcript | None = None) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    language = minutes.language
    document = Document()
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        fonts = document.styles[style_name].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.add_heading(minutes.title or label("Minutes", language), level=0)
    if minutes.date:
        document.add_paragraph(f"{label('Date', language)}: {minutes.date}")
    for section in template.sections:
        document.add_heading(section.title(language), level=1)
        if section.kind == "attendees":
            for name in minutes.attendees:
                document.add_paragraph(name, style="List Bullet")
        elif section.kind == "summary":
            for paragraph in (minutes.summary or label("None recorded.", language)).split("\n\n"):
                document.add_paragraph(paragraph)
        elif section.kind == "items":
            for number, item in enumerate(minutes.items, 1):
                document.add_heading(f"{number}. {item.title}", level=2)
                for paragraph in item.summary.split("\n\n") if item.summary else []:
                    document.add_paragraph(paragraph)
                for point in item.points:
                    document.add_paragraph(
                        f"{point.text} {evidence_ref(point.evidence, transcript)}", style="List Bullet"
                    )
        elif section.kind == "decisions":
            for decision in minutes.decisions:
                document.add_paragraph(
                    f"{decision.text} {evidence_ref(decision.evidence, transcript)}", style="List Number"
                )
            if not minutes.decisions:
                document.add_paragraph(label("None recorded.", language))
        elif section.kind == "actions":
            _actions_table(document, minutes.actions, language, transcript)
        else:
            document.add_paragraph(label("To be filled in.", language))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _actions_table(document, actions: list[ActionItem], language: str, transcript) -> None:
    if not actions:
        document.add_paragraph(label("None recorded.", language))
        return
    header = ["#", *(label(word, language) for word in ("Owner", "Task", "Due", "Evidence"))]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for n, action in enumerate(actions, 1):
        cells = table.add_row().cells
        values = [
            str(n),
            action.owner or "—",
            action.task,
            _due(action),
            evidence_ref(action.evidence, transcript),
        ]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def render(minutes: Minutes, template: Template, transcript: Transcript | None, fmt: str) -> bytes:
    if fmt == "md":
        return to_markdown(minutes, template, transcript).encode("utf-8")
    if fmt == "docx":
        return to_docx(minutes, template, transcript)
    return (json.dumps(minutes.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
