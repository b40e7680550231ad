"""Transcript readers: every supported file becomes one canonical ``Transcript``.

``parse_transcript(data, filename)`` picks a reader from ``READERS`` (by content first, by extension
second), lets it read speaker, times and text, then numbers the segments from 0 and labels each one's
language with ``core.language.segment_language``. Text is kept exactly as spoken: no script conversion and
no rewriting of Cantonese.

Formats, as real tools export them:

- WebVTT (Teams, Zoom, YouTube): header, NOTE/STYLE/REGION blocks, cue identifiers and settings, ``<v Name>``
  voice tags, "Name: text" inside cues; one segment per cue (or per voice, when a cue holds two).
- SRT: numbered cues with "Name: text", "[Name] text" or "- text" (one segment per dash line).
- Plain text: "Name: text" lines (full-width colon too), time stamps before or after the name, Otter and
  Teams "Name  0:01:02" headings over their text; the meeting's header block (Date:, Present:, 出席：…) is
  skipped, unlabelled lines continue the segment before them, and a file naming nobody gives one segment
  per paragraph.
- DOCX: paragraphs read as plain text lines; tables of speaker, text (and time) columns read row by row.
- whisper and whisperX JSON, or a bare list of their segments.

A cue whose timing cannot be read is skipped with a logged warning when at most one cue in twenty (and at
least one cue in any file) is broken and two or more cues read well; more than that and the whole file is
refused, so a transcript is never half read in silence.

Files are read as UTF-8 (with or without BOM), UTF-16 with BOM, then Big5-HKSCS; anything else, or binary
content, is refused with ``BAD_TRANSCRIPT`` and an English detail for the log.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import segment_language
from aiplus.core.validation import repair_text
from aiplus.meetings.parsers.common import Source
from aiplus.meetings.parsers.cues import read_srt, read_vtt, sniff_srt, sniff_vtt
from aiplus.meetings.parsers.text import read_text
from aiplus.meetings.parsers.word import read_docx, read_whisper_json, sniff_docx, sniff_json
from aiplus.meetings.transcript import Segment, Transcript

logger = logging.getLogger("aiplus.meetings.parsers")

TRANSCRIPT_LIMIT_MB = 50


def read_limited(stream) -> bytes:
    """A transcript's bytes from a file or upload, reading no further than one byte past the limit, so an
    oversized file is refused by ``parse_transcript`` without being read whole into memory."""
    return stream.read(TRANSCRIPT_LIMIT_MB * 1024 * 1024 + 1)


def parse_transcript(data: bytes, filename: str) -> Transcript:
    """The transcript in ``data``, read by the reader its content (or else its extension) calls for.

    Raises ``AiplusError`` with ``TOO_LARGE`` over 50 MB, ``EMPTY_FILE`` when there is nothing in the file,
    and ``BAD_TRANSCRIPT`` when it is not a transcript aiplus can read.
    """
    if len(data) > TRANSCRIPT_LIMIT_MB * 1024 * 1024:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": TRANSCRIPT_LIMIT_MB}, detail=f"{len(data)} bytes")
    if not data.strip():
        raise AiplusError(ErrorCode.EMPTY_FILE, detail=filename)
    _refuse_known_binary(data)
    source = Source(data, filename)
    reader = reader_for(source)
    if reader.source_format != "docx" and not source.text.strip():
        raise AiplusError(ErrorCode.EMPTY_FILE, detail=filename)
    segments = [segment for segment in map(_without_broken_characters, reader.read(source)) if segment.text]
    if not segments:
        raise AiplusError(
            ErrorCode.BAD_TRANSCRIPT, detail=f"no speech found in the {reader.source_format} file"
        )
    for index, segment in enumerate(segments):
        segment.index = index
        segment.language = segment_language(segment.text)
    transcript = Transcript(segments=segments, source_format=reader.source_format)
    logger.info(
        "transcript read format=%s segments=%d speakers=%d file=%s",
        reader.source_format,
        len(segments),
        len(transcript.speakers),
        filename,
    )
    return transcript


def _without_broken_characters(segment: Segment) -> Segment:
    """A segment less what no page can show: control characters, and unpaired surrogates (JSON escapes)."""
    segment.speaker = repair_text("meeting.speaker", segment.speaker)
    segment.text = repair_text("meeting.turn", segment.text)
    return segment


# --- the registry ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptReader:
    source_format: str
    extensions: tuple[str, ...]
    sniff: Callable[[Source], bool]  # true when the content is plainly this format
    read: Callable[[Source], list[Segment]]


def reader_for(source: Source) -> TranscriptReader:
    """The reader whose sniff recognises the content; else the one for the extension; else plain text."""
    for reader in READERS:
        if reader.sniff(source):
            return reader
    by_extension = next((r for r in READERS if source.extension in r.extensions), None)
    return by_extension or READERS[-1]


_MAGIC = {
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Word or Office file (save it as DOCX)",
    b"{\\rtf": "an RTF document (save it as DOCX or text)",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"ID3": "an audio file",
    b"fLaC": "an audio file",
    b"OggS": "an audio file",
    b"\x1f\x8b": "a gzip archive",
}


def _refuse_known_binary(data: bytes) -> None:
    head = data[:16]
    kind = next((kind for magic, kind in _MAGIC.items() if head.startswith(magic)), None)
    if head.startswith(b"RIFF") or head[4:8] == b"ftyp":
        kind = "an audio or video file"
    if kind:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{kind}, not a transcript")


# Content sniffs run in this order; plain text, last, is the fallback for anything left.
READERS: list[TranscriptReader] = [
    TranscriptReader("docx", (".docx",), sniff_docx, read_docx),
    TranscriptReader("vtt", (".vtt", ".webvtt"), sniff_vtt, read_vtt),
    TranscriptReader("whisper-json", (".json",), sniff_json, read_whisper_json),
    TranscriptReader("srt", (".srt",), sniff_srt, read_srt),
    TranscriptReader("text", (".txt", ".text", ".md"), lambda source: False, read_text),
]
