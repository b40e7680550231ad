"""A document over a processing limit fails as "too large", saying which limit, and costs little to refuse;
a blank scanned page is recognised without OCR."""

import io

import pytest
from django.utils import translation

from aiplus.core.errors import ErrorCode
from aiplus.documents.models import Status
from aiplus.documents.services import collection_create, document_process, ingest_stream
from tests.conftest import add_file, add_text

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.fixture
def collection(alice):
    return collection_create(actor=alice, slug="c", name="C", department=alice.department)


def _page_image(text: str = "") -> "Image.Image":  # noqa: F821
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    if text:
        ImageDraw.Draw(image).text((90, 400), text, fill="black", font=ImageFont.truetype(FONT, 36))
    return image


def test_a_pdf_with_more_pages_than_the_limit_fails_saying_so_in_both_languages(
    collection, alice, settings, tmp_path
):
    from reportlab.pdfgen import canvas

    settings.AIPLUS_MAX_DOCUMENT_PAGES = 3
    path = tmp_path / "long.pdf"
    pdf = canvas.Canvas(str(path))
    for number in range(4):
        pdf.drawString(72, 750, f"Page {number} of the dog licence guide explains the renewal steps.")
        pdf.showPage()
    pdf.save()
    document = add_file(collection, alice, path)
    assert document.status == Status.FAILED
    assert document.error_code == ErrorCode.TOO_LARGE
    assert "more than 3 pages" in document.error_message
    with translation.override("zh-hant"):
        assert "3" in document.error_message and "頁" in document.error_message


def test_a_text_with_more_characters_than_the_limit_fails_as_too_large(collection, alice, settings):
    settings.AIPLUS_MAX_DOCUMENT_CHARACTERS = 1000
    document = add_text(collection, alice, "long.txt", "狗隻牌照續期" * 200).document
    assert document.status == Status.FAILED
    assert "more than 1,000 characters of text" in document.error_message


def test_a_huge_text_file_is_refused_before_it_is_read(collection, alice, settings):
    settings.AIPLUS_MAX_DOCUMENT_CHARACTERS = 1000
    document = add_text(collection, alice, "huge.txt", "a" * 5000).document
    assert document.status == Status.FAILED
    assert "more than 1,000 characters of text" in document.error_message


def test_a_docx_that_unpacks_beyond_the_limit_is_refused_from_its_zip_directory(
    collection, alice, settings, tmp_path
):
    import docx

    settings.AIPLUS_MAX_UNPACKED_MB = 1
    word = docx.Document()
    word.add_paragraph("狗" * 400_000)  # 1.2 MB of text in one node, compressing to a few KB
    path = tmp_path / "bomb.docx"
    word.save(path)
    assert path.stat().st_size < 100_000
    document = add_file(collection, alice, path)
    assert document.status == Status.FAILED
    assert "a part of the file unpacks to more than 1 MB" in document.error_message


def test_a_15000_pixel_square_png_is_too_large_not_an_internal_error(collection, alice, tmp_path):
    from PIL import Image

    path = tmp_path / "poster.png"
    Image.new("1", (15000, 15000), 1).save(path)
    document = add_file(collection, alice, path)
    assert document.status == Status.FAILED
    assert document.error_code == ErrorCode.TOO_LARGE
    assert "larger than 100 megapixels" in document.error_message


def test_an_image_over_a_lower_pixel_limit_is_refused_before_decoding(collection, alice, settings, tmp_path):
    settings.AIPLUS_MAX_IMAGE_MEGAPIXELS = 1
    path = tmp_path / "scan.png"
    _page_image("Dog licence 狗隻牌照").save(path)
    document = add_file(collection, alice, path)
    assert document.status == Status.FAILED
    assert "larger than 1 megapixels" in document.error_message


def test_a_blank_page_in_a_scan_is_skipped_and_the_page_with_text_is_read(tmp_path):
    from aiplus.documents.parsers import parser_for

    path = tmp_path / "scan.pdf"
    blank, written = _page_image(), _page_image("Dog licence renewal 狗隻牌照續期")
    blank.save(path, save_all=True, append_images=[written, blank], resolution=150)
    parsed = parser_for("pdf")(path)
    assert [page.text for page in parsed.pages][0::2] == ["", ""]
    assert "狗隻牌照續期" in parsed.pages[1].text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), ("第 1 頁", False), ("Applicants must submit the form 申請人須遞交表格", False)],
)
def test_a_page_is_blank_only_when_it_has_no_ink_worth_reading(text, blank):
    from aiplus.documents.ocr import looks_blank

    assert looks_blank(_page_image(text)) is blank


def test_scanner_noise_and_dust_on_an_empty_page_count_as_blank():
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(8)
    paper = np.clip(235 + rng.normal(0, 12, (1754, 1240)), 0, 255).astype(np.uint8)
    page = Image.fromarray(paper).convert("RGB")
    draw = ImageDraw.Draw(page)
    for _ in range(20):
        x, y = rng.integers(0, 1200), rng.integers(0, 1700)
        draw.ellipse((x, y, x + 3, y + 3), fill="black")
    from aiplus.documents.ocr import looks_blank

    assert looks_blank(page)


def test_a_zip_that_is_not_really_a_workbook_is_still_reported_corrupt(collection, alice):
    outcome = ingest_stream(
        actor=alice, collection=collection, stream=io.BytesIO(b"PK\x03\x04not a zip"), filename="fees.xlsx"
    )
    document_process(document_id=outcome.document.pk)
    outcome.document.refresh_from_db()
    assert outcome.document.error_code == ErrorCode.CORRUPT_FILE


def test_a_docx_of_tiny_paragraphs_beyond_the_character_limit_fails_as_too_large(
    collection, alice, settings, tmp_path
):
    import docx

    settings.AIPLUS_MAX_DOCUMENT_CHARACTERS = 1000
    word = docx.Document()
    for _ in range(2000):
        word.add_paragraph("狗牌")
    path = tmp_path / "tiny.docx"
    word.save(path)
    document = add_file(collection, alice, path)
    assert document.status == Status.FAILED
    assert "more than 1,000 characters of text" in document.error_message
