"""Markdown and plain text."""

from __future__ import annotations

from pathlib import Path

from .common import dept_name, display_width, wrap_text
from .content import Document


def write_markdown(doc: Document, path: Path) -> None:
    lines = [f"# {doc.title}", "", f"*{dept_name(doc.lang)}*", ""]
    for sec in doc.sections:
        if sec.heading:
            lines += [f"## {sec.heading}", ""]
        for block in sec.body:
            if isinstance(block, str):
                lines += [wrap_text(block), ""]
            elif isinstance(block, list):
                lines += [wrap_text(item, indent="- ") for item in block] + [""]
            else:
                lines.append("| " + " | ".join(block[0]) + " |")
                lines.append("|" + "|".join(" --- " for _ in block[0]) + "|")
                lines += ["| " + " | ".join(row) + " |" for row in block[1:]]
                lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_txt(doc: Document, path: Path) -> None:
    title = doc.title
    lines = [dept_name(doc.lang), "", title, "=" * display_width(title), ""]
    for sec in doc.sections:
        if sec.heading:
            lines += [sec.heading, "-" * display_width(sec.heading), ""]
        for block in sec.body:
            if isinstance(block, str):
                lines += [wrap_text(block), ""]
            elif isinstance(block, list):
                lines += [wrap_text(item, indent="  * ") for item in block] + [""]
            else:
                widths = [max(display_width(row[i]) for row in block) for i in range(len(block[0]))]
                for row in block:
                    cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
                    lines.append("  ".join(cells).rstrip())
                lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
