"""Redacting a PDF removes the text under each box for real, keeps the rest of the page and its text, and
leaves no copy of a removed value in the metadata, annotations or anywhere else in the file."""

import io

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.privacy.detect import Span
from aiplus.privacy.redact import read_document, redact_document
from tests.privacy.files import (
    EMAIL,
    HKID,
    KEPT_EN,
    KEPT_ZH,
    NAME,
    PHONE,
    SECOND_PAGE,
    ZH_PHONE,
    every_string_in,
    pdf_text,
    scanned_pdf,
    text_pdf,
)

REMOVED = (HKID, PHONE, EMAIL, ZH_PHONE)


def _compact(text: str) -> str:
    return "".join(text.split())


def test_every_detection_is_gone_from_the_text_and_the_rest_is_still_there(tmp_path):
    path = text_pdf(tmp_path / "application.pdf")
    redaction = redact_document(path, path.name)
    removed = {span.text for span in redaction.spans}
    assert set(REMOVED) <= removed
    text = pdf_text(redaction.data)
    for value in removed:
        assert _compact(value) not in _compact(text)
        assert value not in every_string_in(redaction.data)
    for kept in (KEPT_EN, KEPT_ZH, SECOND_PAGE, "Applicant:", "電話", "。"):
        assert kept in text


def test_the_layout_is_kept_and_untouched_pages_stay_as_they_were(tmp_path):
    import pikepdf
    import pypdfium2

    path = text_pdf(tmp_path / "application.pdf")
    redaction = redact_document(path, path.name)
    before, after = pypdfium2.PdfDocument(path), pypdfium2.PdfDocument(redaction.data)
    assert len(after) == len(before) == 2
    assert after[0].get_size() == before[0].get_size()
    # The remaining words sit where they were: "Applicant:" starts at the same place on the page.
    for document in (before, after):
        textpage = document[0].get_textpage()
        index = textpage.get_text_range().index("Applicant")
        assert textpage.get_charbox(index)[0] == pytest.approx(72, abs=2)
    with pikepdf.open(path) as original, pikepdf.open(io.BytesIO(redaction.data)) as redacted:
        assert redacted.pages[1].Contents.read_bytes() == original.pages[1].Contents.read_bytes()


def test_chosen_spans_only_a_rejected_one_stays_and_an_added_one_goes(tmp_path):
    path = text_pdf(tmp_path / "application.pdf")
    extracted = read_document(path, path.name)
    start = extracted.text.index(NAME)
    hkid = extracted.text.index(HKID)
    spans = [Span("PERSON", start, start + len(NAME), NAME), Span("HKID", hkid, hkid + len(HKID), HKID)]
    text = pdf_text(redact_document(path, path.name, extracted=extracted, spans=spans).data)
    assert NAME not in text and _compact(HKID) not in _compact(text)
    assert PHONE in text and EMAIL in text  # not chosen: kept


def test_metadata_and_annotations_holding_a_value_are_removed(tmp_path):
    import pikepdf

    path = text_pdf(tmp_path / "application.pdf", annotate=True)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata() as xmp:
            xmp["dc:title"] = f"Application of {HKID}"
        pdf.docinfo["/Author"], pdf.docinfo["/Subject"] = NAME, "Licence application"
        pdf.save(path)
    redaction = redact_document(path, path.name)
    with pikepdf.open(io.BytesIO(redaction.data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        assert "/Metadata" not in pdf.Root
        annotations = [
            str(a.get("/Contents", "")) + str(a.get("/A", "")) for a in pdf.pages[0].get("/Annots", [])
        ]
    assert "/Title" not in info and "/Author" not in info
    assert info["/Subject"] == "Licence application"
    assert not any(PHONE in a or EMAIL in a for a in annotations)


def test_a_scanned_page_is_redacted_on_the_image_from_the_ocr_boxes(tmp_path):
    import pypdfium2

    from aiplus.documents.ocr import ocr_image

    path = scanned_pdf(tmp_path / "scan.pdf")
    redaction = redact_document(path, path.name)
    assert [span.type for span in redaction.spans] == ["HKID"]
    page = pypdfium2.PdfDocument(redaction.data)[0]
    seen = ocr_image(page.render(scale=150 / 72).to_pil())
    assert "Harbour licence application form" in seen and "海港牌照申請表格" in seen
    assert "123456" not in _compact(seen)
    text = pdf_text(redaction.data)  # the invisible text layer keeps what was not removed
    assert "Harbour" in text and "123456" not in text


def test_bad_files_are_refused_with_a_clear_error(tmp_path, settings):
    import pikepdf

    not_pdf = tmp_path / "letter.pdf"
    not_pdf.write_bytes(b"PK\x03\x04 this is a zip")
    with pytest.raises(AiplusError) as error:
        read_document(not_pdf, not_pdf.name)
    assert error.value.code == ErrorCode.CORRUPT_FILE

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    with pytest.raises(AiplusError) as error:
        read_document(broken, broken.name)
    assert error.value.code == ErrorCode.CORRUPT_FILE

    locked = tmp_path / "locked.pdf"
    with pikepdf.open(text_pdf(tmp_path / "open.pdf")) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(AiplusError) as error:
        read_document(locked, locked.name)
    assert error.value.code == ErrorCode.ENCRYPTED_FILE
    assert "password" in error.value.message

    with pytest.raises(AiplusError) as error:
        read_document(locked, "sheet.xlsx")
    assert error.value.code == ErrorCode.NOT_REDACTABLE

    settings.AIPLUS_MAX_DOCUMENT_PAGES = 1
    with pytest.raises(AiplusError) as error:
        read_document(tmp_path / "open.pdf", "open.pdf")
    assert error.value.code == ErrorCode.TOO_LARGE


def test_a_value_drawn_twice_over_itself_leaves_no_copy_in_the_text(tmp_path):
    """Fake bold: some programs draw a line twice, a fraction of a point apart. No copy of the value stays."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "bold.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 12)
    for shift in (0, 0.3):
        pdf.drawString(72 + shift, 770, f"Identity card {HKID} belongs to the applicant of this licence.")
    pdf.save()
    redaction = redact_document(path, path.name)
    text = pdf_text(redaction.data)
    assert "123456" not in text and "licence" in text


def test_a_turned_page_with_a_shifted_crop_box_looks_the_same_but_for_the_box(tmp_path):
    import numpy as np
    import pikepdf
    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setPageRotation(90)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 770, f"Identity card {HKID} belongs to the applicant of this licence.")
    pdf.save()
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        document.pages[0].MediaBox = [-50, -50, 545.28, 791.89]
        document.pages[0].CropBox = [10, 10, 545.28, 791.89]
        document.save(path)
    redaction = redact_document(path, path.name)
    assert pdf_text(redaction.data).startswith("Identity card") and "123456" not in pdf_text(redaction.data)
    before, after = pypdfium2.PdfDocument(path)[0], pypdfium2.PdfDocument(redaction.data)[0]
    assert (after.get_size(), after.get_rotation()) == (before.get_size(), before.get_rotation())
    pixels = [
        np.asarray(page.render(scale=1).to_pil().convert("L"), dtype=np.int16) for page in (before, after)
    ]
    changed = np.abs(pixels[0] - pixels[1]) > 64
    assert 0 < changed.mean() < 0.01  # only the box over the value differs
