"""Redacting a Word file blacks out each value in the runs that hold it, wherever it is (split over runs, in
a table, a header or a footer), keeps the formatting and the rest of the text, and empties the author."""

import io
import zipfile

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.privacy.detect import Span
from aiplus.privacy.redact import read_document, redact_document
from tests.privacy.files import EMAIL, HKID, KEPT_EN, NAME, PHONE, word_file


def _all_text(document) -> str:
    section = document.sections[0]
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def test_values_are_replaced_in_runs_tables_headers_and_footers(tmp_path):
    import docx

    path = word_file(tmp_path / "case.docx")
    extracted = read_document(path, path.name)
    assert HKID in extracted.text and EMAIL in extracted.text
    redaction = redact_document(path, path.name, extracted=extracted)
    document = docx.Document(io.BytesIO(redaction.data))
    text = _all_text(document)
    for value in (HKID, EMAIL, PHONE):
        assert value not in text
    assert KEPT_EN in text and "Applicant mobile" in text and "E-mail" in text
    assert "█" * len(HKID) in document.paragraphs[0].text
    # The run that was bold is still bold, and now holds only blacked-out characters.
    runs = document.paragraphs[0].runs
    assert [run.bold for run in runs] == [None, None, True, None]
    assert runs[2].text == "████"
    assert document.core_properties.author == ""
    assert HKID not in document.core_properties.title

    # The picture of the first page Word may save with the file is gone (python-docx's template has one).
    def thumbnails(archive):
        return [name for name in zipfile.ZipFile(archive).namelist() if "thumbnail" in name]

    assert thumbnails(path) and not thumbnails(io.BytesIO(redaction.data))


def test_a_rejected_value_stays_in_the_header_too(tmp_path):
    import docx

    path = word_file(tmp_path / "case.docx")
    extracted = read_document(path, path.name)
    start = extracted.text.index(HKID)
    chosen = [Span("HKID", start, start + len(HKID), HKID)]
    redaction = redact_document(path, path.name, extracted=extracted, spans=chosen, rejected=[PHONE])
    document = docx.Document(io.BytesIO(redaction.data))
    assert PHONE in document.sections[0].header.paragraphs[0].text
    assert HKID not in document.sections[0].footer.paragraphs[0].text
    assert EMAIL in _all_text(document)  # not chosen, and in the body: kept
    assert NAME not in document.core_properties.author


def test_a_damaged_word_file_is_refused(tmp_path):
    path = tmp_path / "case.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(AiplusError) as error:
        read_document(path, path.name)
    assert error.value.code == ErrorCode.CORRUPT_FILE
