"""XLSX (openpyxl): one sheet per table, header row first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .common import DEPT_EN, META_DATE, display_width, make_zip_reproducible
from .content import Document


def write_xlsx(doc: Document, path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in doc.sheets:
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCE6F1")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for col in range(1, len(rows[0]) + 1):
            width = max(display_width(str(row[col - 1])) for row in rows)
            sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 60)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
            cell.number_format = "#,##0.00"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    props = workbook.properties
    props.title = doc.title
    props.creator = props.lastModifiedBy = DEPT_EN
    props.language = "en-GB, zh-HK"
    props.created = props.modified = META_DATE
    workbook.save(path)
    make_zip_reproducible(path)
