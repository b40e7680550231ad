"""Every transcript a secretary is likely to be handed (a Teams or Zoom WebVTT, an SRT from the subtitler, a
typed text or Word transcript, whisper's JSON) becomes the same numbered list of who said what and when, in
English, Traditional Chinese, Cantonese or a mix; anything else is refused with a reason, never half read."""

import io
import json
import logging
import zipfile
from pathlib import Path

import docx
import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.meetings.parsers import parse_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def said(transcript):
    """(speaker, text) of each segment."""
    return [(s.speaker, s.text) for s in transcript.segments]


def refused(data: bytes, filename: str) -> AiplusError:
    with pytest.raises(AiplusError) as caught:
        parse_transcript(data, filename)
    return caught.value


# --- WebVTT ---------------------------------------------------------------------------------------------------


def test_a_teams_webvtt_gives_one_segment_per_cue_with_voices_times_and_languages():
    """GIVEN a Teams export with a header, NOTE and STYLE blocks, cue identifiers, cue settings, <v> and <v.loud>
    voices and a two-line cue WHEN it is read THEN each cue is a numbered segment of its voice, times and
    text, two cues of the same speaker stay apart, and each segment's language is labelled."""
    transcript = parse_transcript((FIXTURES / "teams-meeting.vtt").read_bytes(), "teams-meeting.vtt")

    assert transcript.source_format == "vtt"
    assert [s.index for s in transcript.segments] == [0, 1, 2, 3, 4, 5]
    assert said(transcript) == [
        ("Margaret Leung", "Good morning everyone. Let's start with the counter queue system."),
        ("陳主席", "我哋 next week 再 follow up 呢個 item。"),
        ("Kenneth Lau", "I'll send the updated overtime figures to everyone by Friday."),
        ("Kenneth Lau", "The February figure is still provisional."),
        ("李委員", "佢哋話個系統下個月先至裝得好。"),
        ("Margaret Leung", "Agreed, we will install the queue system at the Kowloon office first."),
    ]
    first = transcript.segments[0]
    assert (first.start, first.end) == (3.12, 7.48)
    assert [s.language for s in transcript.segments] == ["en", "mixed", "en", "en", "yue", "en"]
    assert transcript.speakers == ["Margaret Leung", "陳主席", "Kenneth Lau", "李委員"]
    assert transcript.duration == 29.0


def test_webvtt_speaker_labels_inline_tags_and_short_times():
    """Zoom and YouTube cues: "Name: text" inside the cue, <c>, <b> and <00:00:01.000> tags removed, entities
    unescaped, mm:ss.mmm times; a cue naming nobody continues the speaker before it."""
    vtt = """WEBVTT

00:01.000 --> 00:04.500
Rebecca Tam: The <b>bid</b> was <c.colorE5E5E5>submitted</c> on Monday &amp; acknowledged.

00:04.500 --> 00:06.000
<00:00:04.600><c>It</c><00:00:04.900><c> totals forty-two million.</c>

01:02.250 --> 01:05.000
Note: this is not a speaker label, so Rebecca is still speaking.
"""
    transcript = parse_transcript(vtt.encode(), "zoom.vtt")

    assert said(transcript) == [
        ("Rebecca Tam", "The bid was submitted on Monday & acknowledged."),
        ("Rebecca Tam", "It totals forty-two million."),
        ("Rebecca Tam", "Note: this is not a speaker label, so Rebecca is still speaking."),
    ]
    assert [(s.start, s.end) for s in transcript.segments] == [(1.0, 4.5), (4.5, 6.0), (62.25, 65.0)]


def test_a_cue_with_two_voices_gives_two_segments_at_the_same_time():
    vtt = "WEBVTT\n\n00:00:10.000 --> 00:00:12.000\n<v 陳主席>係咪冇問題？</v>\n<v Priya Nair>No objection.</v>\n"
    transcript = parse_transcript(vtt.encode(), "two.vtt")

    assert said(transcript) == [("陳主席", "係咪冇問題？"), ("Priya Nair", "No objection.")]
    assert {(s.start, s.end) for s in transcript.segments} == {(10.0, 12.0)}
    assert [s.language for s in transcript.segments] == ["yue", "en"]


def test_one_broken_cue_in_a_long_webvtt_is_skipped_with_a_warning(caplog):
    """The choice documented in the parser: one unreadable cue in an otherwise good file is left out and
    logged, so a hand-edited transcript still gives minutes."""
    cues = [f"00:00:{n:02d}.000 --> 00:00:{n:02d}.900\nKenneth Lau: Point number {n}." for n in range(20)]
    cues[7] = "00:00:07.000 --> 00:00:xx.900\nKenneth Lau: This cue has a broken timing."
    data = ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()

    with caplog.at_level(logging.WARNING, logger="aiplus.meetings.parsers"):
        transcript = parse_transcript(data, "long.vtt")

    assert len(transcript.segments) == 19
    assert "Point number 7." not in [s.text for s in transcript.segments]
    assert "bad cue timing" in caplog.text and "line 24" in caplog.text


def test_a_webvtt_with_broken_timings_is_refused_with_the_line():
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.\n\n00:00:05 -> 00:00:08\nAgain.\n\n99:99 --> x\nBye.\n"
    error = refused(vtt.encode(), "broken.vtt")

    assert error.code == ErrorCode.BAD_TRANSCRIPT
    assert error.detail == "line 6: bad cue timing '00:00:05 -> 00:00:08' (and 1 more)"


def test_a_cue_ending_before_it_starts_is_a_broken_timing():
    vtt = "WEBVTT\n\n00:00:09.000 --> 00:00:04.000\nHello.\n"
    assert refused(vtt.encode(), "backwards.vtt").code == ErrorCode.BAD_TRANSCRIPT


# --- SRT ------------------------------------------------------------------------------------------------------

SRT = """\ufeff1
00:00:01,000 --> 00:00:04,000
<i>Anthony Chu:</i> The draft reply is with me.

2
00:00:04,200 --> 00:00:07,000
[Kenneth Lau] <font color="#ffff00">The figures were checked twice.</font>

3
00:00:07,100 --> 00:00:09,500
- 係咪今日交？
- 聽日先交。

4
00:01:10,000 --> 00:01:12,000
{\\an8}Then say so in a footnote.
"""


def test_srt_speakers_in_each_style_and_tags_removed():
    """GIVEN an SRT with a BOM and CRLF line ends, "Name: text", "[Name] text" and dialogue dashes WHEN read
    THEN each speaker and line is kept, a dash line is a speaker of its own, and the last cue continues the
    dashed speaker."""
    transcript = parse_transcript(SRT.replace("\n", "\r\n").encode("utf-8"), "reply.srt")

    assert transcript.source_format == "srt"
    assert said(transcript) == [
        ("Anthony Chu", "The draft reply is with me."),
        ("Kenneth Lau", "The figures were checked twice."),
        ("", "係咪今日交？"),
        ("", "聽日先交。"),
        ("", "Then say so in a footnote."),
    ]
    assert (transcript.segments[2].start, transcript.segments[2].end) == (7.1, 9.5)
    assert transcript.segments[4].start == 70.0


def test_an_srt_saved_as_txt_is_read_as_srt():
    assert parse_transcript(SRT.encode(), "reply.txt").source_format == "srt"


# --- plain text -----------------------------------------------------------------------------------------------


def test_the_directorate_meeting_transcript_skips_its_header():
    """The bench transcript: a header of department, Date:, Venue:, Present: and a note, then "[hh:mm:ss]
    Name: text" lines; nobody is called "Date" or "Present"."""
    path = Path(__file__).parents[2] / "bench" / "data" / "meetings" / "01-directorate-meeting.txt"
    transcript = parse_transcript(path.read_bytes(), path.name)

    assert transcript.source_format == "text"
    assert transcript.speakers == [
        "Margaret Leung",
        "Priya Nair",
        "Florence Ho",
        "Rebecca Tam",
        "Kenneth Lau",
        "Anthony Chu",
        "Dennis Yip",
    ]
    first = transcript.segments[0]
    assert (first.speaker, first.start, first.end) == ("Margaret Leung", 5.0, None)
    assert first.text.startswith("Good morning everyone.")
    assert {s.language for s in transcript.segments} == {"en"}


CHINESE_MEETING = """示範服務署
第三次署務會議逐字紀錄
日期：2025年3月5日（星期三）
地點：示範大廈18樓第一會議室
出席：
主席：陳大文
委員：李小明、張美玲
備註：本紀錄由秘書處整理。

陳主席：各位早晨，我哋開始啦。
首先確認上次會議紀錄。
李委員：我冇意見。
張委員：我哋 next week 再 follow up 呢個 item。
陳主席：好，咁就通過。詳情請參閱 https://www.example.gov.hk/minutes 。
"""


def test_a_chinese_transcript_with_full_width_colons_and_a_header_block():
    """GIVEN a header of 日期：, 地點：, 出席： with "主席：陳大文" entries and a 備註 WHEN read THEN speech starts at
    陳主席, a line with no speaker continues the one before, and a URL is text, not a speaker."""
    transcript = parse_transcript(CHINESE_MEETING.encode(), "會議.txt")

    assert said(transcript) == [
        ("陳主席", "各位早晨，我哋開始啦。首先確認上次會議紀錄。"),
        ("李委員", "我冇意見。"),
        ("張委員", "我哋 next week 再 follow up 呢個 item。"),
        ("陳主席", "好，咁就通過。詳情請參閱 https://www.example.gov.hk/minutes 。"),
    ]
    assert [s.language for s in transcript.segments] == ["yue", "yue", "mixed", "yue"]
    assert all(s.start is None for s in transcript.segments)


@pytest.mark.parametrize(
    "line",
    [
        "[00:01:02] Priya Nair: The guideline dates from 2019.",
        "00:01:02 Priya Nair: The guideline dates from 2019.",
        "(1:02) Priya Nair: The guideline dates from 2019.",
        "Priya Nair (00:01:02): The guideline dates from 2019.",
        "[00:01:02 - 00:01:09] Priya Nair: The guideline dates from 2019.",
    ],
)
def test_time_stamps_before_or_after_the_name(line):
    transcript = parse_transcript(f"Heat stress guideline\n\n{line}\n".encode(), "t.txt")

    assert said(transcript) == [("Priya Nair", "The guideline dates from 2019.")]
    assert transcript.segments[0].start == 62.0


def test_otter_and_zoom_name_and_time_headings_over_their_text():
    text = """Heat stress review

Priya Nair  0:03
Last summer we had two cases.
Staff felt unwell at noon.

Dennis Yip  0:15
Should we survey the field staff first?

Speaker 3  1:02:07
好呀，冇問題。
"""
    transcript = parse_transcript(text.encode(), "otter.txt")

    assert said(transcript) == [
        ("Priya Nair", "Last summer we had two cases. Staff felt unwell at noon."),
        ("Dennis Yip", "Should we survey the field staff first?"),
        ("Speaker 3", "好呀，冇問題。"),
    ]
    assert [s.start for s in transcript.segments] == [3.0, 15.0, 3727.0]


def test_things_that_look_like_labels_but_are_not_speakers():
    """Times, URLs, agenda items and clauses before a colon continue the speech instead of naming a speaker."""
    text = """Kenneth Lau: We resumed after the break.
The meeting resumed at 10:30 sharp.
See https://www.example.gov.hk/overtime for the figures.
Item 2: overtime in the district offices.
As we agreed last week, the plan is simple: freeze nothing yet.
會議於上午十時三十分恢復，主席表示：繼續討論。
Anthony Chu: Fair enough.
"""
    transcript = parse_transcript(text.encode(), "labels.txt")

    assert transcript.speakers == ["Kenneth Lau", "Anthony Chu"]
    assert len(transcript.segments) == 2
    assert transcript.segments[0].text.endswith("主席表示：繼續討論。")


def test_a_transcript_naming_nobody_gives_one_segment_per_paragraph():
    text = """Date: 5 March 2025
Venue: Conference Room 1

The Director opened the meeting and
welcomed the new Deputy Director.

各位早晨，今日主要討論資源申請。
"""
    transcript = parse_transcript(text.encode(), "notes.txt")

    assert said(transcript) == [
        ("", "The Director opened the meeting and welcomed the new Deputy Director."),
        ("", "各位早晨，今日主要討論資源申請。"),
    ]
    assert [s.language for s in transcript.segments] == ["en", "zh-Hant"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("big5hkscs", b"")],
)
def test_text_in_utf8_utf16_and_big5_hkscs(encoding, bom):
    text = "日期：2025年3月5日\r\n\r\n陳主席：佢哋嘅報告幾時交？\r\n李委員：下星期五之前。\r\n"
    transcript = parse_transcript(bom + text.encode(encoding), "old.txt")

    assert said(transcript) == [("陳主席", "佢哋嘅報告幾時交？"), ("李委員", "下星期五之前。")]
    assert transcript.segments[0].language == "yue"


def test_simplified_chinese_is_kept_as_written():
    transcript = parse_transcript("王主任：会议将于下午三时举行。\n".encode(), "s.txt")
    assert said(transcript) == [("王主任", "会议将于下午三时举行。")]
    assert transcript.segments[0].language == "zh-Hans"


# --- Word documents -------------------------------------------------------------------------------------------


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_transcript_of_paragraphs():
    def build(document):
        document.add_heading("署務會議逐字紀錄", level=1)
        document.add_paragraph("日期：2025年3月5日")
        document.add_paragraph("出席：陳主席、李委員")
        document.add_paragraph("")
        document.add_paragraph("陳主席：我哋今日先講預算。")
        document.add_paragraph("然後再講人手。")
        document.add_paragraph("Rebecca Tam: The bid went to the Bureau on Monday.")

    transcript = parse_transcript(_docx_bytes(build), "紀錄.docx")

    assert transcript.source_format == "docx"
    assert said(transcript) == [
        ("陳主席", "我哋今日先講預算。然後再講人手。"),
        ("Rebecca Tam", "The bid went to the Bureau on Monday."),
    ]


def test_a_word_transcript_as_a_table_of_time_speaker_and_text():
    """A court reporter's table: a header row, a time column, and a row with no speaker continuing the one
    above; the title paragraph is not speech."""

    def build(document):
        document.add_paragraph("Transcript of proceedings")
        table = document.add_table(rows=1, cols=3)
        for cell, heading in zip(table.rows[0].cells, ("Time", "Speaker", "Text"), strict=True):
            cell.text = heading
        for row in [
            ("00:00:05", "Margaret Leung", "Item four, the LegCo question."),
            ("00:00:12", "Anthony Chu", "The draft reply is with me."),
            ("", "", "I'll clear it by noon tomorrow."),
            ("00:00:26", "陳主席", "好，唔該晒。"),
        ]:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value

    transcript = parse_transcript(_docx_bytes(build), "proceedings.docx")

    assert said(transcript) == [
        ("Margaret Leung", "Item four, the LegCo question."),
        ("Anthony Chu", "The draft reply is with me. I'll clear it by noon tomorrow."),
        ("陳主席", "好，唔該晒。"),
    ]
    assert [s.start for s in transcript.segments] == [5.0, 12.0, 26.0]
    assert transcript.segments[2].language == "yue"


def test_a_teams_word_transcript_with_time_ranges_over_names():
    def build(document):
        document.add_paragraph("Directorate meeting-20250305_093000-Meeting Recording")
        document.add_paragraph("March 5, 2025, 1:30AM\n6m 10s")
        for stamp, name, text in [
            ("0:0:3.120 --> 0:0:7.480", "Leung, Margaret", "Good morning everyone."),
            ("0:0:7.900 --> 0:0:12.300", "Chu, Anthony", "I'd be careful with a freeze."),
        ]:
            document.add_paragraph(stamp)
            document.add_paragraph(name)
            document.add_paragraph(text)

    transcript = parse_transcript(_docx_bytes(build), "meeting.docx")

    assert said(transcript) == [
        ("Leung, Margaret", "Good morning everyone."),
        ("Chu, Anthony", "I'd be careful with a freeze."),
    ]
    assert [(s.start, s.end) for s in transcript.segments] == [(3.12, 7.48), (7.9, 12.3)]


# --- whisper JSON ---------------------------------------------------------------------------------------------


def test_whisper_json_segments_with_times_and_no_speakers():
    whisper = {
        "text": " 各位早晨。 我哋開始啦。",
        "language": "yue",
        "segments": [
            {"id": 0, "seek": 0, "start": 0.0, "end": 2.4, "text": " 各位早晨。", "tokens": [1, 2]},
            {"id": 1, "seek": 0, "start": 2.4, "end": 5.0, "text": " 我哋開始啦。", "tokens": [3]},
        ],
    }
    transcript = parse_transcript(json.dumps(whisper, ensure_ascii=False).encode(), "audio.json")

    assert transcript.source_format == "whisper-json"
    assert said(transcript) == [("", "各位早晨。"), ("", "我哋開始啦。")]
    assert [(s.start, s.end) for s in transcript.segments] == [(0.0, 2.4), (2.4, 5.0)]
    assert [s.language for s in transcript.segments] == ["zh-Hant", "yue"]


def test_whisperx_json_speakers_from_segments_or_their_words():
    whisperx = {
        "segments": [
            {"start": 0.5, "end": 3.0, "text": " Shall we start?", "speaker": "SPEAKER_00", "words": []},
            {
                "start": 3.2,
                "end": 5.0,
                "text": " 好，開始。",
                "words": [
                    {"word": "好", "start": 3.2, "end": 3.5, "speaker": "SPEAKER_01"},
                    {"word": "開始", "start": 3.6, "end": 4.4, "speaker": "SPEAKER_01"},
                ],
            },
        ],
        "word_segments": [],
    }
    transcript = parse_transcript(json.dumps(whisperx).encode(), "diarised.json")

    assert said(transcript) == [("SPEAKER_00", "Shall we start?"), ("SPEAKER_01", "好，開始。")]


def test_a_bare_list_of_whisper_segments_and_a_text_only_result():
    segments = [{"start": 1, "end": 2, "text": "Thank you."}]
    listed = parse_transcript(json.dumps(segments).encode(), "segments.json")
    text_only = parse_transcript(json.dumps({"text": "Thank you all."}).encode(), "api.json")

    assert said(listed) == [("", "Thank you.")] and listed.segments[0].start == 1.0
    assert said(text_only) == [("", "Thank you all.")] and text_only.source_format == "whisper-json"


# --- refused --------------------------------------------------------------------------------------------------


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "empty.txt", ErrorCode.EMPTY_FILE),
        (b" \r\n\n", "blank.vtt", ErrorCode.EMPTY_FILE),
        (b"\xef\xbb\xbf", "bom-only.txt", ErrorCode.EMPTY_FILE),
        (bytes(range(256)) * 8, "junk.txt", ErrorCode.BAD_TRANSCRIPT),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "minutes.txt",
            ErrorCode.BAD_TRANSCRIPT,
        ),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "meeting.txt", ErrorCode.BAD_TRANSCRIPT),
        (b'{"foo": 1, "bar": [1, 2]}', "other.json", ErrorCode.BAD_TRANSCRIPT),
        (b"[1, 2, 3]", "numbers.json", ErrorCode.BAD_TRANSCRIPT),
        (
            b'{"segments": [{"start": "soon", "end": 2, "text": "Hi"}]}',
            "bad-time.json",
            ErrorCode.BAD_TRANSCRIPT,
        ),
        (b'{"segments": [{"start": 0, "end": 1', "truncated.json", ErrorCode.BAD_TRANSCRIPT),
        (b"not a zip", "transcript.docx", ErrorCode.BAD_TRANSCRIPT),
        (_zip_without_word(), "transcript.docx", ErrorCode.BAD_TRANSCRIPT),
        (b"WEBVTT\n\nNOTE nothing was said\n", "silent.vtt", ErrorCode.BAD_TRANSCRIPT),
        (
            "Chinese text in GB2312: 会议记录".encode("gb2312") + b"\xff\xfe\xfd",
            "gb.txt",
            ErrorCode.BAD_TRANSCRIPT,
        ),
    ],
)
def test_what_is_not_a_readable_transcript_is_refused(data, filename, code):
    error = refused(data, filename)

    assert error.code == code
    assert error.message  # the page, API or CLI shows this in the user's language
    if code == ErrorCode.BAD_TRANSCRIPT:
        assert error.detail  # and the log says why, in English


def test_a_transcript_over_50_mb_is_refused_as_too_large():
    error = refused(b"a" * (50 * 1024 * 1024 + 1), "huge.txt")

    assert error.code == ErrorCode.TOO_LARGE and error.params == {"limit_mb": 50}
    assert "50 MB" in error.message
