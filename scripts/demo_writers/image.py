"""Scanned documents: the text is drawn onto white A4 page images at 150 dpi with Noto Sans CJK, then
slightly rotated, blurred and speckled. The PDF and PNG writers share the renderer; neither output has a
text layer."""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .common import CJK_CHARACTERS, META_DATE, dept_name, page_label
from .content import Document

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
SCAN_DPI = 150
SCAN_PAGE_PX = (1240, 1754)  # A4 at 150 dpi
SCAN_MARGIN_PX = 120
SCAN_INK = 25
_WRAP_TOKEN_RE = re.compile(f"[{CJK_CHARACTERS}]|[^\\s{CJK_CHARACTERS}]+\\s*|\\s+")
_NO_LINE_START = set("，。、；：？！）」』》")


@functools.cache
def _scan_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = NOTO_DIR / f"NotoSansCJK-{'Bold' if bold else 'Regular'}.ttc"
    for index in range(10):
        font = ImageFont.truetype(str(path), size, index=index)
        if font.getname()[0] == "Noto Sans CJK HK":
            return font
    raise RuntimeError(f"Noto Sans CJK HK not found in {path}")


def _wrap_px(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap to a pixel width: by word for English, by character for Chinese."""
    lines: list[str] = []
    line = ""
    for token in _WRAP_TOKEN_RE.findall(text):
        fits = font.getlength((line + token).rstrip()) <= width
        if line and not fits and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


ScanLine = tuple[str, ImageFont.FreeTypeFont, int, int, str]
"""A wrapped line: text, font, indent, gap above it, marker drawn in the margin."""


def _scan_lines(doc: Document) -> list[ScanLine | None]:
    """Flatten a document into wrapped lines; None marks a forced page break."""
    width = SCAN_PAGE_PX[0] - 2 * SCAN_MARGIN_PX
    body, small = _scan_font(27), _scan_font(22)
    heading, title = _scan_font(31, bold=True), _scan_font(40, bold=True)
    out: list[ScanLine | None] = [(dept_name(doc.lang), small, 0, 0, "")]

    def add(text: str, font: Any, gap: int, indent: int = 0, marker: str = "") -> None:
        for i, line in enumerate(_wrap_px(text, font, width - indent)):
            out.append((line, font, indent, gap, marker) if i == 0 else (line, font, indent, 0, ""))

    add(doc.title, title, 18)
    for sec in doc.sections:
        if sec.new_page:
            out.append(None)
        if sec.heading:
            add(sec.heading, heading, 26)
        for block in sec.body:
            if isinstance(block, str):
                add(block, body, 14)
            elif isinstance(block, list):
                for item in block:
                    add(item, body, 8, indent=36, marker="•")
            else:
                for row in block:
                    add("    ".join(row), body, 6)
    return out


def _render_scan(doc: Document) -> list[Image.Image]:
    page_w, page_h = SCAN_PAGE_PX
    bottom = page_h - SCAN_MARGIN_PX
    pages: list[list[ScanLine]] = [[]]  # placed lines: the gap is replaced by the top y
    y = SCAN_MARGIN_PX
    for item in _scan_lines(doc):
        if item is None:
            pages.append([])
            y = SCAN_MARGIN_PX
            continue
        text, font, indent, gap, marker = item
        height = int(font.size * 1.55)
        if y + gap + height > bottom and pages[-1]:
            pages.append([])
            y = SCAN_MARGIN_PX
        else:
            y += gap
        pages[-1].append((text, font, indent, y, marker))
        y += height

    rng = np.random.default_rng(zlib.crc32(doc.path.encode()))
    images = []
    for number, lines in enumerate(pages, start=1):
        page = Image.new("L", SCAN_PAGE_PX, 255)
        draw = ImageDraw.Draw(page)
        for text, font, indent, top, marker in lines:
            draw.text((SCAN_MARGIN_PX + indent, top), text, font=font, fill=SCAN_INK)
            if marker:
                draw.text((SCAN_MARGIN_PX + 8, top), marker, font=font, fill=SCAN_INK)
        if len(pages) > 1:
            label = page_label(doc.lang, number, len(pages))
            draw.text(
                (page_w / 2, page_h - 70),
                label,
                font=_scan_font(20),
                fill=SCAN_INK,
                anchor="mm",
            )
        images.append(_age_scan(page, rng))
    return images


def _age_scan(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Make a clean page look scanned: skew under 1 degree, blur, shading, dust."""
    angle = float(rng.uniform(0.3, 0.8) * rng.choice([-1, 1]))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.5))
    pixels = np.asarray(page, dtype=np.int16)
    pixels = pixels - np.linspace(0, 10, pixels.shape[1], dtype=np.int16)[None, :]
    specks = rng.random(pixels.shape) < 0.0005
    pixels[specks] = rng.integers(80, 180, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def write_scan_pdf(doc: Document, path: Path) -> None:
    first, *rest = _render_scan(doc)
    first.save(
        path,
        "PDF",
        resolution=SCAN_DPI,
        save_all=True,
        append_images=rest,
        quality=70,
        title=doc.title,
        author=dept_name(doc.lang),
        creationDate=META_DATE.timetuple(),
        modDate=META_DATE.timetuple(),
    )


def write_scan_png(doc: Document, path: Path) -> None:
    pages = _render_scan(doc)
    if len(pages) != 1:
        raise ValueError(f"{doc.path}: a PNG notice must fit on one page")
    pages[0].save(path, "PNG", optimize=True, dpi=(SCAN_DPI, SCAN_DPI))
