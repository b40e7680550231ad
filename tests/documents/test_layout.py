"""Running headers and footers are left out of passages, and kept in the page as the file has them."""

import pytest

from aiplus.documents.layout import page_bodies
from aiplus.documents.models import Chunk
from aiplus.documents.parsers import PageText
from aiplus.documents.services import collection_create
from tests.conftest import add_file

BODY = [
    "狗隻牌照申請及續期指南\n狗主須為每隻五個月大或以上的狗隻領取牌照。",
    "續期可於網上辦理。\n新牌照及狗牌會於5個工作天內郵寄給狗主。",
    "附件甲：郵寄續期清單\n已填妥並由狗主簽署的表格。",
]


@pytest.fixture
def collection(alice):
    return collection_create(actor=alice, slug="c", name="C", department=alice.department)


def _pages(header: str = "示範服務署 | 第 {n} 頁", footer: str = "保安級別：公開 {n}/3") -> list[PageText]:
    return [
        PageText(n, f"{header.format(n=n)}\n{body}\n{footer.format(n=n)}\n")
        for n, body in enumerate(BODY, start=1)
    ]


def test_a_header_and_footer_repeated_with_page_numbers_are_left_out():
    bodies = page_bodies(_pages())
    assert [body.text for body in bodies] == BODY
    for page, body in zip(_pages(), bodies, strict=True):
        assert page.text[body.start : body.start + len(body.text)] == body.text


def test_lines_that_differ_from_page_to_page_are_kept():
    pages = [PageText(n, text) for n, text in enumerate(BODY, start=1)]
    assert [body.text for body in page_bodies(pages)] == BODY


def test_a_single_page_keeps_its_first_and_last_lines():
    page = PageText(1, "示範服務署 | 第 1 頁\n" + BODY[0])
    assert page_bodies([page])[0].text == page.text


def test_pages_that_are_nothing_but_lines_repeated_on_every_page_are_kept_whole():
    """A form filled in alike on each page ("Notice 1 line 0", "Notice 2 line 0") has no body besides its
    repeated lines: it keeps them, rather than being ready with nothing to search."""
    pages = [PageText(n, f"Harbour notice {n} line 0\nHarbour notice {n} line 1\n") for n in (1, 2, 3)]
    assert [body.text for body in page_bodies(pages)] == [page.text for page in pages]


def test_a_repeated_line_in_the_middle_of_pages_is_kept():
    pages = [PageText(n, f"標題 {n}\n第一段。\n注意：請帶同身份證。\n第二段。\n完 {n}") for n in (1, 2, 3)]
    assert all("注意：請帶同身份證。" in body.text for body in page_bodies(pages))


def test_a_pdf_s_passages_leave_out_its_running_header_but_its_pages_keep_it(collection, alice, tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    path = tmp_path / "dog-licence-zh.pdf"
    pdf = canvas.Canvas(str(path))
    for number, body in enumerate(BODY, start=1):
        pdf.setFont("MSung-Light", 10)
        pdf.drawString(72, 800, f"示範服務署 | 第 {number} 頁")
        for line, text in enumerate(body.split("\n")):
            pdf.drawString(72, 700 - 20 * line, text)
        pdf.showPage()
    pdf.save()
    document = add_file(collection, alice, path)
    chunks = list(Chunk.objects.filter(document=document))
    assert chunks and not any("示範服務署" in chunk.text for chunk in chunks)
    for chunk in chunks:
        page = document.pages.get(number=chunk.page_number)
        assert "示範服務署 | 第" in page.text
        assert page.text[chunk.char_start : chunk.char_end] == chunk.text
