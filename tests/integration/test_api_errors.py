"""Every API error is JSON with a code, the field at fault and a message in the asker's language."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.core.services import api_token_create
from aiplus.documents.models import Document
from aiplus.meetings.models import Meeting
from tests.meetings.test_services import VTT


def _client_for(user, **headers) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", **headers})


def test_an_unknown_api_path_is_a_json_404_in_the_askers_language(amy):
    response = _client_for(amy, **{"Accept-Language": "zh-hant"}).get("/api/v1/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"
    assert "找不到" in response.json()["error"]["message"]


def test_a_method_an_endpoint_does_not_take_is_a_json_405(amy):
    response = _client_for(amy).put("/api/v1/collections", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "PUT" in response.json()["error"]["message"]
    assert "GET" in response["Allow"]


def test_a_request_declared_over_the_limit_is_refused_unread(alice, guidance, settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    response = _client_for(alice).post(
        "/api/v1/collections/guidance/documents",
        b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(6 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert "5 MB" in response.json()["error"]["message"]


def test_an_uploaded_file_over_the_limit_is_too_large_not_missing(alice, guidance, settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    before = Document.objects.count()
    big = SimpleUploadedFile("big.txt", b"y" * (1024 * 1024 + 10))
    response = _client_for(alice, **{"Accept-Language": "zh-hant"}).post(
        "/api/v1/collections/guidance/documents", {"files": [big]}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert "1 MB" in response.json()["error"]["message"]
    assert Document.objects.count() == before


def test_a_json_body_over_the_form_limit_is_413(amy, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _client_for(amy).post(
        "/api/v1/ask", {"question": "dog licence " * 200}, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_a_body_that_is_not_json_is_400_and_says_so(amy):
    response = _client_for(amy).post("/api/v1/ask", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unreadable_body"


def test_a_missing_field_is_named(amy):
    response = _client_for(amy, **{"Accept-Language": "zh-hant"}).post(
        "/api/v1/ask", {}, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "missing_field" and error["field"] == "question"
    assert "question" in error["message"] and "必須" in error["message"]


def test_too_many_calls_by_one_user_get_a_json_429_with_retry_after(amy, settings):
    settings.AIPLUS_API_RATE_PER_USER = "3/min"
    client = _client_for(amy, **{"Accept-Language": "zh-hant"})
    statuses = [client.get("/api/v1/collections").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/collections")
    assert refused.json()["error"]["code"] == "rate_limited"
    assert "請求過多" in refused.json()["error"]["message"]
    assert int(refused["Retry-After"]) >= 1


def test_token_guessing_from_one_address_is_rate_limited(db, settings):
    settings.AIPLUS_API_RATE_PER_ADDRESS = "3/min"
    guesses = [
        Client(headers={"Authorization": f"Bearer aip_guess{n}"}).get("/api/v1/collections").status_code
        for n in range(4)
    ]
    assert guesses == [401, 401, 401, 429]


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(db, settings):
    settings.AIPLUS_API_RATE_PER_ADDRESS = "2/min"
    statuses = [
        Client(headers={"X-Forwarded-For": f"10.0.0.{n}"}).get("/api/v1/collections").status_code
        for n in range(3)
    ]
    assert statuses == [401, 401, 429]


def test_editing_a_meeting_still_being_processed_says_so(amy):
    client = _client_for(amy)
    created = client.post("/api/v1/meetings", {"file": SimpleUploadedFile("meeting.vtt", VTT.encode())})
    meeting_id = created.json()["id"]
    edited = client.post(
        f"/api/v1/meetings/{meeting_id}/transcript",
        {"edit": "rename", "names": {"Speaker 1": "Chair"}},
        content_type="application/json",
    )
    assert edited.status_code == 409
    assert edited.json()["error"]["code"] == "still_processing"
    assert "still being processed" in edited.json()["error"]["message"]
    segments = Meeting.objects.get(pk=meeting_id).transcript["segments"]
    assert segments and "Chair" not in {segment["speaker"] for segment in segments}


def test_a_search_over_its_time_limit_stops_with_a_clear_error(guidance, amy, settings):
    settings.AIPLUS_SEARCH_TIME_LIMIT_SECONDS = 0
    response = _client_for(amy, **{"Accept-Language": "zh-hant"}).get("/api/v1/search", {"q": "dog licence"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "timed_out"
    assert "0 秒" in response.json()["error"]["message"]


def test_an_answer_over_its_time_limit_stops_with_a_clear_error(guidance, amy, settings):
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 0
    response = _client_for(amy).post(
        "/api/v1/ask",
        {"question": "How much is the dog licence renewal fee?"},
        content_type="application/json",
    )
    assert response.status_code == 503
    assert "longer than the limit of 0 seconds" in response.json()["error"]["message"]


def test_within_the_limits_a_long_question_is_answered(guidance, amy, settings):
    question = "How much is the dog licence renewal fee? " + "Please tell me about licences. " * 30
    assert len(question) <= settings.AIPLUS_MAX_QUESTION_CHARS
    response = _client_for(amy).post("/api/v1/ask", {"question": question}, content_type="application/json")
    assert response.status_code == 200 and response.json()["answer"]
