"""Redacting a Word file: every occurrence of a removed value is blacked out in the runs that hold it.

A paragraph's text is the joined text of its runs, so a value Word split over several runs (a spelling mark,
a change of style in the middle) is still found; each run keeps its own formatting and only its characters
inside the value become ``█``. Every part is covered: the body, tables, text boxes, headers, footers,
footnotes and comments, tracked deletions and field codes; so are links to a removed address and the core
properties (the author and last editor, a person's name, are emptied); a saved thumbnail of the first page
is dropped. Headers, footers and notes are not in
the review text (the documents parser reads the body only), so personal data the detector finds there is
removed too, unless the user rejected that value in the review.
"""

import io
import re
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.privacy.detect import detect

MASK = "█"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = (f"{_W}t", f"{_W}delText", f"{_W}instrText")
_BODY_PART = "/word/document.xml"


def mask_values(text: str, values: list[str]) -> str:
    """``text`` with each occurrence of each value (any letter case) replaced by as many ``█``."""
    marked = [False] * len(text)
    for value in values:
        for match in re.finditer(re.escape(value), text, flags=re.IGNORECASE):
            marked[match.start() : match.end()] = [True] * (match.end() - match.start())
    return "".join(MASK if hit else character for character, hit in zip(text, marked, strict=True))


def _redact_paragraph(paragraph, values: list[str]) -> int:
    nodes = [node for node in paragraph.iter(*_TEXT_TAGS) if node.text]
    joined = "".join(node.text for node in nodes)
    masked = mask_values(joined, values)
    if masked == joined:
        return 0
    position = 0
    for node in nodes:
        node.text = masked[position : position + len(node.text)]
        position += len(node.text)
    return 1


def _part_values(element, values: list[str], rejected: set[str], types: tuple[str, ...]) -> list[str]:
    """The values to remove in a part outside the body: those chosen, and what the detector finds there."""
    found = set(values)
    for paragraph in element.iter(f"{_W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
        found.update(span.text for span in detect(text, types=types) if span.text.casefold() not in rejected)
    return sorted(found, key=len, reverse=True)


def redact_docx(path: Path, values: list[str], rejected: list[str] = (), *, types: tuple[str, ...]) -> bytes:
    """The Word file with ``values`` blacked out everywhere, and detections outside the body unless their
    value is in ``rejected``."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError

    values = sorted({v for v in values if v.strip()}, key=len, reverse=True)
    rejected_folded = {value.casefold() for value in rejected}
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "DOCX"}, detail=str(exc)) from exc
    removed = set(values)
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not hasattr(element, "iter"):
            continue
        part_values = (
            values
            if str(part.partname) == _BODY_PART
            else _part_values(element, values, rejected_folded, types)
        )
        removed.update(part_values)
        for paragraph in element.iter(f"{_W}p"):
            _redact_paragraph(paragraph, part_values)
        for relationship in part.rels.values():
            if relationship.is_external and any(
                v.casefold() in relationship.target_ref.casefold() for v in removed
            ):
                relationship._target = "#"
    # A thumbnail is a picture of the first page as it was: it goes.
    package_rels = document.part.package.rels
    for rel_id in [r.rId for r in package_rels.values() if r.reltype == RT.THUMBNAIL]:
        package_rels.pop(rel_id)
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    ordered = sorted(removed, key=len, reverse=True)
    for name in ("title", "subject", "keywords", "comments", "category", "content_status"):
        current = getattr(properties, name) or ""
        if current:
            setattr(properties, name, mask_values(current, ordered))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
