"""What a task reads: an uploaded PDF page by page (so a summary cites the right page), and limits."""

import io

import pytest

from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.pilot.sources import source_from_upload
from aiplus.pilot.summarise import summarise

pytestmark = pytest.mark.django_db


def _two_page_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 750, "Annual report of the Licensing Office.")
    pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 750, "The Office received 48,000 applications in the year, twelve per cent more.")
    pdf.drawString(72, 720, "Online submission will be extended to every licence type next year.")
    pdf.save()
    return path


def test_a_pdf_summary_cites_the_page_each_sentence_is_on(tmp_path):
    path = _two_page_pdf(tmp_path / "report.pdf")
    with path.open("rb") as stream:
        source = source_from_upload(stream=stream, filename="report.pdf")
    summary = summarise(source, actor=OPERATOR, length="brief")
    pages = {sentence.text: sentence.cites[0]["page"] for sentence in summary.sentences}
    assert any("48,000 applications" in text and page == 2 for text, page in pages.items())


def test_an_upload_over_the_limit_or_of_an_unknown_type_is_refused(settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(AiplusError) as too_large:
        source_from_upload(stream=io.BytesIO(b"word " * 1000), filename="long.txt")
    assert too_large.value.code == ErrorCode.TOO_LARGE
    with pytest.raises(AiplusError) as unknown:
        source_from_upload(stream=io.BytesIO(b"MZ\x90\x00"), filename="setup.exe")
    assert unknown.value.code == ErrorCode.UNSUPPORTED_TYPE
