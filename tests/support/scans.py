"""Scanned PDFs made on the spot: pages that are images of a few lines of text, with no text layer, so that
each page is read by OCR and takes a second or two, long enough to catch a worker in the middle of a job."""

from pathlib import Path

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _page_image(number: int):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 30)
    image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    for line in range(4):
        draw.text(
            (100, 200 + line * 80),
            f"Harbour notice {number} line {line} 海港通告第{number}號",
            fill=0,
            font=font,
        )
    return image


def scanned_pdf(path: Path, *, pages: int, distinct: int | None = None) -> Path:
    """Write a scanned PDF of ``pages`` pages; with ``distinct``, page images repeat after that many, which
    keeps a 5,000-page scan to a few megabytes (reportlab stores a repeated image once)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    images = [ImageReader(_page_image(n + 1)) for n in range(min(pages, distinct or pages))]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(pages):
        pdf.drawImage(images[number % len(images)], 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return path
