"""Word documents (paragraphs and tables in body order) and Excel workbooks (one page per sheet, one line
per row, each value with its column's header)."""

import zipfile
from collections.abc import Iterator
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.limits import check_characters, check_unpacked
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument
from aiplus.documents.tables import row_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _paragraph_text(paragraph) -> str:
    """A paragraph's text as Word shows it: its runs' text, tabs and line breaks."""
    parts = []
    for run in paragraph.iter(f"{_W}r"):
        for child in run:
            if child.tag == f"{_W}t" and child.text:
                parts.append(child.text)
            elif child.tag == f"{_W}tab":
                parts.append("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
    return "".join(parts)


def _docx_lines(xml) -> Iterator[str]:
    """Body paragraphs and table rows in order, streamed from the document's XML and dropped once read.

    Written on lxml's iterparse rather than python-docx, whose object per paragraph made a 300 KB file of
    2.4 million tiny paragraphs take 494 s and 1.7 GB before it could even be refused as too long.
    """
    from lxml import etree

    depth, row, cell = 0, [], []
    tags = (f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p")
    for event, element in etree.iterparse(xml, events=("start", "end"), tag=tags):
        tag = element.tag
        if tag == f"{_W}tbl":
            depth += 1 if event == "start" else -1
        elif event == "start":
            continue
        elif tag == f"{_W}p" and depth == 0:
            yield _paragraph_text(element).strip()
        elif tag == f"{_W}p" and depth == 1 and element.getparent().tag == f"{_W}tc":
            cell.append(_paragraph_text(element))
        elif tag == f"{_W}tc" and depth == 1:
            row.append("\n".join(cell).strip())
            cell = []
        elif tag == f"{_W}tr" and depth == 1:
            # Merged cells repeat; keep each distinct value once, in order.
            yield " | ".join(dict.fromkeys(c for c in row if c))
            row = []
        if depth == 0 and event == "end" and tag in (f"{_W}p", f"{_W}tbl"):
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


def parse_docx(path: Path, *, on_page: PageCallback | None = None, **_) -> ParsedDocument:
    from lxml import etree

    check_unpacked(path, "DOCX")
    lines: list[str] = []
    characters = 0
    try:
        with zipfile.ZipFile(path) as archive:
            with archive.open("word/document.xml") as xml:
                for line in _docx_lines(xml):
                    if line:
                        lines.append(line)
                        characters += len(line) + 1
                        check_characters(characters)
            title = ""
            if "docProps/core.xml" in archive.namelist():
                element = etree.fromstring(archive.read("docProps/core.xml")).find(_TITLE)
                title = (element.text or "").strip() if element is not None else ""
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "DOCX"}, detail=str(exc)) from exc
    if on_page:
        on_page(1, 1)
    return ParsedDocument(pages=[PageText(1, "\n".join(lines))], title=title)


def parse_xlsx(path: Path, *, on_page: PageCallback | None = None, **_) -> ParsedDocument:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_unpacked(path, "XLSX")
    try:
        # A file object, not the path: stored files have no extension, which openpyxl would refuse.
        workbook = openpyxl.load_workbook(path.open("rb"), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "XLSX"}, detail=str(exc)) from exc
    pages = []
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            rows = [
                [("" if v is None else str(v).strip()) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            rows = [row for row in rows if any(row)]
            if not rows:
                continue
            header, body = rows[0], rows[1:]
            # Each data row reads as "Header: value | Header: value" and becomes a passage of its own.
            lines = [row_line(header, row) for row in body] if body else [row_line([], header)]
            pages.append(PageText(number, "\n".join(line for line in lines if line), rows=True))
        title = (workbook.properties.title or "").strip()
    finally:
        workbook.close()
    if on_page:
        on_page(1, 1)
    return ParsedDocument(pages=pages, title=title)
