"""Scanned images (PNG, JPG, TIFF; every frame of a multi-page TIFF) read by OCR."""

from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.parsers import PageText, ParsedDocument


def parse_image(path: Path, *, ocr: bool = True) -> ParsedDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from aiplus.documents.ocr import ocr_image

    if not ocr:
        return ParsedDocument(pages=[])
    try:
        with Image.open(path) as image:
            frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": path.suffix.lstrip(".").upper()}) from exc
    return ParsedDocument(pages=[PageText(i + 1, ocr_image(f), ocr=True) for i, f in enumerate(frames)])
