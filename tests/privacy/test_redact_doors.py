"""The Redact tool through each door: the command line, the page (upload, review, download) and the API.
Each redaction is audited with counts per type and never the values; the review is deleted once used."""

import io
import json
from collections import Counter

import pytest
from click.testing import CliRunner
from django.test import Client

from aiplus.cli import main
from aiplus.core.models import AuditEvent
from aiplus.core.services import api_token_create
from tests.privacy.files import EMAIL, HKID, NAME, PHONE, REFERENCE, pdf_text, text_pdf, word_file

pytestmark = pytest.mark.django_db


def _audits():
    return list(AuditEvent.objects.filter(action="privacy.redact").order_by("pk"))


def test_cli_json_gives_offsets_into_the_text_and_the_redacted_text(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(f"Dear {NAME},\nyour HKID {HKID} and phone {PHONE} are on file.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", str(letter), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    text = letter.read_text(encoding="utf-8")
    found = [(s["type"], text[s["start"] : s["end"]]) for s in report["spans"]]
    assert [s["text"] for s in report["spans"]] == [value for _, value in found]
    assert {("HKID", HKID), ("PHONE", PHONE)} <= set(found)
    assert (
        HKID not in report["redacted"]
        and PHONE not in report["redacted"]
        and "are on file" in report["redacted"]
    )
    assert len(report["redacted"]) == len(text)
    [audit] = _audits()
    assert audit.target == "letter.txt" and audit.channel == "cli"
    assert audit.detail == {"feature": "redact", "counts": dict(Counter(kind for kind, _ in found))}
    assert HKID not in json.dumps(audit.detail)


def test_cli_writes_the_redacted_file_in_the_input_format(tmp_path):
    import docx

    pdf_out, docx_out = tmp_path / "out.pdf", tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["redact", str(text_pdf(tmp_path / "a.pdf")), "-o", str(pdf_out)])
    assert result.exit_code == 0, result.output
    assert HKID not in pdf_text(pdf_out.read_bytes()) and "Applicant" in pdf_text(pdf_out.read_bytes())
    result = CliRunner().invoke(main, ["redact", str(word_file(tmp_path / "b.docx")), "-o", str(docx_out)])
    assert result.exit_code == 0, result.output
    assert EMAIL not in docx.Document(docx_out).tables[0].cell(0, 1).text


def test_cli_refuses_bad_input_with_a_message_and_a_failing_exit_code(tmp_path, settings):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    for path, words in ((fake, "not really a PDF"), (sheet, "Redact takes PDF")):
        result = CliRunner().invoke(main, ["redact", str(path)])
        assert result.exit_code != 0 and words in result.output
    settings.AIPLUS_MAX_UPLOAD_BYTES = 100
    result = CliRunner().invoke(main, ["redact", str(text_pdf(tmp_path / "big.pdf"))])
    assert result.exit_code != 0 and "larger than the limit" in result.output
    assert not _audits()


def _upload(client, path, **extra):
    with path.open("rb") as stream:
        return client.post("/privacy/redact/", {"file": stream}, **extra)


def _work(review_url: str) -> None:
    """What a worker does: run the review's queued step (reading, or writing the file)."""
    from aiplus.privacy.models import RedactJob
    from aiplus.privacy.redact.jobs import redact_job_process

    token = review_url.rstrip("/").rsplit("/", 1)[-1]
    assert redact_job_process(job_id=RedactJob.objects.get(token=token).pk) == "ready"


def test_the_page_reviews_and_downloads_and_keeps_nothing(tmp_path, amy, bob, settings):
    from aiplus.privacy.redact.services import review_get

    client = Client()
    client.force_login(amy)
    response = _upload(client, text_pdf(tmp_path / "application.pdf"))
    assert response.status_code == 302
    review_url = response["Location"]
    reading = client.get(review_url).content.decode()
    assert "data-pending" in reading and 'value="cancel"' in reading and 'name="accept"' not in reading
    _work(review_url)
    review = review_get(actor=amy, token=review_url.rstrip("/").rsplit("/", 1)[-1])
    page = client.get(review_url).content.decode()
    assert page.count('class="pii pii-') == len(review.spans) and 'name="accept"' in page
    assert {"HKID", "PHONE", "EMAIL"} <= {s["type"] for s in review.spans}
    assert len(list((settings.AIPLUS_HOME / "redact").iterdir())) == 1

    # Bob cannot see Amy's review.
    other = Client()
    other.force_login(bob)
    assert other.get(review_url).status_code == 404

    # Amy keeps the phone numbers, adds the case reference by selection, and downloads.
    keep = [str(s["id"]) for s in review.spans if s["type"] != "PHONE"]
    start = review.text.index(REFERENCE)
    selection = {"action": "add", "type": "OTHER", "start": start, "end": start + len(REFERENCE)}
    response = client.post(review_url, {"accept": keep, **selection})
    assert response.status_code == 200 and "pii pii-OTHER" in response.content.decode()
    spans = review_get(actor=amy, token=review.token).spans
    keep.append(str(next(s["id"] for s in spans if s["source"] == "added")))
    response = client.post(review_url, {"accept": keep, "action": "download"})
    assert (
        response.status_code == 302 and "Writing the redacted file" in client.get(review_url).content.decode()
    )
    _work(review_url)
    page = client.get(review_url).content.decode()
    assert "The redacted file is ready." in page
    response = client.get(review_url + "file")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "application-redacted.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert REFERENCE not in text and HKID not in text and EMAIL not in text
    assert PHONE in text
    assert not list((settings.AIPLUS_HOME / "redact").iterdir())
    assert client.get(review_url).status_code == 404
    [audit] = _audits()
    expected = Counter(s["type"] for s in spans if str(s["id"]) in keep)
    assert audit.actor == amy and audit.detail["counts"] == dict(expected) and expected["OTHER"] == 1


def test_the_page_adds_typed_text_and_explains_errors_in_chinese(tmp_path, amy):
    client = Client(headers={"Accept-Language": "zh-hant"})
    client.force_login(amy)
    response = _upload(client, word_file(tmp_path / "case.docx"))
    review_url = response["Location"]
    _work(review_url)
    response = client.post(review_url, {"action": "add_text", "type": "PERSON", "text": "no such words"})
    assert response.status_code == 400 and "文件" in response.content.decode()
    response = client.post(review_url, {"action": "add_text", "type": "PERSON", "text": "harbour licence"})
    assert response.status_code == 200 and response.content.decode().count("pii pii-PERSON") == 1

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    response = _upload(client, broken)
    assert response.status_code == 422 and "損" in response.content.decode()


def test_a_review_is_swept_after_the_keeping_time(tmp_path, amy, settings):
    import time

    from aiplus.privacy.redact.services import reviews_sweep

    client = Client()
    client.force_login(amy)
    review_url = _upload(client, word_file(tmp_path / "case.docx"))["Location"]
    _work(review_url)
    assert reviews_sweep() == 0
    assert reviews_sweep(now=time.time() + settings.AIPLUS_REDACT_KEEP_MINUTES * 60 + 5) == 1
    assert client.get(review_url).status_code == 404


def test_the_api_detects_and_redacts_chosen_spans(tmp_path, amy):
    _, key = api_token_create(user=amy, name="test")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    path = word_file(tmp_path / "case.docx")
    with path.open("rb") as stream:
        found = client.post("/api/v1/redact", {"file": stream})
    assert found.status_code == 200, found.content
    spans = found.json()["spans"]
    assert {"HKID", "EMAIL"} <= {s["type"] for s in spans}
    chosen = [s for s in spans if s["type"] == "EMAIL"]
    with path.open("rb") as stream:
        response = client.post("/api/v1/redact/file", {"file": stream, "spans": json.dumps(chosen)})
    assert response.status_code == 200
    import docx

    document = docx.Document(io.BytesIO(response.content))
    assert EMAIL not in document.tables[0].cell(0, 1).text and HKID in document.paragraphs[0].text
    with path.open("rb") as stream:
        bad = client.post("/api/v1/redact/file", {"file": stream, "spans": '[{"type": "HKID", "start": -1}]'})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "redact.selection"
    assert len(_audits()) == 2
