"""Ingestion speed: text-PDF pages per second and scanned (OCR) pages per minute, file to searchable.

Makes its own PDFs (reportlab, English and Traditional Chinese text; scanned pages rendered as images with
no text layer), ingests them with ``aiplus ingest --wait`` in one process (the same code a worker runs),
and reports the median of three runs for each kind. Run from the repository root:

    .venv/bin/python bench/ingestion.py [--pages 300] [--scanned 6] [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIPLUS = ROOT / ".venv" / "bin" / "aiplus"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
PARAGRAPH_EN = (
    "Applicants for a licence must submit the completed form with a copy of their identity card. "
    "The department will acknowledge the application within three working days and decide within fifteen. "
)
PARAGRAPH_ZH = (
    "申請人須遞交填妥的申請表格及身份證副本。本署會在三個工作天內確認收到申請，並於十五個工作天內作出決定。"
)


def make_text_pdfs(folder: Path, pages: int, per_file: int = 10) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    for file_number in range(pages // per_file):
        pdf = canvas.Canvas(str(folder / f"guide-{file_number:03d}.pdf"), pagesize=A4)
        for page in range(per_file):
            y = 790
            for line in range(36):
                if line % 2:
                    pdf.setFont("MSung-Light", 10)
                    pdf.drawString(50, y, f"{PARAGRAPH_ZH[:40]}第{file_number}冊第{page}頁")
                else:
                    pdf.setFont("Helvetica", 10)
                    pdf.drawString(50, y, f"{PARAGRAPH_EN[:95]} ({file_number}.{page}.{line})")
                y -= 21
            pdf.showPage()
        pdf.save()


def make_scanned_pdfs(folder: Path, pages: int) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 26)
    images = []
    for page in range(pages):
        image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
        draw = ImageDraw.Draw(image)
        for line in range(30):
            text = PARAGRAPH_ZH[:30] if line % 2 else PARAGRAPH_EN[:70]
            draw.text((90, 110 + line * 50), f"{text} {page}-{line}", fill="black", font=font)
        images.append(image)
    images[0].save(folder / "scanned.pdf", save_all=True, append_images=images[1:], resolution=150)


def ingest(folder: Path) -> float:
    home = tempfile.mkdtemp(prefix="aiplus-bench-home-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPLUS_LLM", "AIPLUS_EMBEDDINGS"))}
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env["AIPLUS_HOME"] = home
    # Prepare the empty database first, so the timing covers ingestion only.
    subprocess.run([str(AIPLUS), "setup", "--no-demo"], env=env, check=True, capture_output=True)
    subprocess.run(
        [str(AIPLUS), "department", "add", "bench", "--name", "Benchmark"],
        env=env,
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    result = subprocess.run(
        [
            str(AIPLUS),
            "ingest",
            str(folder),
            "--collection",
            "bench",
            "--create",
            "--department",
            "bench",
            "--wait",
            "--json",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    summary = json.loads(result.stdout)["summary"]
    if set(summary) != {"ready"}:
        sys.exit(f"not every file became ready: {summary}")
    subprocess.run(["rm", "-rf", home], check=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="text-PDF pages (in files of 10)")
    parser.add_argument("--scanned", type=int, default=6, help="scanned pages (one PDF)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as text_dir, tempfile.TemporaryDirectory() as scan_dir:
        make_text_pdfs(Path(text_dir), args.pages)
        make_scanned_pdfs(Path(scan_dir), args.scanned)
        # Includes process start-up and loading the OCR model: what a user waits for.
        text_times = [ingest(Path(text_dir)) for _ in range(args.runs)]
        scan_times = [ingest(Path(scan_dir)) for _ in range(args.runs)]
    text_rate = args.pages / statistics.median(text_times)
    scan_rate = args.scanned * 60 / statistics.median(scan_times)
    print("Ingestion, file to searchable, one process (aiplus ingest --wait), median of", args.runs, "runs")
    print(
        f"  text PDF: {args.pages} pages in {statistics.median(text_times):.1f} s = {text_rate:.0f} pages/s (target >= 50)"
    )
    print(
        f"  scanned PDF (OCR): {args.scanned} pages in {statistics.median(scan_times):.1f} s = {scan_rate:.1f} pages/min"
    )
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "ingestion.json").write_text(
        json.dumps(
            {"text_pdf_pages_per_second": text_rate, "ocr_pages_per_minute": scan_rate, "runs": args.runs}
        )
    )


if __name__ == "__main__":
    main()
