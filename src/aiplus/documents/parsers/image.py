"""Scanned images (PNG, JPG, TIFF; every frame of a multi-page TIFF) read by OCR."""

from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument


def parse_image(path: Path, *, ocr: bool = True, on_page: PageCallback | None = None) -> ParsedDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from aiplus.documents.ocr import ocr_image

    if not ocr:
        if on_page:
            on_page(1, 1)
        return ParsedDocument(pages=[])
    try:
        with Image.open(path) as image:
            frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": path.suffix.lstrip(".").upper()}) from exc
    pages = []
    for index, frame in enumerate(frames):
        pages.append(PageText(index + 1, ocr_image(frame), ocr=True))
        if on_page:
            on_page(index + 1, len(frames))
    return ParsedDocument(pages=pages)
