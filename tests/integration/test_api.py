"""The REST API under /api/v1: token auth, the same access rules as the pages, clear errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.core.services import api_token_create
from aiplus.documents.models import Document, Status
from aiplus.documents.services import documents_process_queued
from tests.conftest import DOG_EN


def _client_for(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_openapi_schema_is_published(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/ask" in response.json()["paths"]


def test_requests_without_a_valid_token_are_refused_in_the_users_language(db):
    response = Client().get("/api/v1/collections")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    chinese = Client(headers={"Authorization": "Bearer aip_wrong", "Accept-Language": "zh-hant"})
    assert "權杖" in chinese.get("/api/v1/collections").json()["error"]["message"]


def test_collections_listed_are_only_those_the_user_may_read(guidance, pier_notes, amy, bob):
    assert {c["slug"] for c in _client_for(amy).get("/api/v1/collections").json()} == {"guidance"}
    assert {c["slug"] for c in _client_for(bob).get("/api/v1/collections").json()} == {
        "guidance",
        "pier-notes",
    }


def test_another_departments_private_collection_is_invisible_by_every_endpoint(guidance, pier_notes, amy):
    client = _client_for(amy)
    secret = Document.objects.get(collection=pier_notes)
    assert client.get("/api/v1/collections/pier-notes").status_code == 404
    assert client.get("/api/v1/collections/pier-notes/documents").status_code == 404
    assert client.get(f"/api/v1/documents/{secret.pk}").status_code == 404
    assert client.get(f"/api/v1/documents/{secret.pk}/file").status_code == 404
    assert client.get("/api/v1/search", {"q": "pier relocation budget"}).json() == []
    assert client.get("/api/v1/search", {"q": "pier", "collection": "pier-notes"}).status_code == 404
    answer = client.post(
        "/api/v1/ask", {"question": "What is the pier relocation budget?"}, content_type="application/json"
    )
    assert answer.status_code == 200 and not answer.json()["found"]
    assert "38" not in answer.json()["answer"]


def test_upload_search_ask_and_download(alice, amy):
    client = _client_for(alice)
    created = client.post(
        "/api/v1/collections",
        {"slug": "licences", "name": "Licences", "visibility": "private"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["department"] == "dsd"
    files = [
        SimpleUploadedFile("dog.txt", DOG_EN.encode()),
        SimpleUploadedFile("virus.exe", b"MZ\x90"),
    ]
    response = client.post("/api/v1/collections/licences/documents", {"files": files})
    assert response.status_code == 202
    outcomes = {row["source_id"]: row for row in response.json()}
    assert outcomes["dog.txt"]["outcome"] == "queued"
    assert (
        outcomes["virus.exe"]["outcome"] == "rejected" and "not supported" in outcomes["virus.exe"]["error"]
    )
    documents_process_queued()
    document_id = outcomes["dog.txt"]["document"]["id"]
    assert client.get(f"/api/v1/documents/{document_id}").json()["status"] == Status.READY

    member = _client_for(amy)
    hits = member.get("/api/v1/search", {"q": "renewal fee", "collection": "licences"}).json()
    assert hits[0]["source_id"] == "dog.txt"
    answer = member.post(
        "/api/v1/ask", {"question": "How much is the renewal fee?"}, content_type="application/json"
    ).json()
    assert answer["found"] and answer["citations"][0]["document"] == document_id
    download = member.get(f"/api/v1/documents/{document_id}/file")
    assert download.status_code == 200 and b"".join(download.streaming_content) == DOG_EN.encode()


def test_a_member_cannot_upload(guidance, amy):
    response = _client_for(amy).post(
        "/api/v1/collections/guidance/documents", {"files": [SimpleUploadedFile("a.txt", b"x")]}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/v1/ask", {"collection": "guidance"}),
        ("post", "/api/v1/ask", "not json"),
        ("get", "/api/v1/search", {"k": "many"}),
        ("post", "/api/v1/collections", {"slug": "x"}),
    ],
)
def test_malformed_calls_get_a_clear_error(guidance, amy, method, path, body):
    client = _client_for(amy)
    if method == "post":
        response = client.post(path, body, content_type="application/json")
    else:
        response = client.get(path, body)
    assert response.status_code in {400, 422}
    assert response.json()["error"]["message"]
