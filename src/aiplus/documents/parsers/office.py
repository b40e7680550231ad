"""Word documents (paragraphs and tables in body order) and Excel workbooks (one page per sheet, one line
per row, each value with its column's header)."""

import zipfile
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.limits import check_unpacked
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument
from aiplus.documents.tables import row_line


def parse_docx(path: Path, *, on_page: PageCallback | None = None, **_) -> ParsedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_unpacked(path, "DOCX")
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "DOCX"}, detail=str(exc)) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(block.text.strip())
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                # Merged cells repeat; keep each distinct value once, in order.
                lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    title = (document.core_properties.title or "").strip()
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
