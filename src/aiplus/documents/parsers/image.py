"""Scanned images (PNG, JPG, TIFF; every frame of a multi-page TIFF) read by OCR.

The size in the image's header is checked against the pixel limit before any frame is decoded, and the
frame count against the page limit; a blank frame is skipped without OCR.
"""

from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.limits import check_page_count, check_pixels, image_too_large
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument


def parse_image(path: Path, *, ocr: bool = True, on_page: PageCallback | None = None) -> ParsedDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from aiplus.documents.ocr import looks_blank, ocr_image

    if not ocr:
        if on_page:
            on_page(1, 1)
        return ParsedDocument(pages=[])
    pages = []
    try:
        with Image.open(path) as image:
            check_pixels(*image.size)
            total = getattr(image, "n_frames", 1)
            check_page_count(total)
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                check_pixels(*frame.size)
                page = frame.convert("RGB")
                pages.append(PageText(number, "" if looks_blank(page) else ocr_image(page), ocr=True))
                if on_page:
                    on_page(number, total)
    except Image.DecompressionBombError as exc:
        raise image_too_large() from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": path.suffix.lstrip(".").upper()}) from exc
    return ParsedDocument(pages=pages)
