"""The FAQ endpoints: import a file, list and save entries, and ask through /ask with the FAQ contract."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.core.services import api_token_create
from tests.faq.conftest import FAQ_CSV, make_collection


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


def test_import_list_edit_and_ask_through_the_api(alice, amy):
    make_collection(alice, "api-faq", "faq")
    client = _client_for(alice)
    upload = SimpleUploadedFile("faq.csv", FAQ_CSV.encode("utf-8"), content_type="text/csv")
    response = client.post("/api/v1/collections/api-faq/faq/import", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 6 and response.json()["problems"] == []

    entries = _client_for(amy).get("/api/v1/collections/api-faq/faq").json()
    assert {(e["entry_id"], e["language"]) for e in entries} >= {
        ("dog-licence", "en"),
        ("dog-licence", "zh-Hant"),
    }

    saved = client.post(
        "/api/v1/collections/api-faq/faq",
        {
            "entry_id": "refuse",
            "language": "zh-Hant",
            "question": "垃圾幾時收集？",
            "answer": "各區垃圾收集站每日收集垃圾。",
        },
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["language"] == "zh-Hant"

    answer = _client_for(amy).post(
        "/api/v1/ask",
        {"question": "垃圾係咪每日都收？", "collection": "api-faq"},
        content_type="application/json",
    )
    body = answer.json()
    assert answer.status_code == 200 and body["engine"] == "faq"
    assert body["answered"] is True and body["citations"][0]["source_id"] == "refuse"
    assert "每日" in body["answer"]


def test_bad_rows_come_back_numbered_in_the_askers_language(alice):
    make_collection(alice, "api-bad", "faq")
    bad = "id,question,answer,language\nx,What?,This.,klingon\n"
    response = _client_for(alice, "zh-hant").post(
        "/api/v1/collections/api-bad/faq/import",
        {"file": SimpleUploadedFile("faq.csv", bad.encode("utf-8"))},
    )
    assert response.status_code == 200
    problem = response.json()["problems"][0]
    assert problem["row"] == 2 and problem["field"] == "faq.language" and "zh-Hant" in problem["message"]
    assert "請填" in problem["message"]


def test_a_file_missing_columns_is_refused_with_a_clear_error(alice):
    make_collection(alice, "api-cols", "faq")
    response = _client_for(alice).post(
        "/api/v1/collections/api-cols/faq/import",
        {"file": SimpleUploadedFile("faq.csv", b"id,question\n1,x\n")},
    )
    assert response.status_code == 400
    assert "missing: answer, language" in response.json()["error"]["message"]


def test_members_cannot_import_and_other_departments_cannot_see_a_private_faq(alice, amy, bob):
    make_collection(alice, "private-faq", "faq", visibility="private")
    upload = SimpleUploadedFile("faq.csv", FAQ_CSV.encode("utf-8"))
    assert (
        _client_for(amy).post("/api/v1/collections/private-faq/faq/import", {"file": upload}).status_code
        == 403
    )
    assert _client_for(bob).get("/api/v1/collections/private-faq/faq").status_code == 404
