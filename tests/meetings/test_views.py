"""The meeting pages, through Django's test client: upload, minutes with their evidence, the transcript
editor, templates, export, and nothing for another department."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aiplus.meetings.models import Meeting
from aiplus.meetings.services import meeting_process
from tests.meetings.test_services import VTT


def _upload(client, **fields):
    data = {
        "file": SimpleUploadedFile("counter-meeting.vtt", VTT.encode(), content_type="text/vtt"),
        "title": "Counter arrangements",
        "meeting_date": "2027-01-18",
        "agenda": "Opening hours\nHotline",
        "template": "general",
        "language": "en",
        **fields,
    }
    return client.post(reverse("meetings:meetings"), data)


def test_uploading_a_transcript_shows_progress_then_minutes_with_evidence(client, amy):
    client.force_login(amy)
    response = _upload(client)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("meetings:meeting", args=[meeting.pk])

    page = client.get(response.url).content.decode()
    assert "Queued for minutes" in page and "data-pending" in page

    meeting_process(meeting_id=meeting.pk)
    page = client.get(response.url).content.decode()
    assert "data-pending" not in page
    assert "Opening hours" in page and "Hotline" in page  # discussion under the agenda's items
    assert 'href="#segment-2"' in page and 'id="segment-2"' in page  # a point opens what was said
    assert "Download Word (DOCX)" in page
    assert client.get(reverse("meetings:export", args=[meeting.pk, "docx"])).content[:2] == b"PK"


def test_a_broken_upload_is_refused_with_its_reason_in_chinese(client, amy):
    client.force_login(amy)
    client.cookies["django_language"] = "zh-hant"
    broken = SimpleUploadedFile("notes.txt", b"\x00\x01\x02\xff\xfe\x00garbage", content_type="text/plain")
    response = _upload(client, file=broken)
    assert response.status_code in {400, 422}
    assert 'role="alert"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_editor_renames_speakers_and_the_minutes_can_be_written_again(client, amy):
    client.force_login(amy)
    _upload(client)
    meeting = Meeting.objects.get()
    meeting_process(meeting_id=meeting.pk)
    editor = reverse("meetings:transcript", args=[meeting.pk])
    assert "Speaker 1 →" in client.get(editor).content.decode()

    response = client.post(
        editor, {"edit": "rename", "speaker": ["Speaker 1", "Speaker 2"], "name": ["陳主席", "Mary Wong"]}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.transcript["segments"][0]["speaker"] == "陳主席"
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "The transcript has been edited since these minutes were written" in page

    client.post(
        reverse("meetings:regenerate", args=[meeting.pk]), {"template": "committee", "language": "zh-Hant"}
    )
    meeting_process(meeting_id=meeting.pk)
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "The transcript has been edited" not in page
    meeting.refresh_from_db()
    assert meeting.template == "committee" and meeting.minutes["language"] == "zh-Hant"


def test_another_department_gets_not_found_everywhere(client, amy, bob):
    client.force_login(amy)
    _upload(client)
    meeting = Meeting.objects.get()
    meeting_process(meeting_id=meeting.pk)
    client.force_login(bob)
    assert "Counter arrangements" not in client.get(reverse("meetings:meetings")).content.decode()
    for name in ("meeting", "status", "transcript"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:export", args=[meeting.pk, "md"])).status_code == 404
    assert client.post(reverse("meetings:delete", args=[meeting.pk])).status_code == 404
    assert (
        client.post(
            reverse("meetings:transcript", args=[meeting.pk]), {"edit": "merge", "index": "0"}
        ).status_code
        == 404
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_department_defines_its_own_template(client, amy):
    client.force_login(amy)
    response = client.post(
        reverse("meetings:templates"),
        {
            "name": "hotline",
            "title": "Hotline review",
            "sections": "summary | Overview | 概覽\nactions | Follow-up | 跟進",
        },
    )
    assert response.status_code == 302
    assert "Hotline review" in client.get(reverse("meetings:meetings")).content.decode()
    bad = client.post(reverse("meetings:templates"), {"name": "poem", "sections": "ode | Ode"})
    assert bad.status_code == 400 and 'role="alert"' in bad.content.decode()


def test_the_editor_splits_merges_and_corrects_turns(client, amy):
    client.force_login(amy)
    _upload(client)
    meeting = Meeting.objects.get()
    meeting_process(meeting_id=meeting.pk)
    editor = reverse("meetings:transcript", args=[meeting.pk])
    at = meeting.transcript["segments"][2]["text"].index("Mary")
    assert f'name="at" value="{at - 1}"' in client.get(editor).content.decode()  # offered between sentences

    assert client.post(editor, {"edit": "split", "index": "2", "at": str(at)}).status_code == 302
    meeting.refresh_from_db()
    assert [s["text"][:4] for s in meeting.transcript["segments"][2:4]] == ["Agre", "Mary"]
    assert client.post(editor, {"edit": "merge", "index": "2"}).status_code == 302
    assert (
        client.post(
            editor, {"edit": "segment", "index": "0", "speaker": "Chair", "text": "Morning."}
        ).status_code
        == 302
    )
    meeting.refresh_from_db()
    assert len(meeting.transcript["segments"]) == 5
    assert meeting.transcript["segments"][0]["speaker"] == "Chair"
    assert meeting.transcript["segments"][0]["text"] == "Morning."
    for bad in ({"edit": "merge", "index": "x"}, {"edit": "merge", "index": "-1"}, {"edit": "split"}):
        assert client.post(editor, bad).status_code == 400


def test_minutes_of_a_meeting_with_a_chinese_title_download_under_that_title(client, amy):
    client.force_login(amy)
    _upload(client, title="櫃位服務週會")
    meeting = Meeting.objects.get()
    meeting_process(meeting_id=meeting.pk)
    response = client.get(reverse("meetings:export", args=[meeting.pk, "docx"]))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%AB%83%E4%BD%8D%E6%9C%8D%E5%8B%99%E9%80%B1%E6%9C%83-minutes.docx"
    )
