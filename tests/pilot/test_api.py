"""The document assistant through its REST API: jobs on pasted text, an uploaded file or a collection's
document, kept per user; progress, cancel, DOCX and Markdown downloads, saving into a collection; bad input."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.core.services import api_token_create
from aiplus.documents.models import Document
from aiplus.pilot.jobs import job_process
from aiplus.pilot.models import Job
from tests.conftest import add_text
from tests.pilot.conftest import NOTICE_EN

pytestmark = pytest.mark.django_db


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


def _run(api, payload: dict) -> dict:
    created = api.post("/api/v1/pilot/jobs", payload, content_type="application/json")
    assert created.status_code == 202, created.content
    assert created.json()["status"] == "queued"
    job_process(job_id=created.json()["id"])
    return api.get(f"/api/v1/pilot/jobs/{created.json()['id']}").json()


def test_summarise_pasted_text_download_it_and_keep_it_in_the_history(amy, bob):
    api = _client_for(amy)
    job = _run(api, {"task": "summarise", "text": NOTICE_EN, "options": {"length": "brief"}})
    assert job["status"] == "ready" and job["progress_done"] == job["progress_total"]
    assert job["result"]["engine"] == "extractive" and job["result"]["sentences"]
    assert job["result"]["sentences"][0]["cites"][0]["paragraph"] == 2

    docx = api.get(f"/api/v1/pilot/jobs/{job['id']}/result.docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert 'w:pStyle w:val="Title"' in xml and "Lantau ferry" in xml
    assert xml.count('w:eastAsia="Microsoft JhengHei"') >= 3, "the East Asian font is set on the runs"
    markdown = api.get(f"/api/v1/pilot/jobs/{job['id']}/result.md").content.decode()
    assert markdown.startswith("# Summarise: Pasted text") and "[p. 1 ¶ 2]" in markdown

    assert [j["id"] for j in api.get("/api/v1/pilot/jobs").json()] == [job["id"]]
    other = _client_for(bob)
    assert other.get("/api/v1/pilot/jobs").json() == []
    assert other.get(f"/api/v1/pilot/jobs/{job['id']}").status_code == 404
    assert other.get(f"/api/v1/pilot/jobs/{job['id']}/result.docx").status_code == 404


def test_translate_an_uploaded_file(amy):
    upload = SimpleUploadedFile("notice.txt", "软件更新通知\n\n网络服务将于明日恢复。".encode())
    created = _client_for(amy).post(
        "/api/v1/pilot/jobs/upload", {"file": upload, "task": "translate", "target": "zh-Hant"}
    )
    assert created.status_code == 202, created.content
    job_process(job_id=created.json()["id"])
    job = Job.objects.get(pk=created.json()["id"])
    assert job.result["text"] == "軟件更新通知\n\n網絡服務將於明日恢復。"
    assert job.source_label == "notice.txt" and job.source_kind == "upload"
    docx = _client_for(amy).get(f"/api/v1/pilot/jobs/{job.pk}/result.docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "網絡服務將於明日恢復。" in xml and 'w:eastAsia="Microsoft JhengHei"' in xml


def test_a_collections_document_only_for_those_who_may_read_it(alice, amy, bob, pier_notes, betty):
    from aiplus.documents.services import collection_create

    guidance = collection_create(
        actor=alice, slug="notices", name="Notices", department=alice.department, visibility="private"
    )
    document = add_text(guidance, alice, "ferry.txt", NOTICE_EN).document
    job = _run(_client_for(amy), {"task": "summarise", "document_id": document.pk})
    assert job["status"] == "ready" and job["source_document_id"] == document.pk
    refused = _client_for(bob).post(
        "/api/v1/pilot/jobs",
        {"task": "summarise", "document_id": document.pk},
        content_type="application/json",
    )
    assert refused.status_code == 404 and not Job.objects.filter(owner=bob).exists()

    saved = _client_for(alice).post(
        f"/api/v1/pilot/jobs/{_run(_client_for(alice), {'task': 'summarise', 'text': NOTICE_EN})['id']}/save",
        {"collection": "notices", "format": "docx"},
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["outcome"] == "queued", saved.content
    assert Document.objects.get(pk=saved.json()["document_id"]).collection == guidance
    into_other = _client_for(alice).post(
        f"/api/v1/pilot/jobs/{Job.objects.filter(owner=alice).first().pk}/save",
        {"collection": "pier-notes"},
        content_type="application/json",
    )
    assert into_other.status_code in {403, 404}


def test_cancel_stops_a_queued_job_and_the_worker_leaves_it(amy):
    api = _client_for(amy)
    created = api.post(
        "/api/v1/pilot/jobs", {"task": "summarise", "text": NOTICE_EN}, content_type="application/json"
    )
    cancelled = api.post(f"/api/v1/pilot/jobs/{created.json()['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert job_process(job_id=created.json()["id"]) == "skipped"
    assert Job.objects.get(pk=created.json()["id"]).result is None
    assert api.get(f"/api/v1/pilot/jobs/{created.json()['id']}/result.md").status_code == 409


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"task": "summarise", "text": "a\ud800b"}, 400, "invalid_field"),
        ({"task": "summarise", "text": "   "}, 400, "invalid_field"),
        ({"task": "summarise", "text": "x", "document_id": 1}, 400, "invalid"),
        ({"task": "shred", "text": "x"}, 422, "wrong_type"),
        ({"task": "summarise", "text": "x", "options": {"length": "epic"}}, 422, "wrong_type"),
        ({"task": "summarise", "text": "x", "nonsense": 1}, 422, "unknown_field"),
        ({"task": "draft", "text": "x", "options": {"template_id": 99999}}, 404, "not_found"),
    ],
)
def test_bad_requests_get_a_clear_error_and_nothing_is_kept(amy, payload, status, code):
    response = _client_for(amy).post("/api/v1/pilot/jobs", payload, content_type="application/json")
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code
    assert not Job.objects.exists()


def test_a_damaged_file_and_a_missing_model_are_explained_in_chinese(amy):
    api = _client_for(amy, "zh-hant")
    broken = api.post(
        "/api/v1/pilot/jobs/upload",
        {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.7 broken"), "task": "summarise"},
    )
    assert broken.status_code == 422 and broken.json()["error"]["code"] == "corrupt_file"
    assert "損壞" in broken.json()["error"]["message"]
    refused = api.post(
        "/api/v1/pilot/jobs",
        {"task": "translate", "text": NOTICE_EN, "options": {"target": "zh-Hant"}},
        content_type="application/json",
    )
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "model_needed"
    assert "語言模型" in refused.json()["error"]["message"]
    assert not Job.objects.exists()
