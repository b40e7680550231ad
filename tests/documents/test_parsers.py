"""Each supported format yields its text; a bad file yields a clear, typed error."""

import io

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.parsers import detect_file_type, parser_for


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_unknown_extension_is_refused_as_unsupported():
    with pytest.raises(AiplusError) as caught:
        detect_file_type("setup.exe", b"MZ\x90\x00")
    assert caught.value.code == ErrorCode.UNSUPPORTED_TYPE


def test_a_file_whose_content_contradicts_its_extension_is_refused_as_corrupt():
    with pytest.raises(AiplusError) as caught:
        detect_file_type("report.pdf", b"this is not a pdf")
    assert caught.value.code == ErrorCode.CORRUPT_FILE
    assert "PDF" in caught.value.message


def test_a_truncated_pdf_is_reported_corrupt(tmp_path):
    path = _write(tmp_path, "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")
    with pytest.raises(AiplusError) as caught:
        parser_for("pdf")(path)
    assert caught.value.code == ErrorCode.CORRUPT_FILE


def test_pdf_text_layer_is_read_per_page(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    path = tmp_path / "two-pages.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 750, "Page one explains how to renew a dog licence.")
    pdf.showPage()
    pdf.setFont("MSung-Light", 12)
    pdf.drawString(72, 750, "第二頁說明續期費用及私隱政策，以及辦事處的辦公時間。")
    pdf.save()
    parsed = parser_for("pdf")(path, ocr=False)
    assert [p.number for p in parsed.pages] == [1, 2]
    assert "renew a dog licence" in parsed.pages[0].text
    assert "續期費用及私隱政策" in parsed.pages[1].text


def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Fees 收費", level=1)
    document.add_paragraph("The fee for a hawker licence is HK$200.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "Fee"
    table.cell(1, 0).text = "狗隻牌照"
    table.cell(1, 1).text = "HK$80"
    path = tmp_path / "fees.docx"
    document.save(path)
    text = parser_for("docx")(path).pages[0].text
    assert text.index("Fees 收費") < text.index("hawker") < text.index("狗隻牌照 | HK$80")


def test_xlsx_rows_carry_their_column_names(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Fees"
    sheet.append(["Service", "Fee (HK$)"])
    sheet.append(["Dog licence", 80])
    path = tmp_path / "fees.xlsx"
    workbook.save(path)
    parsed = parser_for("xlsx")(path)
    assert "Service: Dog licence | Fee (HK$): 80" in parsed.pages[0].text


def test_html_keeps_the_content_and_drops_navigation_and_scripts(tmp_path):
    html = """<html><head><title>Opening hours</title><script>var x = 'tracking';</script></head>
    <body><nav>Home | About | Contact</nav><main><h1>辦公時間</h1><p>Offices open 9 a.m. to 5 p.m.</p></main>
    <footer>Copyright notice</footer></body></html>"""
    parsed = parser_for("html")(_write(tmp_path, "hours.html", html.encode()))
    text = parsed.pages[0].text
    assert parsed.title == "Opening hours"
    assert "辦公時間" in text and "9 a.m. to 5 p.m." in text
    assert "tracking" not in text and "Home | About" not in text and "Copyright" not in text


def test_big5_text_files_are_decoded(tmp_path):
    path = _write(tmp_path, "notice.txt", "投訴處理程序".encode("big5hkscs"))
    assert parser_for("txt")(path).pages[0].text == "投訴處理程序"


def test_scanned_image_is_read_by_ocr(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 40)
    image = Image.new("RGB", (1200, 300), "white")
    ImageDraw.Draw(image).text((40, 100), "Dog licence 狗隻牌照續期", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    parsed = parser_for("image")(_write(tmp_path, "scan.png", buffer.getvalue()))
    assert parsed.pages[0].ocr
    assert "狗隻牌照續期" in parsed.pages[0].text.replace(" ", "")


def test_a_stored_workbook_without_an_extension_is_read(tmp_path):
    """Stored files are named by checksum alone; the workbook must still open."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Service", "Fee"])
    workbook.active.append(["Hawker licence", "HK$95"])
    path = tmp_path / "3f9a0c"
    workbook.save(path.with_suffix(".xlsx"))
    path.with_suffix(".xlsx").rename(path)
    assert "Service: Hawker licence | Fee: HK$95" in parser_for("xlsx")(path).pages[0].text


def test_pdf_line_wrapping_is_undone_inside_sentences_only():
    from aiplus.documents.parsers.pdf import reflow

    header, footer = "示範服務署 | 第 2 頁\n收費指南\n", "\n2026年4月\n第 2 頁"
    wrapped = "本指南說明應繳費用及\n辦理地點。\nThe fee is payable\nby cheque.\n• Apply online"
    assert reflow(header + wrapped + footer) == (
        header + "本指南說明應繳費用及辦理地點。\nThe fee is payable by cheque.\n• Apply online" + footer
    )


def test_pdf_reflow_keeps_the_lines_at_the_top_and_bottom_of_a_page_apart():
    """A running header is not joined to the sentence under it, so it can be left out of passages."""
    from aiplus.documents.parsers.pdf import reflow

    page = "示範服務署 | 第 1 頁\n狗隻牌照指南\n狗主須為每隻狗隻\n領取牌照。\n查詢熱線\n第 1 頁"
    assert reflow(page) == "示範服務署 | 第 1 頁\n狗隻牌照指南\n狗主須為每隻狗隻領取牌照。\n查詢熱線\n第 1 頁"
