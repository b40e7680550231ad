"""Bad input through every door (page, API, CLI) gets a clear 4xx naming the field, in the user's language,
stores nothing, and leaves every page working for everyone."""

import io

import pytest
from click.testing import CliRunner
from django.test import Client
from django.urls import reverse

from aiplus.cli import main
from aiplus.core.services import api_token_create
from aiplus.documents.models import Collection
from aiplus.documents.services import ingest_stream
from aiplus.meetings.models import Meeting
from aiplus.meetings.services import meeting_process
from tests.integration.test_meetings_api import _upload


def _api(user, language: str = "en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


@pytest.mark.parametrize("slug", ["海港公告", "../x", "my docs", "", "x" * 500, "a\ud800"])
def test_a_bad_collection_slug_is_refused_by_the_api_and_the_home_page_still_works(alice, amy, slug):
    response = _api(alice, "zh-hant").post(
        "/api/v1/collections", {"slug": slug, "name": "Notices"}, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_field" and error["field"] == "collection.slug"
    assert error["message"].startswith("文件庫網址簡稱：")
    assert not Collection.objects.exists()
    page = Client()
    page.force_login(amy)
    assert page.get("/").status_code == 200


@pytest.mark.parametrize("name", ["a\ud800", "Harbour\x07notices", "", "n" * 201])
def test_a_bad_collection_name_is_refused_by_the_api(alice, name):
    response = _api(alice).post(
        "/api/v1/collections", {"slug": "notices", "name": name}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "collection.name"
    assert response.json()["error"]["message"].startswith("collection name: ")
    assert not Collection.objects.exists()


def test_the_collection_form_refuses_a_bad_slug_in_chinese(alice):
    page = Client(headers={"Accept-Language": "zh-hant"})
    page.force_login(alice)
    response = page.post(reverse("documents:collections"), {"slug": "海港公告", "name": "海港公告"})
    assert response.status_code == 400
    assert "文件庫網址簡稱：只可使用小寫英文字母" in response.content.decode()
    assert not Collection.objects.exists()
    assert page.get("/").status_code == 200


@pytest.mark.parametrize("k", [0, 100_000])
def test_search_refuses_a_number_of_results_out_of_range(guidance, amy, k):
    response = _api(amy).get("/api/v1/search", {"q": "dog licence", "k": k})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "search.k"
    assert "from 1 to 100" in response.json()["error"]["message"]


def test_a_question_over_the_limit_is_refused_at_once_by_api_page_and_cli(guidance, amy, settings):
    question = "How much is a dog licence? " * 8000  # about 200,000 characters
    response = _api(amy, "zh-hant").post(
        "/api/v1/ask", {"question": question}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "question"
    assert f"{settings.AIPLUS_MAX_QUESTION_CHARS}" in response.json()["error"]["message"]
    assert response.json()["error"]["message"].startswith("問題：")

    page = Client()
    page.force_login(amy)
    shown = page.get(reverse("assistant:ask"), {"q": question[:5000]})
    assert shown.status_code == 400
    assert "question: use at most 1000 characters." in shown.content.decode()

    result = CliRunner().invoke(main, ["ask", question[:5000], "--collection", "guidance"])
    assert result.exit_code != 0
    assert "question: use at most 1000 characters." in result.output


def test_a_broken_character_in_a_transcript_edit_or_agenda_is_refused_and_the_meeting_still_shows(amy):
    api = _api(amy)
    meeting_id = _upload(api).json()["id"]
    meeting_process(meeting_id=meeting_id)
    before = Meeting.objects.get(pk=meeting_id).transcript
    for edit in (
        {"edit": "segment", "index": 0, "speaker": "Chair", "text": "a\ud800"},
        {"edit": "rename", "names": {"Speaker 1": "a\ud800"}},
    ):
        response = api.post(
            f"/api/v1/meetings/{meeting_id}/transcript", edit, content_type="application/json"
        )
        assert response.status_code == 400
        assert "unpaired surrogate" in response.json()["error"]["message"]
    response = api.post(
        f"/api/v1/meetings/{meeting_id}/minutes",
        {"agenda": "1. Budget\ud800"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["error"]["field"] == "meeting.agenda"
    assert Meeting.objects.get(pk=meeting_id).transcript == before
    page = Client()
    page.force_login(amy)
    assert page.get(reverse("meetings:meeting", args=[meeting_id])).status_code == 200
    assert page.get(reverse("meetings:transcript", args=[meeting_id])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_cli_refuses_a_bad_slug_before_creating_anything(tmp_path, dsd):
    (tmp_path / "notice.txt").write_text("Harbour notice")
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--collection", "my docs", "--create", "--department", "dsd"]
    )
    assert result.exit_code != 0
    assert "collection short name: use lower-case letters" in result.output
    assert not Collection.objects.exists()


def test_a_file_whose_name_cannot_be_stored_is_refused_alone(guidance, alice):
    before = guidance.documents.count()
    outcome = ingest_stream(
        actor=alice, collection=guidance, stream=io.BytesIO(b"Harbour notice"), filename="notice\udcff.txt"
    )
    assert outcome.outcome == "rejected" and outcome.document is None
    assert outcome.message.startswith("file name: ")
    assert guidance.documents.count() == before


def test_the_cli_refuses_a_bad_user_name_or_department_code(db):
    bad_code = CliRunner().invoke(main, ["user", "amy", "--department", "ds d", "--password", "pass-amy"])
    assert bad_code.exit_code == 1 and "There is no department with the code ds d." in bad_code.output
    bad_name = CliRunner().invoke(
        main, ["user", "amy smith", "--password", "pass-amy", "--role", "platform_admin"]
    )
    assert bad_name.exit_code == 1 and "user name: use letters, digits and @ . + - _ only." in bad_name.output
