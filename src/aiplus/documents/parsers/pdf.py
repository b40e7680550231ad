"""PDF: the text layer page by page with pypdfium2; a page with no usable text layer is read by OCR.

Before OCR a page is rendered small and checked for ink, so a blank page costs milliseconds, not the
seconds OCR takes; the page count and each rendered page's pixels are checked against their limits first.
"""

import logging
import re
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import FULL_WIDTH, HAN
from aiplus.documents.limits import check_page_count, check_pixels
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument

logger = logging.getLogger("aiplus.documents.pdf")

# A page whose text layer has fewer visible characters than this is treated as a scan.
MIN_TEXT_CHARS = 20
OCR_SCALE = 150 / 72  # render at 150 dpi: enough for OCR of body text, and a fraction of 300 dpi's cost


# A line break inside a sentence: between two Chinese characters (no space needed), or between an
# English word and a lower-case continuation (a space is).
_CJK_WRAP = re.compile(f"(?<=[{HAN}{FULL_WIDTH}、])[ \\t]*\\n[ \\t]*(?=[{HAN}{FULL_WIDTH}])")
_LATIN_WRAP = re.compile(r"(?<=[a-z,;])[ \t]*\n[ \t]*(?=[a-z(])")


def reflow(text: str) -> str:
    """Undo the line wrapping of a PDF's text layer, keeping real line breaks (lists, tables, headings).

    The lines at the top and bottom of the page stay lines of their own, so a running header is not joined
    to the first sentence (``documents.layout`` leaves it out of passages).
    """
    from aiplus.documents.layout import interior

    start, end = interior(text)
    return text[:start] + _LATIN_WRAP.sub(" ", _CJK_WRAP.sub("", text[start:end])) + text[end:]


def parse_pdf(path: Path, *, ocr: bool = True, on_page: PageCallback | None = None) -> ParsedDocument:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "PDF"}, detail=str(exc)) from exc
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
        check_page_count(len(pdf))
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            if len("".join(text.split())) < MIN_TEXT_CHARS and ocr:
                pages.append(PageText(index + 1, _ocr_page(page), ocr=True))
            else:
                pages.append(PageText(index + 1, reflow(text)))
            if on_page:
                on_page(index + 1, len(pdf))
        return ParsedDocument(pages=pages, title=title)
    finally:
        pdf.close()


def _ocr_page(page) -> str:
    """The text of a scanned page by OCR, or nothing for a blank page (told from a small rendering)."""
    from aiplus.documents.ocr import BLANK_CHECK_PIXELS, looks_blank, ocr_image

    width, height = page.get_size()
    if looks_blank(page.render(scale=BLANK_CHECK_PIXELS / max(width, height, 1), grayscale=True).to_pil()):
        return ""
    check_pixels(width * OCR_SCALE, height * OCR_SCALE)
    return ocr_image(page.render(scale=OCR_SCALE).to_pil())
