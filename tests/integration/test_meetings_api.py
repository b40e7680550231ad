"""Meetings through the REST API with a token, and through a real Celery worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.core.services import api_token_create
from aiplus.meetings.models import Meeting, MeetingStatus
from aiplus.meetings.services import meeting_process
from tests.meetings.test_services import VTT
from tests.support.worker import start_worker, wait_until


def _client_for(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def _upload(client, content: bytes = VTT.encode(), filename: str = "meeting.vtt"):
    return client.post(
        "/api/v1/meetings",
        {
            "file": SimpleUploadedFile(filename, content),
            "title": "Counter arrangements",
            "meeting_date": "2027-01-18",
        },
    )


def test_upload_edit_write_again_and_download_through_the_api(amy, bob):
    api = _client_for(amy)
    created = _upload(api)
    assert created.status_code == 202, created.content
    meeting_id = created.json()["id"]
    assert created.json()["status"] == "queued"
    meeting_process(meeting_id=meeting_id)

    meeting = api.get(f"/api/v1/meetings/{meeting_id}").json()
    assert meeting["status"] == "ready"
    assert meeting["minutes"]["actions"] and meeting["minutes"]["summary"]

    edited = api.post(
        f"/api/v1/meetings/{meeting_id}/transcript",
        {"edit": "rename", "names": {"Speaker 1": "Chair"}},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["minutes_out_of_date"]
    assert edited.json()["transcript"]["segments"][0]["speaker"] == "Chair"

    again = api.post(
        f"/api/v1/meetings/{meeting_id}/minutes", {"language": "zh-Hant"}, content_type="application/json"
    )
    assert again.status_code == 202 and again.json()["status"] == "queued"
    meeting_process(meeting_id=meeting_id)
    markdown = api.get(f"/api/v1/meetings/{meeting_id}/minutes.md")
    assert markdown.status_code == 200 and "跟進" in markdown.content.decode()

    other = _client_for(bob)
    assert other.get("/api/v1/meetings").json() == []
    assert other.get(f"/api/v1/meetings/{meeting_id}").status_code == 404
    assert other.get(f"/api/v1/meetings/{meeting_id}/minutes.json").status_code == 404
    assert other.delete(f"/api/v1/meetings/{meeting_id}").status_code == 404


def test_bad_input_gets_a_clear_error_in_the_users_language(amy):
    api = _client_for(amy)
    broken = _upload(api, b"\x00\x01\x02\xff\xfe\x00garbage", "notes.txt")
    assert broken.status_code == 422
    assert broken.json()["error"]["code"] in {"bad_transcript", "empty_file"}
    audio = api.post(
        "/api/v1/meetings",
        {"file": SimpleUploadedFile("meeting.mp3", b"ID3" + b"\x00" * 64)},
        headers={"Accept-Language": "zh-hant"},
    )
    assert audio.status_code == 503
    assert audio.json()["error"]["code"] == "speech_not_configured"
    assert "語音" in audio.json()["error"]["message"]
    malformed = api.post(
        "/api/v1/meetings/1/transcript", {"edit": "shuffle"}, content_type="application/json"
    )
    assert malformed.status_code in {404, 422}
    assert not Meeting.objects.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_minutes(amy, settings):
    meeting_id = _upload(_client_for(amy)).json()["id"]
    worker = start_worker(settings)
    try:
        wait_until(
            lambda: Meeting.objects.get(pk=meeting_id).status == MeetingStatus.READY,
            timeout=120,
            what="the worker to write the minutes",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    meeting = Meeting.objects.get(pk=meeting_id)
    assert meeting.minutes["actions"] and meeting.claimed_by == ""
