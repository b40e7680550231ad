"""A department's meetings kept in the database: a transcript in, minutes out through the worker's service,
the secretary's edits, writing again, export, templates, and no way in for another department."""

import io
import json
from datetime import date

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.meetings import services
from aiplus.meetings.models import Meeting, MeetingStatus, MinutesTemplate
from aiplus.meetings.selectors import meeting_for_reading, meetings_visible_to

pytestmark = pytest.mark.django_db

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:06.000
<v Speaker 1>Good morning. First item is the counter opening hours during the Lunar New Year.

2
00:00:06.500 --> 00:00:14.000
<v Speaker 2>Footfall in the Tsuen Wan office was low last year, so I suggest we close it on the second day.

3
00:00:14.500 --> 00:00:20.000
<v Speaker 1>Agreed. We close Tsuen Wan on the second day. Mary, please put up the notice by this Friday.

4
00:00:20.500 --> 00:00:23.000
<v Speaker 2>OK, I will do it.

5
00:00:23.500 --> 00:00:30.000
<v Speaker 1>Second item, the hotline. 我哋下個月要 review 下 FAQ，Peter 你跟進，月底前交俾我。
"""

BROKEN = b"\x00\x01\x02 this is not a transcript \xff\xfe\x00"


def _create(actor, data: str | bytes = VTT, filename: str = "counter-meeting.vtt", **options) -> Meeting:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return services.meeting_create(
        actor=actor, stream=io.BytesIO(raw), filename=filename, meeting_date=date(2027, 1, 18), **options
    )


def _written(meeting: Meeting) -> Meeting:
    assert services.meeting_process(meeting_id=meeting.pk) == MeetingStatus.READY
    meeting.refresh_from_db()
    return meeting


def test_a_transcript_becomes_minutes_with_decisions_and_actions(amy):
    meeting = _create(amy, title="Counter arrangements")
    assert meeting.status == MeetingStatus.QUEUED
    assert meeting.department == amy.department
    assert meeting.source_format == "vtt"
    assert len(meeting.transcript["segments"]) == 5

    meeting = _written(meeting)
    minutes = meeting.minutes
    assert minutes["engine"] == "extractive"
    assert minutes["summary"]
    assert {"Speaker 1", "Speaker 2"} <= set(minutes["attendees"])
    assert [d["text"] for d in minutes["decisions"]] == ["We close Tsuen Wan on the second day"]
    actions = {(a["owner"], a["task"]): a for a in minutes["actions"]}
    assert set(actions) == {("Mary", "put up the notice"), ("Peter", "review FAQ")}
    notice = actions["Mary", "put up the notice"]
    assert notice["due"] == "2027-01-22"  # "by this Friday", from Monday 18 January 2027
    assert notice["evidence"] == [2, 3]  # asked, then accepted by the next speaker
    assert actions["Peter", "review FAQ"]["due"] == "2027-01-31"  # 月底前


def test_a_broken_transcript_is_refused_and_nothing_is_kept(amy):
    with pytest.raises(AiplusError) as refused:
        _create(amy, BROKEN, filename="minutes.txt")
    assert refused.value.code in {ErrorCode.BAD_TRANSCRIPT, ErrorCode.EMPTY_FILE}
    assert not Meeting.objects.exists()


def test_audio_without_a_speech_service_is_refused_plainly(amy, settings):
    with pytest.raises(AiplusError) as refused:
        _create(amy, b"ID3\x03\x00\x00\x00" + b"\x00" * 100, filename="meeting.mp3")
    assert refused.value.code == ErrorCode.SPEECH_NOT_CONFIGURED
    assert "Upload a transcript instead" in refused.value.message
    assert not Meeting.objects.exists()


def test_unknown_options_are_refused_before_anything_is_kept(amy):
    for options in ({"template": "sonnet"}, {"language": "fr"}):
        with pytest.raises(AiplusError) as refused:
            _create(amy, **options)
        assert refused.value.code == ErrorCode.INVALID
    assert not Meeting.objects.exists()


def test_another_department_cannot_see_or_touch_the_meeting(amy, bob, admin):
    meeting = _written(_create(amy))
    assert list(meetings_visible_to(bob)) == []
    with pytest.raises(AiplusError) as hidden:
        meeting_for_reading(bob, meeting.pk)
    assert hidden.value.code == ErrorCode.NOT_FOUND
    assert meeting_for_reading(admin, meeting.pk) == meeting


def test_renaming_speakers_keeps_the_edit_and_marks_the_minutes_out_of_date(amy):
    meeting = _written(_create(amy))
    assert not meeting.minutes_out_of_date
    services.transcript_edit(
        actor=amy, meeting=meeting, edit="rename", names={"Speaker 1": "陳主席", "Speaker 2": "Mary"}
    )
    meeting.refresh_from_db()
    speakers = [s["speaker"] for s in meeting.transcript["segments"]]
    assert speakers == ["陳主席", "Mary", "陳主席", "Mary", "陳主席"]
    assert meeting.minutes_out_of_date

    services.minutes_regenerate(actor=amy, meeting=meeting, language="both")
    meeting = _written(meeting)
    assert not meeting.minutes_out_of_date
    assert meeting.minutes["language"] == "both"
    assert "陳主席" in meeting.minutes["attendees"]
    assert "Speaker 1" not in meeting.minutes["attendees"]


def test_merging_and_splitting_turns(amy):
    meeting = _written(_create(amy))
    services.transcript_edit(actor=amy, meeting=meeting, edit="merge", index=2)
    segments = meeting.transcript["segments"]
    assert len(segments) == 4
    assert segments[2]["text"].endswith("OK, I will do it.")
    assert segments[2]["end"] == 23.0
    assert [s["index"] for s in segments] == [0, 1, 2, 3]

    text = segments[2]["text"]
    at = text.index("Mary, please")
    services.transcript_edit(actor=amy, meeting=meeting, edit="split", index=2, at=at, speaker="Chair")
    segments = meeting.transcript["segments"]
    assert len(segments) == 5
    assert segments[2]["text"] == text[:at].strip()
    assert segments[3]["text"].startswith("Mary, please")
    assert segments[3]["speaker"] == "Chair"
    assert segments[2]["end"] == segments[3]["start"]


def test_a_bad_edit_is_refused_and_the_transcript_is_unchanged(amy):
    meeting = _written(_create(amy))
    before = json.dumps(meeting.transcript)
    for edit, arguments in (
        ("merge", {"index": 4}),  # the last turn has no next turn
        ("split", {"index": 0, "at": 0}),
        ("segment", {"index": 99, "speaker": "X", "text": "Hello"}),
        ("segment", {"index": 0, "speaker": "X", "text": "   "}),
        ("segment", {"index": 0, "speaker": "X", "text": "a\ud800"}),
        ("segment", {"index": 0, "speaker": "X\x07", "text": "Hello"}),
        ("rename", {"names": {"Chair": "Chair\nof the board"}}),
        ("shuffle", {}),
    ):
        with pytest.raises(AiplusError) as refused:
            services.transcript_edit(actor=amy, meeting=meeting, edit=edit, **arguments)
        assert refused.value.code in {ErrorCode.INVALID, ErrorCode.INVALID_FIELD}
    meeting.refresh_from_db()
    assert json.dumps(meeting.transcript) == before


def test_nothing_is_edited_while_the_minutes_are_being_written(amy):
    meeting = _create(amy)
    with pytest.raises(AiplusError) as busy:
        services.transcript_edit(actor=amy, meeting=meeting, edit="merge", index=0)
    assert busy.value.code == ErrorCode.STILL_PROCESSING


def test_processing_twice_writes_the_minutes_once(amy):
    meeting = _written(_create(amy))
    assert services.meeting_process(meeting_id=meeting.pk) == "skipped"


def test_minutes_export_as_word_markdown_and_json(amy):
    meeting = _written(_create(amy, title="Counter arrangements"))
    data, filename, content_type = services.minutes_export(meeting=meeting, fmt="docx")
    assert data[:2] == b"PK" and filename == "Counter-arrangements-minutes.docx"
    assert content_type.endswith("wordprocessingml.document")
    markdown = services.minutes_export(meeting=meeting, fmt="md")[0].decode()
    assert markdown.startswith("# ") and "notice" in markdown.lower()
    exported = json.loads(services.minutes_export(meeting=meeting, fmt="json")[0])
    assert set(exported) >= {"summary", "attendees", "items", "decisions", "actions"}
    with pytest.raises(AiplusError):
        services.minutes_export(meeting=meeting, fmt="exe")


def test_a_departments_own_template_lays_out_its_minutes(amy, bob):
    services.minutes_template_create(
        actor=amy,
        name="hotline-review",
        title="Hotline review",
        sections=[
            {"kind": "summary", "title_en": "Overview", "title_zh": "概覽"},
            {"kind": "actions", "title_en": "Follow-up", "title_zh": "跟進"},
        ],
    )
    meeting = _written(_create(amy, template="hotline-review"))
    markdown = services.minutes_export(meeting=meeting, fmt="md")[0].decode()
    assert "## Overview" in markdown and "## Follow-up" in markdown and "## Discussion" not in markdown
    # Bob's department does not have that template.
    with pytest.raises(AiplusError) as refused:
        _create(bob, template="hotline-review")
    assert refused.value.code == ErrorCode.INVALID


def test_a_template_cannot_take_a_built_in_name_or_be_made_twice(amy):
    sections = [{"kind": "actions", "title_en": "Actions"}]
    for name in ("general", "my template", ""):
        with pytest.raises(AiplusError) as refused:
            services.minutes_template_create(actor=amy, name=name, title="Mine", sections=sections)
        assert refused.value.field == "template.name"
    services.minutes_template_create(actor=amy, name="mine", title="Mine", sections=sections)
    with pytest.raises(AiplusError) as twice:
        services.minutes_template_create(actor=amy, name="mine", title="Mine again", sections=sections)
    assert twice.value.code == ErrorCode.CONFLICT
    assert MinutesTemplate.objects.count() == 1


def test_a_worker_that_died_holding_a_meeting_gives_it_back(amy):
    meeting = _create(amy)
    Meeting.objects.filter(pk=meeting.pk).update(claimed_by="localhost-that-is-gone:1", claimed_at=None)
    assert services.meetings_recover(enqueue=False) == [meeting.pk]
    assert _written(meeting).status == MeetingStatus.READY


def test_deleting_a_meeting(amy):
    meeting = _written(_create(amy))
    services.meeting_delete(actor=amy, meeting=meeting)
    assert not Meeting.objects.exists()
