"""DOCX (python-docx). Every run gets explicit Latin and East Asian fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .common import META_DATE, dept_name, make_zip_reproducible
from .content import Document

DOCX_LATIN_FONT = "Arial"
DOCX_EAST_ASIA_FONT = "Microsoft JhengHei"


def _docx_set_fonts(element: Any) -> None:
    """Set w:rFonts (including w:eastAsia) on a run or style element.

    Theme font attributes are removed because they take precedence over the
    explicit font names.
    """
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), DOCX_LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), DOCX_EAST_ASIA_FONT)


def write_docx(doc: Document, path: Path) -> None:
    docx = WordDocument()
    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        _docx_set_fonts(docx.styles[name].element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-HK")
    docx.styles["Normal"].element.get_or_add_rPr().append(lang)

    props = docx.core_properties
    props.title = doc.title
    props.author = props.last_modified_by = dept_name(doc.lang)
    props.language = {"en": "en-GB", "zh-Hant": "zh-HK"}.get(doc.lang, "en-GB")
    props.created = props.modified = META_DATE
    props.revision = 1
    props.comments = "Fictional demonstration document."

    dept = docx.add_paragraph().add_run(dept_name(doc.lang))
    dept.font.size = Pt(9)
    dept.font.color.rgb = RGBColor(0x4A, 0x5A, 0x6A)
    docx.add_heading(doc.title, level=0)
    for sec in doc.sections:
        if sec.new_page:
            docx.add_page_break()
        if sec.heading:
            docx.add_heading(sec.heading, level=1)
        for block in sec.body:
            if isinstance(block, str):
                docx.add_paragraph(block)
            elif isinstance(block, list):
                for item in block:
                    docx.add_paragraph(item, style="List Bullet")
            else:
                table = docx.add_table(rows=0, cols=len(block[0]), style="Table Grid")
                for i, row in enumerate(block):
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = text
                        if i == 0:
                            cell.paragraphs[0].runs[0].bold = True
                docx.add_paragraph()
    for run in docx.element.body.iter(qn("w:r")):
        _docx_set_fonts(run)
    docx.save(str(path))
    make_zip_reproducible(path)
