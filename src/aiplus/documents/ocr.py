"""OCR with rapidocr's bundled PP-OCR models, which read Hong Kong Traditional characters.

The engine is loaded once per process (about a second and a few hundred MB), on first use. A blank page is
recognised from a small grayscale copy before OCR (milliseconds, where OCR of a blank page takes seconds).
"""

import logging
import threading
from functools import cache

import numpy as np

logger = logging.getLogger("aiplus.documents.ocr")
_lock = threading.Lock()

# Blank-page test: a copy at most this many pixels on its longest side (about 35 dpi for A4), where a pixel
# is ink when it differs from the paper (the median) by more than INK_CONTRAST grey levels, and the page is
# blank when ink covers less than BLANK_INK_SHARE of it. A lone "第 1 頁" in 10 pt type covers more than
# that; scanner noise and a few dozen specks of dust stay under it.
BLANK_CHECK_PIXELS = 400
INK_CONTRAST = 48
BLANK_INK_SHARE = 0.0004


@cache
def _engine():
    from rapidocr import RapidOCR

    # No lang/version options: anything but the bundled defaults makes rapidocr try a download.
    return RapidOCR(params={"Global.log_level": "error"})


def looks_blank(image) -> bool:
    """Whether a PIL image of a page has no ink worth reading: a blank or nearly blank scanned page."""
    from PIL import Image

    factor = max(1, max(image.size) // BLANK_CHECK_PIXELS)
    small = image.resize(
        (max(1, image.width // factor), max(1, image.height // factor)), Image.Resampling.BOX
    )
    pixels = np.asarray(small.convert("L"), dtype=np.int16)
    if not pixels.size:
        return True
    ink = np.abs(pixels - int(np.median(pixels))) > INK_CONTRAST
    return float(ink.mean()) < BLANK_INK_SHARE


def ocr_lines(image) -> list[tuple[str, np.ndarray]]:
    """The lines OCR reads in a PIL image, in reading order, each with its box (four corners in pixels)."""
    with _lock:
        result = _engine()(np.asarray(image.convert("RGB")))
    if result is None or result.txts is None:
        return []
    lines = list(zip(result.txts, result.boxes, strict=True))
    # Reading order: top to bottom by line, then left to right.
    heights = [float(b[:, 1].max() - b[:, 1].min()) for _, b in lines] or [1.0]
    row_height = max(float(np.median(heights)) * 0.6, 1.0)
    lines.sort(key=lambda item: (round(float(item[1][:, 1].min()) / row_height), float(item[1][:, 0].min())))
    return lines


def ocr_image(image) -> str:
    """The text of a PIL image, in reading order, one recognised line per line."""
    return "\n".join(text for text, _ in ocr_lines(image))
