"""Files with personal data in them, made on the spot: a PDF with English and Chinese text (a CID font as
Hong Kong PDFs use), a scanned PDF, and a Word file with values in runs, tables, headers and footers."""

from pathlib import Path

HKID = "A123456(3)"
PHONE = "9123 4567"
EMAIL = "chan.taiman@example.com"
NAME = "Chan Tai Man"
ZH_PHONE = "6123 4567"
KEPT_EN = "for the reply about the harbour licence"
KEPT_ZH = "申請人"
REFERENCE = (
    "HPD-LIC-0042"  # a case reference: not personal data to the detector, but an officer may remove it
)
SECOND_PAGE = "The second page is about ferry timetables only."


def text_pdf(path: Path, *, annotate: bool = False) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setAuthor(NAME)
    pdf.setTitle(f"Application of {HKID}")
    pdf.setSubject("Licence application")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 770, f"Applicant: {NAME}, HKID {HKID}, phone {PHONE}.")
    pdf.drawString(72, 750, f"Write to {EMAIL} {KEPT_EN}. Our reference {REFERENCE}.")
    pdf.setFont("MSung-Light", 12)
    pdf.drawString(72, 730, f"{KEPT_ZH}陳大文，身份證號碼{HKID}，電話{ZH_PHONE}。")
    if annotate:
        pdf.linkURL(f"mailto:{EMAIL}", (72, 745, 300, 760))
        pdf.textAnnotation(f"Call {PHONE} first", Rect=(400, 700, 420, 720))
    pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 770, SECOND_PAGE)
    pdf.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """One A4 page that is only a picture of three lines of text, one of them holding an HKID."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from tests.support.scans import FONT

    font = ImageFont.truetype(FONT, 34)
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(
        ["Harbour licence application form", f"Identity card number {HKID}", "海港牌照申請表格"]
    ):
        draw.text((100, 200 + number * 90), line, fill=0, font=font)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
    return path


def word_file(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = NAME
    document.core_properties.title = f"Case {HKID}"
    paragraph = document.add_paragraph("Applicant HKID ")
    # The HKID split over three runs, the middle one bold, as Word does after an edit.
    paragraph.add_run(HKID[:3])
    paragraph.add_run(HKID[3:7]).bold = True
    paragraph.add_run(HKID[7:] + " " + KEPT_EN + ".")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "E-mail"
    table.cell(0, 1).text = EMAIL
    document.sections[0].header.paragraphs[0].text = f"Applicant mobile {PHONE}"
    document.sections[0].footer.paragraphs[0].text = f"File of {HKID}"
    document.save(path)
    return path


def pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def every_string_in(data: bytes) -> str:
    """All the text a PDF holds anywhere: every stream decoded, every string, as Latin-1 and UTF-16."""
    import io

    import pikepdf

    parts = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    raw = obj.read_bytes()
                except pikepdf.PdfError:
                    raw = obj.read_raw_bytes()
                parts += [raw.decode("latin-1"), raw.decode("utf-16-be", errors="ignore")]
            elif isinstance(obj, pikepdf.Dictionary):
                parts += [str(v) for v in obj.values() if isinstance(v, pikepdf.String)]
    return "\n".join(parts)
