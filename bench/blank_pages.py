"""Blank scanned pages: milliseconds per page to recognise and skip them, beside what OCR of one costs.

Makes a PDF of blank scanned pages (A4 images at 150 dpi with light scanner noise, no text layer), reads it
with the PDF parser (the code a worker runs), and prints the median time per page over the runs. The peer,
in the same run, is OCR of one such page, which is what every blank page cost before the check. Run from
the repository root:

    .venv/bin/python bench/blank_pages.py [--pages 200] [--runs 3]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def blank_scan(seed: int):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    paper = np.clip(238 + rng.normal(0, 8, (1754, 1240)), 0, 255).astype(np.uint8)
    return Image.fromarray(paper).convert("RGB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from django.conf import settings

    # The parser needs only its limits, not a database.
    settings.configure(AIPLUS_MAX_DOCUMENT_PAGES=10**6, AIPLUS_MAX_IMAGE_MEGAPIXELS=100)
    from aiplus.documents.ocr import ocr_image
    from aiplus.documents.parsers import parser_for

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blank-scan.pdf"
        pages = [blank_scan(seed) for seed in range(args.pages)]
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=150)
        per_page = []
        for _ in range(args.runs):
            started = time.perf_counter()
            parsed = parser_for("pdf")(path)
            per_page.append((time.perf_counter() - started) * 1000 / args.pages)
            assert not any(page.text for page in parsed.pages), "a blank page was read as text"
        ocr_image(pages[0])  # load the OCR engine outside the timing
        ocr_ms = []
        for page in pages[: args.runs]:
            started = time.perf_counter()
            ocr_image(page)
            ocr_ms.append((time.perf_counter() - started) * 1000)
    blank = statistics.median(per_page)
    peer = statistics.median(ocr_ms)
    print(f"Blank scanned pages (A4, 150 dpi), {args.pages} pages, median of {args.runs} runs")
    print(f"  recognised and skipped: {blank:.1f} ms per page")
    print(f"  peer, OCR of one blank page: {peer:.0f} ms")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "blank_pages.json").write_text(
        json.dumps({"blank_ms_per_page": blank, "ocr_ms_per_page": peer})
    )


if __name__ == "__main__":
    main()
