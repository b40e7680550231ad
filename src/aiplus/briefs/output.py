"""A brief as Markdown or Word (DOCX; through ``pilot.output.docx_bytes``), in the brief's language."""

import re

from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.briefs.models import Brief
from aiplus.briefs.services import notice_texts
from aiplus.core.validation import invalid
from aiplus.pilot.output import docx_bytes

FORMATS = ("md", "docx")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _name(entry: dict, language: str) -> str:
    return entry["name_zh"] if language.startswith("zh") and entry.get("name_zh") else entry["name_en"]


def sections(brief: Brief) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the brief in reading order; the first section has no heading."""
    content, language = brief.content, brief.language
    out = [("", [" ".join(f"{line['text']} {_cites(line['sources'])}" for line in content["summary"])])]
    out.append((_("Key signals"), [f"{s['text']} {_cites([s['source']])}" for s in content["signals"]]))
    quote = content.get("quote")
    if quote:
        out.append((_("Quote"), [f"“{quote['text']}” — {quote['speaker']} {_cites([quote['source']])}"]))
    for field, heading in (
        ("agencies", _("Agencies")),
        ("vendors", _("Vendors")),
        ("locations", _("Locations")),
    ):
        out.append(
            (
                heading,
                [
                    _("%(name)s (%(count)s releases)") % {"name": _name(e, language), "count": e["releases"]}
                    for e in content[field]
                ],
            )
        )
    out.append(
        (
            _("Sources"),
            [f"[{s['number']}] {s['title']} — {s['outlet']}, {s['date']}" for s in content["sources"]],
        )
    )
    notes = notice_texts(brief)
    if notes:
        out.append((_("Notes"), notes))
    return out


def to_markdown(brief: Brief) -> str:
    lines = [f"# {brief.headline}", ""]
    for heading, body in sections(brief):
        if heading:
            lines += [f"## {heading}", ""]
            lines += [f"- {line}" for line in body] or ["-"]
        else:
            lines += body
        lines.append("")
    return "\n".join(lines)


def to_docx(brief: Brief) -> bytes:
    blocks: list[tuple[str, str]] = []
    for heading, body in sections(brief):
        if heading:
            blocks.append(("Heading 1", heading))
            blocks += [("List Bullet", line) for line in body]
        else:
            blocks += [("Normal", line) for line in body]
    return docx_bytes(brief.headline, blocks)


def render(brief: Brief, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a brief in ``fmt`` (md or docx), headed in its language."""
    stem = re.sub(r"[^\w\-]+", "-", f"brief-{brief.pk}-{brief.collection.slug}").strip("-")
    with translation.override("zh-hant" if brief.language.startswith("zh") else "en"):
        if fmt == "md":
            return to_markdown(brief).encode("utf-8"), "text/markdown; charset=utf-8", f"{stem}.md"
        if fmt == "docx":
            return to_docx(brief), DOCX_TYPE, f"{stem}.docx"
    raise invalid("brief.format", "one_of", choices=", ".join(FORMATS))
