"""Redacting PDFs: time per page, file size, values left in the output, and text kept.

Makes a PDF of letter pages in English and Chinese (a CID font, as Hong Kong PDFs use), each with made-up
HKIDs, phone numbers and e-mail addresses among ordinary sentences, and redacts every detection with the
code the CLI and the page run. It prints: seconds per page (median of the runs), the size of the output
against the input, how many removed values pypdfium2 can still extract from the output (should be 0), and
the share of the words that were not removed which are still extracted from the output (search and copy
keep working). Run from the repository root:

    .venv/bin/python bench/redact_pdf.py [--pages 20] [--runs 3]
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WORDS_EN = [
    "the",
    "harbour",
    "licence",
    "application",
    "was",
    "received",
    "and",
    "will",
    "be",
    "processed",
    "within",
    "fifteen",
    "working",
    "days",
]
WORDS_ZH = ["海港", "牌照", "申請", "已經", "收到", "將於", "十五個", "工作天", "內", "處理"]


def _hkid(rng: random.Random) -> str:
    from aiplus.privacy.detect import hkid_valid

    while True:
        candidate = f"{rng.choice('ACDEGKPRZ')}{rng.randint(100000, 999999)}({rng.choice('0123456789A')})"
        if hkid_valid(candidate):
            return candidate


def make_pdf(path: Path, pages: int, seed: int = 7) -> tuple[set[str], list[str]]:
    """The PDF, the personal values on it, and the ordinary words on it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    values, words = set(), []
    for _ in range(pages):
        y = 780
        for line in range(30):
            value = rng.choice(
                [_hkid(rng), f"{rng.randint(5, 9)}{rng.randint(100, 999)} {rng.randint(1000, 9999)}", None]
            )
            if line % 2:
                ordinary = rng.sample(WORDS_ZH, 5)
                pdf.setFont("MSung-Light", 11)
                pdf.drawString(
                    60, y, "".join(ordinary[:3]) + (f"，{value}，" if value else "") + "".join(ordinary[3:])
                )
            else:
                ordinary = rng.sample(WORDS_EN, 7)
                email = f"officer{rng.randint(1, 999)}@example.gov.hk" if line % 3 == 0 else ""
                pdf.setFont("Helvetica", 11)
                pdf.drawString(60, y, " ".join([*ordinary[:4], value or "", email, *ordinary[4:]]))
                values.update({email} - {""})
            values.update({value} - {None})
            words.extend(ordinary)
            y -= 24
        pdf.showPage()
    pdf.save()
    return values, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from django.conf import settings

    settings.configure(
        AIPLUS_MAX_DOCUMENT_PAGES=10**6, AIPLUS_MAX_IMAGE_MEGAPIXELS=100, AIPLUS_MAX_DOCUMENT_CHARACTERS=10**8
    )
    import pypdfium2

    from aiplus.privacy.redact import redact_document

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letters.pdf"
        values, words = make_pdf(path, args.pages)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            redaction = redact_document(path, path.name)
            timings.append((time.perf_counter() - started) / args.pages)
        pdf = pypdfium2.PdfDocument(redaction.data)
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        compact = "".join(text.split())
        left = sorted(v for v in values if "".join(v.split()) in compact)
        kept = sum(1 for word in words if word in text) / len(words)
        figures = {
            "pages": args.pages,
            "values_on_pages": len(values),
            "spans_removed": len(redaction.spans),
            "seconds_per_page": round(statistics.median(timings), 3),
            "size_in_kb": path.stat().st_size // 1024,
            "size_out_kb": len(redaction.data) // 1024,
            "values_left_in_text": len(left),
            "ordinary_words_still_extracted": round(kept, 4),
        }
    print(json.dumps(figures, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "redact_pdf.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
