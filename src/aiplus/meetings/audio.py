"""Audio in: any audio or video file becomes a timed `Transcript` through the speech gateway in `llm`.

The steps, each small enough to test alone:

1. check that speech recognition is configured (before any work is done);
2. convert the file with ffmpeg to 16 kHz mono WAV in a temporary directory;
3. plan parts of about `PART_SECONDS`, each cut in the middle of a silence found by ffmpeg's
   ``silencedetect`` near the boundary, so no utterance is cut in half (a hard cut when there is none);
4. transcribe each part as FLAC, offset its times by the part's start, and report progress;
5. join the parts, keeping speakers continuous across cuts (see `SpeakerMap`).

Speaker rule. Diarising servers label speakers per request, starting afresh each time ("SPEAKER_00",
"SPEAKER_01", ...), so labels like these are part-local. They are mapped onto meeting-wide labels
"Speaker 1", "Speaker 2", ... in order of first appearance. In every part after the first, the first
speaker heard takes the meeting-wide label of the last speaker of the previous part (a turn running
across the cut keeps its speaker); every other part-local label gets a new meeting-wide label, the same
one throughout that part. Nothing guesses that a voice in one part is a voice from an earlier part, so
two people are never merged; one person may appear under two labels, and the user merges them by giving
both the same name in the transcript editor. Labels that are real names ("陳主席", from a server given
known speakers) are meeting-wide already and are kept. With no labels, speakers are "" and the user names
them in the editor.
"""

import logging
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import segment_language
from aiplus.llm import speech as llm
from aiplus.meetings.transcript import Segment, Transcript

logger = logging.getLogger("aiplus.meetings.audio")

SAMPLE_RATE = 16000
PART_SECONDS = 600.0  # about ten minutes of audio per request
SILENCE_NOISE = "-35dB"  # quieter than this counts as silence
SILENCE_MIN_SECONDS = 0.4
PROMPT_CHARS = 200  # the end of the previous part's text, given to the next as context
FFMPEG_SECONDS = 3600  # the longest any one ffmpeg run may take

_SILENCE_EVENT_RE = re.compile(r"silence_(start|end):\s*(-?\d+(?:\.\d+)?)")
_PART_LOCAL_LABEL_RE = re.compile(r"^(?:speaker|spk|spkr)?[\s_\-]*(?:\d{1,3}|[A-Z])$", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    start: float  # seconds from the start of the audio
    end: float


def speech_available() -> bool:
    """True when a recording can be transcribed: an endpoint, or a local model whose package is installed."""
    try:
        llm.speech_check()
    except AiplusError:
        return False
    return True


def transcribe_audio(
    path,
    *,
    actor,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    part_seconds: float = PART_SECONDS,
) -> Transcript:
    """A meeting recording (any format ffmpeg reads) as a transcript with times and, when the speech
    server diarises, speakers. ``progress(done_parts, total_parts)`` is called before the first part and
    after each one."""
    llm.speech_check()
    source = Path(path)
    if not source.is_file():
        raise AiplusError(ErrorCode.BAD_AUDIO, detail=f"{source} is not a file")
    limit = settings.AIPLUS_MAX_UPLOAD_BYTES
    if source.stat().st_size > limit:
        raise AiplusError(ErrorCode.TOO_LARGE, params={"limit_mb": limit // (1024 * 1024)})
    with tempfile.TemporaryDirectory(prefix="aiplus-audio-") as workdir:
        wav = Path(workdir) / "audio.wav"
        convert_to_wav(source, wav)
        duration = wav_duration(wav)
        if duration <= 0:
            raise AiplusError(ErrorCode.BAD_AUDIO, detail="the file holds no audio")
        silences = find_silences(wav) if duration > part_seconds else []
        parts = plan_parts(duration, silences, part_seconds=part_seconds)
        logger.info("transcribing audio seconds=%.1f parts=%d", duration, len(parts))
        if progress:
            progress(0, len(parts))
        speakers = SpeakerMap()
        segments: list[Segment] = []
        context = None
        for number, part in enumerate(parts):
            piece = Path(workdir) / f"part-{number:03d}.flac"
            cut_part(wav, piece, part)
            result = llm.transcribe(actor=actor, audio_path=piece, language=language, prompt=context)
            speakers.next_part()
            for spoken in result.segments:
                start = max(part.start + spoken.start, segments[-1].start if segments else 0.0)
                end = max(start, min(part.start + spoken.end, part.end))
                segments.append(
                    Segment(
                        index=len(segments),
                        speaker=speakers.label(spoken.speaker),
                        text=spoken.text,
                        start=round(start, 3),
                        end=round(end, 3),
                        language=segment_language(spoken.text),
                    )
                )
            spoken_text = " ".join(s.text for s in result.segments)
            context = spoken_text[-PROMPT_CHARS:] or context
            piece.unlink(missing_ok=True)
            if progress:
                progress(number + 1, len(parts))
    return Transcript(segments=segments, source_format="audio")


# --- ffmpeg -------------------------------------------------------------------------------------------


def _ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if not found:
        raise AiplusError(
            ErrorCode.BAD_AUDIO, detail="ffmpeg is not installed on this server (apt-get install ffmpeg)"
        )
    return found


# What ffmpeg may open for an input. An upload is a local file and nothing else: no network protocols, and
# only container formats that hold media themselves. A playlist (HLS .m3u8), a concat list or similar named
# "meeting.mp3" would otherwise make ffmpeg read the files or URLs it lists, and put them in a transcript.
PROTOCOL_WHITELIST = "file,pipe"
MEDIA_DEMUXERS = "aac,ac3,aiff,amr,asf,au,avi,caf,eac3,flac,matroska,mov,mp3,mpeg,mpegts,ogg,w64,wav,wv"


def _run_ffmpeg(arguments: list[str]) -> subprocess.CompletedProcess:
    """Run ffmpeg on ``arguments``, whose input (``-i``) is held to a local media file."""
    limits = ["-protocol_whitelist", PROTOCOL_WHITELIST, "-format_whitelist", MEDIA_DEMUXERS]
    position = arguments.index("-i")
    arguments = [*arguments[:position], *limits, *arguments[position:]]
    try:
        return subprocess.run(
            [_ffmpeg(), "-hide_banner", "-nostdin", *arguments],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=FFMPEG_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AiplusError(ErrorCode.BAD_AUDIO, detail="ffmpeg took too long") from exc


def _last_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def convert_to_wav(source: Path, target: Path) -> None:
    """Any audio or video file ffmpeg reads, as 16 kHz mono 16-bit WAV; the first audio stream is used."""
    done = _run_ffmpeg(
        [
            *("-y", "-i", str(source), "-map", "0:a:0", "-vn"),
            *("-ac", "1", "-ar", str(SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "wav", str(target)),
        ]
    )
    if done.returncode != 0 or not target.exists():
        raise AiplusError(
            ErrorCode.BAD_AUDIO, detail=f"ffmpeg could not convert the file: {_last_error_line(done.stderr)}"
        )


def wav_duration(path: Path) -> float:
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (wave.Error, EOFError) as exc:
        raise AiplusError(ErrorCode.BAD_AUDIO, detail=f"converted audio is unreadable: {exc}") from exc


def find_silences(path: Path) -> list[tuple[float, float]]:
    """(start, end) of every stretch of silence, from ffmpeg's silencedetect filter."""
    done = _run_ffmpeg(
        [
            "-i",
            str(path),
            "-af",
            f"silencedetect=noise={SILENCE_NOISE}:d={SILENCE_MIN_SECONDS}",
            "-f",
            "null",
            "-",
        ]
    )
    if done.returncode != 0:
        logger.warning("silence detection failed; cutting by time error=%s", _last_error_line(done.stderr))
        return []
    silences, opened = [], None
    for event in _SILENCE_EVENT_RE.finditer(done.stderr):
        if event.group(1) == "start":
            opened = max(0.0, float(event.group(2)))
        elif opened is not None:
            silences.append((opened, float(event.group(2))))
            opened = None
    return silences


def cut_part(wav: Path, target: Path, part: Part) -> None:
    done = _run_ffmpeg(
        [
            *("-y", "-i", str(wav), "-ss", f"{part.start:.3f}", "-t", f"{part.end - part.start:.3f}"),
            *("-ac", "1", "-ar", str(SAMPLE_RATE), "-c:a", "flac", str(target)),
        ]
    )
    if done.returncode != 0:
        raise AiplusError(
            ErrorCode.BAD_AUDIO, detail=f"ffmpeg could not cut the audio: {_last_error_line(done.stderr)}"
        )


# --- parts and speakers -------------------------------------------------------------------------------


def plan_parts(
    duration: float, silences: list[tuple[float, float]], *, part_seconds: float = PART_SECONDS
) -> list[Part]:
    """Parts of about `part_seconds`, each ending in the middle of the silence nearest its target end.

    A silence counts when its middle lies within a sixth of a part of the target; with none, the cut is
    hard, at the target. The last part may run up to a sixth longer, so no sliver of audio is left over.
    """
    window = part_seconds / 6
    middles = sorted((start + end) / 2 for start, end in silences)
    parts, start = [], 0.0
    while duration - start > part_seconds + window:
        target = start + part_seconds
        near = [m for m in middles if abs(m - target) <= window and m > start + window]
        cut = min(near, key=lambda m: abs(m - target)) if near else target
        parts.append(Part(start, cut))
        start = cut
    parts.append(Part(start, duration))
    return parts


class SpeakerMap:
    """Part-local speaker labels onto meeting-wide ones; the rule is in this module's docstring."""

    def __init__(self) -> None:
        self.count = 0
        self.last = ""  # meeting-wide label of the last labelled segment so far
        self.local: dict[str, str] = {}
        self.first_in_part = True

    def next_part(self) -> None:
        self.local = {}
        self.first_in_part = True

    def label(self, raw: str) -> str:
        raw = raw.strip()
        if not raw:
            return ""
        if not _PART_LOCAL_LABEL_RE.match(raw):
            self.last, self.first_in_part = raw, False
            return raw
        if raw not in self.local:
            if self.first_in_part and self.last:
                self.local[raw] = self.last
            else:
                self.count += 1
                self.local[raw] = f"Speaker {self.count}"
        self.first_in_part = False
        self.last = self.local[raw]
        return self.last
