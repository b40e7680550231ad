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


def _reads(client, document) -> dict[str, int]:
    """The status of every endpoint a reader uses to reach a collection's content."""
    return {
        "collection": client.get(f"/api/v1/collections/{document.collection.slug}").status_code,
        "documents": client.get(f"/api/v1/collections/{document.collection.slug}/documents").status_code,
        "document": client.get(f"/api/v1/documents/{document.pk}").status_code,
        "file": client.get(f"/api/v1/documents/{document.pk}/file").status_code,
    }


def _search_sources(client, query, **params) -> list[str]:
    response = client.get("/api/v1/search", {"q": query, **params})
    return [hit["source_id"] for hit in response.json()] if response.status_code == 200 else []


def test_sharing_with_a_department_through_the_api_and_taking_it_back(pier_notes, betty, amy, tom):
    """Betty shares hpd's notes with dsd: Amy (dsd) can search and download them, Tom (trd) cannot; once
    dsd is taken off the list, Amy cannot any more."""
    owner, member, outsider = _client_for(betty), _client_for(amy), _client_for(tom)
    secret = Document.objects.get(collection=pier_notes)
    assert set(_reads(member, secret).values()) == {404}

    response = owner.patch(
        "/api/v1/collections/pier-notes",
        {"visibility": "shared", "shared_with": ["dsd"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["visibility"] == "shared" and response.json()["shared_with"] == ["dsd"]

    assert set(_reads(member, secret).values()) == {200}
    assert _search_sources(member, "pier relocation budget") == ["pier.txt"]
    download = member.get(f"/api/v1/documents/{secret.pk}/file")
    assert b"HK$38 million" in b"".join(download.streaming_content)
    assert set(_reads(outsider, secret).values()) == {404}
    assert _search_sources(outsider, "pier relocation budget") == []

    response = owner.patch(
        "/api/v1/collections/pier-notes", {"shared_with": []}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["shared_with"] == []

    assert set(_reads(member, secret).values()) == {404}
    assert _search_sources(member, "pier relocation budget") == []
    assert _search_sources(member, "pier", collection="pier-notes") == []


def test_changing_sharing_is_for_the_owning_departments_managers(pier_notes, betty, bob, amy):
    body = {"visibility": "public"}
    response = _client_for(bob).patch("/api/v1/collections/pier-notes", body, content_type="application/json")
    assert response.status_code == 403  # bob (hpd member) reads the notes, but may not share them
    response = _client_for(amy).patch("/api/v1/collections/pier-notes", body, content_type="application/json")
    assert response.status_code == 404  # amy (dsd) cannot see them at all
    pier_notes.refresh_from_db()
    assert pier_notes.visibility == "private"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"visibility": "shared", "shared_with": ["dsd", "nosuch"]},
            400,
            "no department with the code nosuch",
        ),
        ({"visibility": "everyone"}, 400, "not valid"),
        ({"name": "Renamed"}, 422, "The field name is not accepted here."),
    ],
)
def test_a_bad_sharing_change_is_refused_with_its_reason_and_changes_nothing(
    pier_notes, betty, dsd, body, status, message
):
    response = _client_for(betty).patch(
        "/api/v1/collections/pier-notes", body, content_type="application/json"
    )
    assert response.status_code == status
    assert message in response.json()["error"]["message"]
    pier_notes.refresh_from_db()
    assert pier_notes.name == "Pier notes" and pier_notes.visibility == "private"
    assert not pier_notes.shared_with.exists()


def test_deleting_a_document_through_the_api(guidance, alice, amy, django_capture_on_commit_callbacks):
    owner, member = _client_for(alice), _client_for(amy)
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    assert _search_sources(member, "renewal fee", collection="guidance")[0] == "dog-en.txt"

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.delete(f"/api/v1/documents/{document.pk}")
    assert response.status_code == 204

    assert _reads(member, document) == {"collection": 200, "documents": 200, "document": 404, "file": 404}
    assert "dog-en.txt" not in _search_sources(member, "renewal fee", collection="guidance")
    remaining = {d["source_id"] for d in member.get("/api/v1/collections/guidance/documents").json()}
    assert remaining == {"dog-zh.txt", "hawker-zh.txt"}
    assert owner.delete(f"/api/v1/documents/{document.pk}").status_code == 404  # already gone


def test_deleting_another_departments_document_is_not_found(guidance, pier_notes, betty, amy):
    """Betty (hpd owner) can read dsd's public guidance, yet deleting in it answers 404, the same as for a
    document that does not exist; Amy (dsd member) may read but not delete."""
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    response = _client_for(betty).delete(f"/api/v1/documents/{document.pk}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert _client_for(betty).delete("/api/v1/documents/999999").json() == response.json()
    secret = Document.objects.get(collection=pier_notes)
    assert _client_for(amy).delete(f"/api/v1/documents/{secret.pk}").status_code == 404
    assert _client_for(amy).delete(f"/api/v1/documents/{document.pk}").status_code == 403
    assert Document.objects.filter(pk__in=[document.pk, secret.pk]).count() == 2


def test_creating_a_collection_shared_with_an_unknown_department_is_refused(alice, hpd):
    """A mistyped code is an error, not a collection quietly shared with fewer departments than asked."""
    body = {"slug": "forms", "name": "Forms", "visibility": "shared", "shared_with": ["hpd", "hdp"]}
    response = _client_for(alice).post("/api/v1/collections", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "There is no department with the code hdp. Known codes: dsd, hpd."
    )
    assert _client_for(alice).get("/api/v1/collections/forms").status_code == 404
    body["shared_with"] = ["HPD"]
    response = _client_for(alice).post("/api/v1/collections", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["shared_with"] == ["hpd"]


def test_an_uploaded_html_file_is_downloaded_as_a_sandboxed_attachment(alice):
    client = _client_for(alice)
    client.post("/api/v1/collections", {"slug": "pages", "name": "Pages"}, content_type="application/json")
    page = b"<html><body><h1>Notice</h1><script>alert(document.cookie)</script><p>Opening hours.</p></body></html>"
    uploaded = client.post(
        "/api/v1/collections/pages/documents", {"files": [SimpleUploadedFile("notice.html", page)]}
    )
    document_id = uploaded.json()[0]["document"]["id"]
    response = client.get(f"/api/v1/documents/{document_id}/file")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
