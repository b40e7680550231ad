"""PDF with a text layer (reportlab).

Chinese uses the standard Traditional Chinese CID font MSung-Light (not embedded; readers substitute a local
font), which text extractors map back to exact Unicode. Noto CJK cannot be embedded because reportlab does
not support CFF-based TrueType collections.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .common import dept_name, display_width, has_cjk, page_label
from .content import Document

# (regular, bold) font names; there is no bold Traditional Chinese CID font,
# so Chinese headings use size and colour instead.
PDF_FONTS = {False: ("Helvetica", "Helvetica-Bold"), True: ("MSung-Light", "MSung-Light")}


@functools.cache
def _pdf_styles() -> dict[tuple[str, bool], ParagraphStyle]:
    # reportlab pairs MSung-Light (Adobe-CNS1) with the Adobe-GB1 Unicode CMap;
    # use the matching CNS1 CMap so that CIDs and glyphs agree in every reader.
    cidfonts.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    styles: dict[tuple[str, bool], ParagraphStyle] = {}
    for cjk in (False, True):
        regular, bold = PDF_FONTS[cjk]
        # Character-level wrapping for Chinese, word wrapping for English.
        wrap: dict[str, Any] = {"wordWrap": "CJK"} if cjk else {}
        size = 11 if cjk else 10.5
        styles["dept", cjk] = ParagraphStyle(
            f"dept{cjk}",
            fontName=regular,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#4a5a6a"),
            spaceAfter=4,
            **wrap,
        )
        styles["title", cjk] = ParagraphStyle(
            f"title{cjk}",
            fontName=bold,
            fontSize=17,
            leading=23,
            spaceAfter=8,
            textColor=colors.HexColor("#12355b"),
            **wrap,
        )
        styles["heading", cjk] = ParagraphStyle(
            f"heading{cjk}",
            fontName=bold,
            fontSize=12.5,
            leading=17,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
            textColor=colors.HexColor("#12355b"),
            **wrap,
        )
        styles["body", cjk] = ParagraphStyle(
            f"body{cjk}",
            fontName=regular,
            fontSize=size,
            leading=size * 1.55,
            spaceAfter=6,
            **wrap,
        )
        styles["bullet", cjk] = ParagraphStyle(
            f"bullet{cjk}",
            parent=styles["body", cjk],
            leftIndent=16,
            bulletIndent=5,
            bulletFontName="Helvetica",
            spaceAfter=3,
        )
        styles["cell", cjk] = ParagraphStyle(f"cell{cjk}", fontName=regular, fontSize=9.5, leading=13, **wrap)
        styles["head_cell", cjk] = ParagraphStyle(
            f"head_cell{cjk}", fontName=bold, fontSize=9.5, leading=13, **wrap
        )
    return styles


def _pdf_para(text: str, kind: str, **kwargs: Any) -> Paragraph:
    return Paragraph(xml_escape(text), _pdf_styles()[kind, has_cjk(text)], **kwargs)


def _column_fractions(rows: tuple[tuple[str, ...], ...]) -> list[float]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    weights = [min(max(w, 8), 60) for w in widths]
    return [w / sum(weights) for w in weights]


def _pdf_table(rows: tuple[tuple[str, ...], ...], width: float) -> Table:
    data = [
        [_pdf_para(cell, "head_cell" if i == 0 else "cell") for cell in row] for i, row in enumerate(rows)
    ]
    table = Table(data, colWidths=[f * width for f in _column_fractions(rows)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a99a8")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eaf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def write_pdf(doc: Document, path: Path) -> None:
    rl_config.invariant = 1  # fixed dates and document ID: reproducible output
    page_width, _ = A4
    margin = 22 * mm
    frame_width = page_width - 2 * margin
    story: list[Any] = [
        _pdf_para(dept_name(doc.lang), "dept"),
        _pdf_para(doc.title, "title"),
    ]
    for sec in doc.sections:
        if sec.new_page:
            story.append(PageBreak())
        if sec.heading:
            story.append(_pdf_para(sec.heading, "heading"))
        for block in sec.body:
            if isinstance(block, str):
                story.append(_pdf_para(block, "body"))
            elif isinstance(block, list):
                story.extend(_pdf_para(item, "bullet", bulletText="•") for item in block)
            else:
                story += [_pdf_table(block, frame_width), Spacer(1, 8)]

    def footer(canvas: Any, _template: Any) -> None:
        label = page_label(doc.lang, canvas.getPageNumber())
        canvas.setFont(PDF_FONTS[has_cjk(label)][0], 8.5)
        canvas.setFillColor(colors.HexColor("#4a5a6a"))
        canvas.drawCentredString(page_width / 2, 12 * mm, label)

    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=doc.title,
        author=dept_name(doc.lang),
        creator="aiplus scripts/make_demo_corpus.py",
        lang={"en": "en-GB", "zh-Hant": "zh-HK"}.get(doc.lang, "en-GB"),
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
