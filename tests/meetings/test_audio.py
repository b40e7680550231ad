"""Meeting recordings become timed transcripts: converted by ffmpeg, cut at silences, transcribed part by
part through the speech gateway (here the fake OpenAI-compatible server), with speakers kept across cuts."""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import types

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm import speech as llm
from aiplus.llm.models import ModelCall
from aiplus.meetings import audio
from aiplus.meetings.audio import Part, SpeakerMap, plan_parts, transcribe_audio
from tests.support.fake_openai import FakeOpenAI

HAVE_FFMPEG = shutil.which("ffmpeg") is not None


@pytest.fixture
def ffmpeg():
    """Real audio needs ffmpeg; on a developer machine without it the test is skipped, under CI it fails."""
    if not HAVE_FFMPEG:
        if os.environ.get("CI"):
            pytest.fail("ffmpeg is required under CI (make system-packages installs it)")
        pytest.skip("ffmpeg is not installed (make system-packages, or apt-get install ffmpeg)")


@pytest.fixture(autouse=True)
def _no_speech_settings(settings):
    settings.AIPLUS_SPEECH_BASE_URL = ""
    settings.AIPLUS_SPEECH_API_KEY = ""
    settings.AIPLUS_SPEECH_MODEL = "whisper-1"
    settings.AIPLUS_WHISPER_MODEL_DIR = ""


@pytest.fixture
def speech(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_SPEECH_BASE_URL = server.base_url
        settings.AIPLUS_SPEECH_API_KEY = "test-key"
        yield server


def make_recording(path, pieces):
    """Write `pieces` — ("tone", seconds) or ("silence", seconds) — as one audio file; the extension
    (.mp3, .m4a) chooses the codec, so transcription has to convert it."""
    inputs, labels = [], []
    for number, (kind, seconds) in enumerate(pieces):
        source = (
            f"sine=frequency={300 + 110 * number}:duration={seconds}:sample_rate=16000"
            if kind == "tone"
            else f"anullsrc=r=16000:cl=mono:d={seconds}"
        )
        inputs += ["-f", "lavfi", "-i", source]
        labels.append(f"[{number}:a]aformat=channel_layouts=mono:sample_rates=16000[p{number}]")
    joined = "".join(f"[p{number}]" for number in range(len(pieces)))
    graph = ";".join([*labels, f"{joined}concat=n={len(pieces)}:v=0:a=1[out]"])
    command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *inputs]
    subprocess.run([*command, "-filter_complex", graph, "-map", "[out]", str(path)], check=True)
    return path


def transcription_requests(server):
    return [r["body"] for r in server.requests if r["path"] == "/v1/audio/transcriptions"]


def test_a_short_recording_becomes_a_timed_transcript(alice, speech, ffmpeg, tmp_path):
    """GIVEN a 12-second MP3 WHEN it is transcribed THEN one request carries 16 kHz FLAC, the segments come
    back with times and no speakers, and the model call is recorded."""
    recording = make_recording(tmp_path / "meeting.mp3", [("tone", 5), ("silence", 2), ("tone", 5)])
    seen = []
    assert audio.speech_available()
    transcript = transcribe_audio(
        recording, actor=alice, progress=lambda done, total: seen.append((done, total))
    )

    assert transcript.source_format == "audio"
    assert [s.index for s in transcript.segments] == [0, 1, 2]
    assert [s.start for s in transcript.segments] == pytest.approx([0, 5, 10], abs=0.01)
    assert transcript.segments[-1].end == pytest.approx(12, abs=0.2)
    assert all(s.text and s.speaker == "" and s.language == "en" for s in transcript.segments)
    assert seen == [(0, 1), (1, 1)]

    (sent,) = transcription_requests(speech)
    assert sent["model"] == "whisper-1"
    assert sent["response_format"] == "verbose_json"
    assert sent["timestamp_granularities[]"] == "segment"
    assert sent["file"]["filename"].endswith(".flac")
    assert sent["file"]["duration"] == pytest.approx(12, abs=0.2)

    call = ModelCall.objects.get(kind="transcription")
    assert (call.flow, call.model, call.ok, call.actor) == ("meetings.audio", "whisper-1", True, alice)
    assert call.detail["segments"] == 3 and call.detail["seconds"] == pytest.approx(12, abs=0.2)


def test_a_long_recording_is_cut_at_silences_and_keeps_its_speakers(alice, speech, ffmpeg, tmp_path):
    """GIVEN 90 seconds of M4A with silences at 26-29 s and 57-60 s (and a short one at 10 s) and parts of
    30 s WHEN it is transcribed THEN it goes in three parts cut in those two silences, times are offset and
    in order, a turn running across a cut keeps its speaker, and new voices get new meeting-wide labels."""
    recording = make_recording(
        tmp_path / "long.m4a",
        [
            ("tone", 10),
            ("silence", 1),
            ("tone", 15),
            ("silence", 3),
            ("tone", 28),
            ("silence", 3),
            ("tone", 30),
        ],
    )
    speech.script_transcription(
        [
            {"start": 0, "end": 10, "text": "Good morning, everyone.", "speaker": "SPEAKER_00"},
            {"start": 11, "end": 26, "text": "多謝主席，我哋今日講預算。", "speaker": "SPEAKER_01"},
        ]
    )
    speech.script_transcription(
        [
            {"start": 0.5, "end": 12, "text": "預算要喺六月前交。", "speaker": "SPEAKER_00"},
            {"start": 13, "end": 29, "text": "I will draft the paper.", "speaker": "SPEAKER_01"},
        ]
    )
    speech.script_transcription(
        [
            {"start": 1, "end": 15, "text": "By the end of May.", "speaker": "SPEAKER_00"},
            {"start": 16, "end": 31, "text": "Thank you.", "speaker": "SPEAKER_01"},
        ]
    )
    seen = []
    transcript = transcribe_audio(
        recording, actor=alice, part_seconds=30, progress=lambda done, total: seen.append((done, total))
    )

    parts = [body["file"]["duration"] for body in transcription_requests(speech)]
    assert parts == pytest.approx([27.5, 31.0, 31.5], abs=0.3)  # cut mid-silence, at ~27.5 s and ~58.5 s
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    starts = [s.start for s in transcript.segments]
    assert starts == pytest.approx([0, 11, 28, 40.5, 59.5, 74.5], abs=0.3)
    assert starts == sorted(starts)
    assert all(s.end >= s.start for s in transcript.segments)
    assert [s.speaker for s in transcript.segments] == [
        "Speaker 1",
        "Speaker 2",
        "Speaker 2",  # the part's first voice continues the previous part's last turn
        "Speaker 3",
        "Speaker 3",
        "Speaker 4",
    ]
    assert [s.language for s in transcript.segments][:3] == ["en", "yue", "yue"]  # 我哋, 喺: Cantonese
    assert transcription_requests(speech)[1]["prompt"].endswith("我哋今日講預算。")
    assert ModelCall.objects.filter(kind="transcription", ok=True).count() == 3


def test_without_speech_configured_nothing_is_converted(alice, tmp_path):
    """With no endpoint and no local model, even a broken file is refused as 'not configured', not read."""
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"not audio at all")
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(broken, actor=alice)
    assert caught.value.code == ErrorCode.SPEECH_NOT_CONFIGURED
    assert not llm.speech_configured() and not audio.speech_available()


@pytest.mark.skipif(importlib.util.find_spec("faster_whisper") is not None, reason="faster-whisper installed")
def test_a_model_dir_without_faster_whisper_says_how_to_install_it(alice, settings, tmp_path):
    settings.AIPLUS_WHISPER_MODEL_DIR = str(tmp_path)
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(tmp_path / "meeting.mp3", actor=alice)
    assert caught.value.code == ErrorCode.SPEECH_NOT_CONFIGURED
    assert "aiplus[speech]" in caught.value.detail
    assert llm.speech_configured() and not audio.speech_available()


def test_a_local_faster_whisper_model_is_used_when_its_dir_is_set(
    alice, settings, ffmpeg, tmp_path, monkeypatch
):
    """GIVEN a model directory (and faster-whisper, stood in for here) WHEN audio is transcribed THEN the
    local model reads the part, no endpoint is called, and the call is recorded with the model's name."""
    loaded = []

    class WhisperModel:
        def __init__(self, model_dir, **options):
            loaded.append(model_dir)

        def transcribe(self, path, **options):
            piece = types.SimpleNamespace(start=0.0, end=2.5, text=" 會議開始。 ")
            return iter([piece]), types.SimpleNamespace(language="yue", duration=4.0)

    module = types.ModuleType("faster_whisper")
    module.__spec__ = importlib.machinery.ModuleSpec("faster_whisper", None)
    module.WhisperModel = WhisperModel
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    llm._whisper_model.cache_clear()
    model_dir = tmp_path / "whisper-large-v3-ct2"
    model_dir.mkdir()
    settings.AIPLUS_WHISPER_MODEL_DIR = str(model_dir)
    try:
        recording = make_recording(tmp_path / "meeting.m4a", [("tone", 4)])
        transcript = transcribe_audio(recording, actor=alice)
    finally:
        llm._whisper_model.cache_clear()
    assert [(s.text, s.speaker, s.start, s.end) for s in transcript.segments] == [
        ("會議開始。", "", 0.0, 2.5)
    ]
    assert loaded == [str(model_dir)]
    assert ModelCall.objects.get(kind="transcription").model == "faster-whisper:whisper-large-v3-ct2"


def test_a_file_that_is_not_audio_is_bad_audio(alice, speech, ffmpeg, tmp_path):
    broken = tmp_path / "meeting.mp3"
    broken.write_bytes(b"ID3 this is a text file pretending to be an MP3 " * 50)
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(broken, actor=alice)
    assert caught.value.code == ErrorCode.BAD_AUDIO
    assert "ffmpeg could not convert" in caught.value.detail
    assert transcription_requests(speech) == []


@pytest.mark.parametrize(
    "listing",
    [
        "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n{secret}\n#EXT-X-ENDLIST\n",
        "ffconcat version 1.0\nfile '{secret}'\n",
    ],
    ids=["hls-playlist", "concat-list"],
)
def test_a_playlist_disguised_as_audio_does_not_make_ffmpeg_read_the_files_it_lists(
    alice, speech, ffmpeg, tmp_path, listing
):
    secret = tmp_path / "private-recording.mp3"
    subprocess.run(
        [
            *("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi"),
            "-i",
            "sine=duration=2",
            str(secret),
        ],
        check=True,
    )
    disguised = tmp_path / "meeting.mp3"
    disguised.write_text(listing.format(secret=secret))
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(disguised, actor=alice)
    assert caught.value.code == ErrorCode.BAD_AUDIO
    assert transcription_requests(speech) == []


def test_missing_ffmpeg_is_bad_audio_with_a_clear_detail(alice, speech, tmp_path, monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    recording = tmp_path / "meeting.mp3"
    recording.write_bytes(b"\xff\xfb" * 100)
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(recording, actor=alice)
    assert caught.value.code == ErrorCode.BAD_AUDIO
    assert "ffmpeg is not installed" in caught.value.detail


def test_a_file_over_the_upload_limit_is_too_large(alice, speech, settings, tmp_path):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024
    recording = tmp_path / "meeting.mp3"
    recording.write_bytes(b"\0" * 2048)
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(recording, actor=alice)
    assert caught.value.code == ErrorCode.TOO_LARGE


def test_a_failing_speech_server_is_model_unavailable_and_recorded(alice, speech, ffmpeg, tmp_path):
    recording = make_recording(tmp_path / "meeting.mp3", [("tone", 3)])
    speech.fail_next(503)
    with pytest.raises(AiplusError) as caught:
        transcribe_audio(recording, actor=alice)
    assert caught.value.code == ErrorCode.MODEL_UNAVAILABLE
    call = ModelCall.objects.get(kind="transcription")
    assert not call.ok and "503" in call.error


def test_parts_are_cut_hard_when_there_is_no_silence_near_a_boundary():
    assert plan_parts(100, [(10, 11)], part_seconds=30) == [
        Part(0, 30),
        Part(30, 60),
        Part(60, 90),
        Part(90, 100),
    ]
    assert plan_parts(34, [], part_seconds=30) == [Part(0, 34)]  # a short tail is not left on its own
    assert plan_parts(80, [(31, 33)], part_seconds=30) == [Part(0, 32), Part(32, 62), Part(62, 80)]


def test_named_speakers_are_kept_and_unlabelled_segments_stay_unnamed():
    speakers = SpeakerMap()
    assert [speakers.label(raw) for raw in ["陳主席", "spk0", "", "spk1"]] == [
        "陳主席",
        "Speaker 1",
        "",
        "Speaker 2",
    ]
    speakers.next_part()
    assert [speakers.label(raw) for raw in ["spk1", "spk0", "Ms Lee", "spk1"]] == [
        "Speaker 2",
        "Speaker 3",
        "Ms Lee",
        "Speaker 2",
    ]
