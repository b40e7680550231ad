"""A long file's redaction runs in the background: reading it and writing the redacted copy each count pages
as progress and can be cancelled, from the page and the API; nobody else can follow or fetch it."""

import pytest
from django.test import Client

from aiplus.core.models import AuditEvent
from aiplus.core.services import api_token_create
from aiplus.privacy.models import RedactJob
from aiplus.privacy.redact import jobs
from aiplus.privacy.redact import services as redact_services
from tests.privacy.files import EMAIL, HKID, PHONE, pdf_text, text_pdf

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def _work(token: str) -> str:
    return jobs.redact_job_process(job_id=RedactJob.objects.get(token=token).pk)


def test_through_the_api_reading_and_writing_report_pages_and_the_file_comes_once(tmp_path, amy, bob):
    api = _api(amy)
    with text_pdf(tmp_path / "application.pdf").open("rb") as stream:
        created = api.post("/api/v1/redact/reviews", {"file": stream})
    assert created.status_code == 202, created.content
    token = created.json()["token"]
    assert created.json()["status"] == "queued" and created.json()["findings"] is None

    assert _work(token) == "ready"
    read = api.get(f"/api/v1/redact/reviews/{token}").json()
    assert read["status"] == "ready" and read["progress_done"] == read["progress_total"] == 2  # two pages
    kept = [f["id"] for f in read["findings"] if f["type"] != "PHONE"]
    assert {"HKID", "EMAIL", "PHONE"} <= {f["type"] for f in read["findings"]}

    assert _api(bob).get(f"/api/v1/redact/reviews/{token}").status_code == 404
    assert api.get(f"/api/v1/redact/reviews/{token}/file").status_code == 409, "not written yet"

    writing = api.post(
        f"/api/v1/redact/reviews/{token}/write", {"accepted": kept}, content_type="application/json"
    )
    assert writing.status_code == 202 and writing.json()["step"] == "write"
    assert _work(token) == "ready"
    assert _api(bob).get(f"/api/v1/redact/reviews/{token}/file").status_code == 404
    redacted = api.get(f"/api/v1/redact/reviews/{token}/file")
    assert redacted.status_code == 200 and redacted["Content-Type"] == "application/pdf"
    text = pdf_text(redacted.content)
    assert HKID not in text and EMAIL not in text and PHONE in text
    assert api.get(f"/api/v1/redact/reviews/{token}/file").status_code == 404, "the review went with it"
    [audit] = AuditEvent.objects.filter(action="privacy.redact")
    assert audit.channel == "api" and "PHONE" not in audit.detail["counts"] and audit.detail["counts"]["HKID"]


def test_reading_cancelled_half_way_stops_at_the_next_page_and_keeps_nothing(tmp_path, amy, monkeypatch):
    client = Client()
    client.force_login(amy)
    with text_pdf(tmp_path / "application.pdf").open("rb") as stream:
        review_url = client.post("/privacy/redact/", {"file": stream})["Location"]
    token = review_url.rstrip("/").rsplit("/", 1)[-1]
    real_read = redact_services.read_document
    pages_seen = []

    def read_and_cancel_after_the_first_page(path, filename, progress=None):
        def watched(done, total):
            pages_seen.append(done)
            if done == 1:  # the officer presses Cancel while page 2 is being read
                assert client.post(review_url, {"action": "cancel"}).status_code == 302
            progress(done, total)

        return real_read(path, filename, watched)

    monkeypatch.setattr(redact_services, "read_document", read_and_cancel_after_the_first_page)
    assert _work(token) == "cancelled"
    assert pages_seen == [0, 1], "it stopped before reading page 2"
    page = client.get(review_url).content.decode()
    assert "Cancelled" in page and "data-pending" not in page and 'name="accept"' not in page
    assert not (tmp_path / "home" / "redact" / token / "review.json").exists()


def test_writing_cancelled_goes_back_to_the_review(tmp_path, amy):
    client = Client()
    client.force_login(amy)
    with text_pdf(tmp_path / "application.pdf").open("rb") as stream:
        review_url = client.post("/privacy/redact/", {"file": stream})["Location"]
    token = review_url.rstrip("/").rsplit("/", 1)[-1]
    _work(token)
    client.post(review_url, {"action": "download", "accept": ["1"]})
    status = client.get(review_url + "status/").content.decode()
    assert "data-pending" in status and "Writing the redacted file" in status
    client.post(review_url, {"action": "cancel"})
    assert _work(token) == "skipped"
    page = client.get(review_url).content.decode()
    assert 'name="accept"' in page and "The redacted file is ready." not in page
    assert client.get(review_url + "file").status_code == 409


def test_a_damaged_pdf_is_refused_at_once_in_the_users_language(tmp_path, amy):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    api = _api(amy)
    with broken.open("rb") as stream:
        refused = api.post("/api/v1/redact/reviews", {"file": stream}, headers={"Accept-Language": "zh-hant"})
    assert refused.status_code == 422 and "損" in refused.json()["error"]["message"]
    assert not RedactJob.objects.exists()
