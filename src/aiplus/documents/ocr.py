"""OCR with rapidocr's bundled PP-OCR models, which read Hong Kong Traditional characters.

The engine is loaded once per process (about a second and a few hundred MB), on first use.
"""

import logging
import threading
from functools import cache

import numpy as np

logger = logging.getLogger("aiplus.documents.ocr")
_lock = threading.Lock()


@cache
def _engine():
    from rapidocr import RapidOCR

    # No lang/version options: anything but the bundled defaults makes rapidocr try a download.
    return RapidOCR(params={"Global.log_level": "error"})


def ocr_image(image) -> str:
    """The text of a PIL image, in reading order, one recognised line per line."""
    with _lock:
        result = _engine()(np.asarray(image.convert("RGB")))
    if result is None or result.txts is None:
        return ""
    boxes = result.boxes
    lines = list(zip(result.txts, boxes, strict=True))
    # Reading order: top to bottom by line, then left to right.
    heights = [float(b[:, 1].max() - b[:, 1].min()) for _, b in lines] or [1.0]
    row_height = max(float(np.median(heights)) * 0.6, 1.0)
    lines.sort(key=lambda item: (round(float(item[1][:, 1].min()) / row_height), float(item[1][:, 0].min())))
    return "\n".join(text for text, _ in lines)
