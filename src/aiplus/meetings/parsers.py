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

import codecs
import html
import io
import json
import logging
import math
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import HAN_RE, has_han, is_wide, segment_language
from aiplus.core.validation import repair_text
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
    source = _Source(data, filename)
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


@dataclass
class _Source:
    data: bytes
    filename: str

    @property
    def extension(self) -> str:
        return PurePath(self.filename).suffix.lower()

    @cached_property
    def text(self) -> str:
        return decode_text(self.data)

    @cached_property
    def json(self) -> object:
        """The file as JSON, or None when it is not JSON."""
        if self.text.lstrip()[:1] not in ("{", "["):
            return None
        try:
            return json.loads(self.text)
        except ValueError:
            return None


@dataclass(frozen=True)
class TranscriptReader:
    source_format: str
    extensions: tuple[str, ...]
    sniff: Callable[[_Source], bool]  # true when the content is plainly this format
    read: Callable[[_Source], list[Segment]]


def reader_for(source: _Source) -> TranscriptReader:
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


# --- text decoding -----------------------------------------------------------------------------------------

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def decode_text(data: bytes) -> str:
    """The file as text, newlines normalised: UTF-8 (with or without BOM), UTF-16 with BOM, then Big5-HKSCS."""
    text = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"bad UTF-16 text: {exc.reason}") from exc
    else:
        for encoding in ("utf-8-sig", "big5hkscs"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="not UTF-8, UTF-16 or Big5 text")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL_RE.findall(text))
    if "\x00" in text or controls > len(text) / 100:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="binary content, not text")
    return _CONTROL_RE.sub("", text)


# --- shared pieces -----------------------------------------------------------------------------------------

_TIME = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_ASS_TAG_RE = re.compile(r"\{\\[^}]*\}")
_SENTENCE_END_RE = re.compile(r"[.?!。？！…]\s*$")


def _seconds(clock: str) -> float | None:
    """Seconds in "01:02:03.500", "1:02:03,5", "02:03.5" or "1:02"; None when it is not a real time."""
    match = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?", clock.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (float(f"0.{fraction}") if fraction else 0.0)


def _join(parts: list[str]) -> str:
    """Lines of one utterance as one text: a space between words, none between Chinese characters."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not (is_wide(text[-1]) and is_wide(part[0])):
            text += " "
        text += part
    return text


def _clean(line: str) -> str:
    """A caption line without markup: <c>, <b>, <i>, <font>, timestamp tags, {\\an8}, HTML entities."""
    return html.unescape(_ASS_TAG_RE.sub("", _TAG_RE.sub("", line))).replace("\u200e", "").strip()


# Field names of a meeting's header block, and labels that name no one.
_HEADER_FIELDS = frozenset(
    [
        "date",
        "time",
        "venue",
        "place",
        "location",
        "present",
        "absent",
        "apologies",
        "attendees",
        "attendance",
        "participants",
        "subject",
        "title",
        "meeting",
        "ref",
        "reference",
        "duration",
        "transcriber",
        "language",
        "note",
        "notes",
        "nb",
        "remarks",
        "url",
        "link",
        "agenda",
        "minutes",
        "summary",
        "action",
        "actions",
        "decision",
        "decisions",
        "resolved",
        "follow-up",
        "item",
        "日期",
        "時間",
        "时间",
        "地點",
        "地点",
        "會議地點",
        "会议地点",
        "出席",
        "出席者",
        "列席",
        "缺席",
        "主題",
        "主题",
        "議題",
        "议题",
        "議程",
        "议程",
        "會議",
        "会议",
        "備註",
        "备注",
        "註",
        "注",
        "附註",
        "附注",
        "記錄",
        "记录",
        "紀錄",
        "決定",
        "决定",
        "跟進",
        "跟进",
        "行動",
        "行动",
        "事項",
        "事项",
    ]
) | frozenset(
    ["in attendance", "also present", "by invitation", "recorded by", "transcribed by", "follow up"]
)
# Names that are speakers in a transcript but name the chair or secretary in a header block.
_HEADER_ROLES = frozenset(
    [
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "secretary",
        "主席",
        "秘書",
        "秘书",
        "記錄員",
        "记录员",
    ]
)
_NOT_NAME_RE = re.compile(
    r"^(?:agenda\s+)?(?:item|part|section|annex|appendix|paragraph|para|page|no)\.?\s*(?:\d+|[IVX]+\b)"
    r"|^第[\d一二三四五六七八九十]+[項项條条部節节]|^https?$|^www",
    re.IGNORECASE,
)
_NAME_CONNECTORS = frozenset(
    [
        "of",
        "for",
        "the",
        "and",
        "de",
        "da",
        "van",
        "von",
        "der",
        "bin",
        "binti",
        "al",
        "el",
        "le",
        "la",
        "di",
        "du",
    ]
)
_MACHINE_SPEAKER_RE = re.compile(r"^(?:speaker|spk|spkr)[ _-]?\d+$", re.IGNORECASE)
_SENTENCE_PUNCTUATION_RE = re.compile(r"[。！？!?；;，,、「」『』“”\"…]|\.(?!\S)|\.$")
_ABBREVIATION_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mdm|Miss|Dr|Prof|Hon|Sr|Jr|St|Ir|Rev|[A-Z])\.")
# "Leung, Margaret" as Teams and Outlook show a name.
_SURNAME_FIRST_RE = re.compile(r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*")
_PARENTHETICAL_RE = re.compile(r"\([^)]*\)|（[^）]*）|\[[^\]]*\]")


def speaker_name(name: str) -> str | None:
    """The speaker a label names ("Margaret Leung", "陳主席", "Speaker 1"), or None when the label is not a
    name: longer than 40 characters or six words, with sentence punctuation, a number or time, a header field
    ("Date", "出席") or a word such as "Note" or "Item 2"."""
    name = name.strip().strip("*_").strip()
    if not name or len(name) > 40:
        return None
    bare = _PARENTHETICAL_RE.sub("", name).strip()
    if not bare or not (has_han(bare) or re.search("[A-Za-z]", bare)):
        return None
    if bare.casefold() in _HEADER_FIELDS or _NOT_NAME_RE.search(bare):
        return None
    if _SURNAME_FIRST_RE.fullmatch(bare) and len(bare.split()) <= 4:
        return name
    if _SENTENCE_PUNCTUATION_RE.search(_ABBREVIATION_RE.sub("", bare)):
        return None
    if len(HAN_RE.findall(bare)) > 12:
        return None
    words = re.findall(r"[A-Za-z][\w'’-]*", bare)
    if words and not has_han(bare):
        if len(bare.split()) > 6:
            return None
        if not _MACHINE_SPEAKER_RE.match(bare):
            content = [w for w in words if w.casefold() not in _NAME_CONNECTORS]
            capitalised = sum(w[0].isupper() for w in content)
            if not words[0][0].isupper() or capitalised * 2 < len(content):
                return None
    return name


_LABEL_RE = re.compile(r"^(?P<name>[^:：]{1,40}?)\s*[:：]\s*(?P<text>.*)$")


def _label(line: str) -> tuple[str, str] | None:
    """(speaker, text) of a "Name: text" or "陳主席：text" line, when the part before the colon is a name."""
    match = _LABEL_RE.match(line.strip())
    if not match:
        return None
    name, text = match["name"], match["text"]
    if text.startswith("//") or (name[-1:].isdigit() and text[:1].isdigit()):  # a URL, a time, a ratio
        return None
    speaker = speaker_name(name)
    return (speaker, text.strip()) if speaker else None


def _segment(speaker: str, text: str, start: float | None = None, end: float | None = None) -> Segment:
    return Segment(index=0, speaker=speaker, text=text, start=start, end=end)


class _BrokenCues:
    """Cues that could not be read: skipped with a warning when few, the file refused when many."""

    def __init__(self, source: _Source, kind: str):
        self.source, self.kind, self.problems = source, kind, []

    def add(self, line_number: int, problem: str) -> None:
        self.problems.append(f"line {line_number}: {problem}")

    def check(self, good: int) -> None:
        if not self.problems:
            return
        tolerated = max(1, (good + len(self.problems)) // 20)
        if len(self.problems) > tolerated or good < 2:
            more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=self.problems[0] + more)
        for problem in self.problems:
            logger.warning("%s cue skipped file=%s %s", self.kind, self.source.filename, problem)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks, each with the 1-based number of its first line."""
    blocks, current, first = [], [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


# --- WebVTT and SRT ----------------------------------------------------------------------------------------

_CUE_TIMING_RE = re.compile(rf"^\s*(?P<start>{_TIME})\s*-->\s*(?P<end>{_TIME})(?:\s+.*)?$")
# A line that was meant as a cue timing ("00:00:05 -> 00:00:08"), to name the fault.
_TIMING_ATTEMPT_RE = re.compile(r"^\s*\d{1,2}:\d.*(?:->|–|—|-)")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]+)*(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_DASH_RE = re.compile(r"^[-–—]\s*(?P<text>.+)$")
_BRACKET_SPEAKER_RE = re.compile(r"^\[(?P<name>[^\]]{1,40})\]\s*(?P<text>.+)$")


def _cue_times(line: str) -> tuple[float, float] | None:
    match = _CUE_TIMING_RE.match(line)
    if not match:
        return None
    start, end = _seconds(match["start"]), _seconds(match["end"])
    if start is None or end is None or end < start:
        return None
    return start, end


def _cue_utterances(lines: list[str], speaker: str) -> list[tuple[str, str]]:
    """(speaker, text) of each voice in a cue. A cue naming nobody continues the previous cue's speaker;
    a dash line ("- Yes.") or ">>" starts an unnamed speaker."""
    raw = _ASS_TAG_RE.sub("", "\n".join(lines))
    utterances: list[tuple[str, list[str]]] = []
    if _VOICE_RE.search(raw):
        pieces = _VOICE_RE.split(raw)  # text, name, text, name, text...
        if pieces[0].strip():
            utterances.append((speaker, [_clean(p) for p in pieces[0].split("\n")]))
        for name, said in zip(pieces[1::2], pieces[2::2], strict=True):
            voice = (name or "").strip()
            if utterances and utterances[-1][0] == voice:
                utterances[-1][1].extend(_clean(p) for p in said.split("\n"))
            else:
                utterances.append((voice, [_clean(p) for p in said.split("\n")]))
    else:
        for line in (_clean(line) for line in lines):
            if not line:
                continue
            new_speaker = None
            if line.startswith(">>"):
                line, new_speaker = line[2:].strip(), ""
            elif dash := _DASH_RE.match(line):
                line, new_speaker = dash["text"], ""
            if (labelled := _label(line)) and labelled[1]:
                new_speaker, line = labelled
            elif (bracket := _BRACKET_SPEAKER_RE.match(line)) and speaker_name(bracket["name"]):
                new_speaker, line = bracket["name"].strip(), bracket["text"]
            if new_speaker is not None or not utterances:
                utterances.append((speaker if new_speaker is None else new_speaker, [line]))
            else:
                utterances[-1][1].append(line)
            speaker = utterances[-1][0]
    return [(who, text) for who, parts in utterances if (text := _join(parts))]


def _read_cues(source: _Source, blocks: list[tuple[int, list[str]]], kind: str) -> list[Segment]:
    segments: list[Segment] = []
    broken = _BrokenCues(source, kind)
    speaker, cues = "", 0
    for first, lines in blocks:
        timing_at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing_at is None:
            if kind == "SRT" and len(lines) == 1 and lines[0].strip().isdigit():
                continue  # a cue number with no cue after it
            attempt = next((i for i, line in enumerate(lines[:2]) if _TIMING_ATTEMPT_RE.match(line)), None)
            if attempt is None:
                broken.add(first, "text without a cue timing")
            else:
                broken.add(first + attempt, f"bad cue timing {lines[attempt].strip()!r}")
            continue
        times = _cue_times(lines[timing_at])
        if times is None:
            broken.add(first + timing_at, f"bad cue timing {lines[timing_at].strip()!r}")
            continue
        cues += 1
        for who, text in _cue_utterances(lines[timing_at + 1 :], speaker):
            segments.append(_segment(who, text, *times))
            speaker = who
    broken.check(cues)
    return segments


def _sniff_vtt(source: _Source) -> bool:
    return source.text.lstrip().startswith("WEBVTT")


def read_vtt(source: _Source) -> list[Segment]:
    """WebVTT cues in order; the header, NOTE, STYLE and REGION blocks are skipped."""
    blocks = _blocks(source.text)
    if blocks and blocks[0][1][0].lstrip().startswith("WEBVTT"):
        first, header = blocks.pop(0)
        timing = next((i for i, line in enumerate(header) if "-->" in line), None)
        if timing is not None:  # a cue written straight under the header, with no blank line
            keep = timing - 1 if timing >= 2 else timing  # with the identifier above its timing
            blocks.insert(0, (first + keep, header[keep:]))
    blocks = [
        (first, lines)
        for first, lines in blocks
        if not re.match(r"^(?:NOTE|STYLE|REGION)(?:\s|$)", lines[0].strip())
    ]
    return _read_cues(source, blocks, "WebVTT")


# SubRip's own time form, with a comma ("00:00:01,000"); WebVTT's dot form is left to the extension.
_SRT_START_RE = re.compile(r"^\s*(?:\d+\s*\n\s*)?\d{1,2}:\d{2}:\d{2},\d{1,3}\s*-->")


def _sniff_srt(source: _Source) -> bool:
    return bool(_SRT_START_RE.match(source.text.lstrip()))


def read_srt(source: _Source) -> list[Segment]:
    """SubRip cues in order, their numbers dropped and <i>, <b>, <font> and {\\an8} tags removed."""
    return _read_cues(source, _blocks(source.text), "SRT")


# --- plain text --------------------------------------------------------------------------------------------

_SEPARATOR = r"\s*(?:-->|-|–|—|~|to)\s*"
_LEADING_STAMP_RE = re.compile(
    rf"^(?:[\[(（]\s*(?P<start>{_TIME})(?:{_SEPARATOR}(?P<end>{_TIME}))?\s*[\])）]"
    rf"|(?P<bare_start>{_TIME})(?:{_SEPARATOR}(?P<bare_end>{_TIME}))?(?=\s|$))"
    r"\s*[-–—|:]?\s*(?P<rest>.*)$"
)
_NAME_STAMP_RE = re.compile(
    rf"^(?P<name>[^\[\]()（）:：]{{1,40}}?)\s*[\[(（]\s*(?P<start>{_TIME})\s*[\])）]\s*[:：]?\s*(?P<text>.*)$"
)
_HEADING_RE = re.compile(rf"^(?P<name>\S.{{0,39}}?)\s+(?P<start>{_TIME})\s*$")


@dataclass
class _Line:
    kind: str  # "speaker", "stamp" (times, no speaker), "plain"
    text: str
    speaker: str = ""
    start: float | None = None
    end: float | None = None


def _heading(line: str) -> tuple[str, float] | None:
    match = _HEADING_RE.match(line.strip())
    if not match or ":" in match["name"] or "：" in match["name"]:
        return None
    name, start = speaker_name(match["name"]), _seconds(match["start"])
    return (name, start) if name and start is not None else None


def _classify(line: str, headings: bool) -> _Line:
    line = line.strip()
    if stamp := _LEADING_STAMP_RE.match(line):
        start = _seconds(stamp["start"] or stamp["bare_start"])
        end_text = stamp["end"] or stamp["bare_end"]
        if start is not None:
            end = _seconds(end_text) if end_text else None
            rest = stamp["rest"]
            if labelled := _label(rest):
                return _Line("speaker", labelled[1], labelled[0], start, end)
            return _Line("stamp", rest, "", start, end)
    if (named := _NAME_STAMP_RE.match(line)) and (name := speaker_name(named["name"])):
        start = _seconds(named["start"])
        if start is not None:
            return _Line("speaker", named["text"].strip(), name, start)
    if headings and (heading := _heading(line)):
        return _Line("speaker", "", heading[0], heading[1])
    if labelled := _label(line):
        return _Line("speaker", labelled[1], labelled[0])
    return _Line("plain", line)


def _header_field(line: str) -> tuple[str, str] | None:
    """(field, value) of a "Name: value" line, the field folded for comparison."""
    match = _LABEL_RE.match(line.strip())
    if not match:
        return None
    return _PARENTHETICAL_RE.sub("", match["name"]).strip().strip("*_").casefold(), match["text"].strip()


def _is_header_entry(value: str) -> bool:
    """A short value with no sentence end: "陳大文", "Margaret Leung (Director)", not "Good morning."."""
    return len(value) <= 80 and not _SENTENCE_END_RE.search(value)


def _is_header_field(line: str) -> bool:
    """A meeting detail: "Date: …", "出席：…", or "Chair: Margaret Leung" (a role naming a person)."""
    field = _header_field(line)
    return bool(field) and (
        field[0] in _HEADER_FIELDS or (field[0] in _HEADER_ROLES and _is_header_entry(field[1]))
    )


def _body_start(lines: list[str], classified: list[_Line | None]) -> int:
    """Index of the first line of speech, after the meeting's header block (title, Date:, Present:, …).

    Within a paragraph that holds a header field, "role: name" lines ("主席：陳大文") are header too; a
    labelled line that reads as speech ("Chair: Good morning.") or any time-stamped line starts the body."""
    in_header = False
    for index, line in enumerate(lines):
        item = classified[index]
        if item is None:  # a blank line ends a header paragraph
            in_header = False
            continue
        if item.start is not None:
            return index
        if _is_header_field(line):
            in_header = True
            continue
        if item.kind == "speaker" and not (in_header and _is_header_entry(item.text)):
            return index
    return len(lines)


def _lead_in_is_header(lines: list[str], classified: list[_Line | None], body: int) -> bool:
    """Lines before the first speaker are a header when they hold a header field, a blank line sets them
    apart, or the speech is time-stamped from its first line; otherwise they are unnamed speech and kept."""
    lead = lines[:body]
    if not lead or not lead[-1].strip() or any(_is_header_field(line) for line in lead):
        return True
    first = classified[body] if body < len(classified) else None
    return first is not None and first.start is not None


def read_text_lines(lines: list[str], *, paragraph_per_line: bool = False) -> list[Segment]:
    """Segments of transcript lines (from a text file or a Word document's paragraphs)."""
    heading_count = sum(bool(_heading(line)) for line in lines if line.strip())
    classified = [_classify(line, heading_count >= 2) if line.strip() else None for line in lines]
    if not any(item and (item.kind == "speaker" or item.start is not None) for item in classified):
        return _paragraphs(lines, paragraph_per_line=paragraph_per_line)
    body = _body_start(lines, classified)
    if not _lead_in_is_header(lines, classified, body):
        body = next(i for i, line in enumerate(lines) if line.strip())
    segments: list[Segment] = []
    pending_stamp: _Line | None = None  # Teams: "0:0:0.0 --> 0:0:5.1", then the name, then the text
    for index in range(body, len(lines)):
        item = classified[index]
        if item is None:
            continue
        if pending_stamp is not None and item.kind == "plain":
            following = next((c for c in classified[index + 1 :] if c is not None), None)
            name = speaker_name(item.text)
            if name and following is not None and following.kind == "plain":
                segments[-1].speaker = name
                pending_stamp = None
                continue
        pending_stamp = None
        if item.kind == "speaker":
            segments.append(_segment(item.speaker, item.text, item.start, item.end))
        elif item.kind == "stamp":
            if item.text:
                segments.append(_segment("", item.text, item.start, item.end))
            else:
                pending_stamp = item
                segments.append(_segment("", "", item.start, item.end))
        elif segments:
            segments[-1].text = _join([segments[-1].text, item.text])
        else:
            segments.append(_segment("", item.text))
    return [segment for segment in segments if segment.text]


def _paragraphs(lines: list[str], *, paragraph_per_line: bool) -> list[Segment]:
    """One unnamed segment per paragraph, for a transcript that names no speakers; leading paragraphs of
    header fields (Date:, Venue:) are left out."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
            if paragraph_per_line:
                paragraphs.append([])
        elif paragraphs[-1]:
            paragraphs.append([])
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and any(_is_header_field(line) for line in paragraphs[0]):
        paragraphs.pop(0)
    return [_segment("", _join(p)) for p in paragraphs]


def read_text(source: _Source) -> list[Segment]:
    """A plain-text transcript: "Name: text" lines, time-stamped or not, after an optional header block."""
    return read_text_lines(source.text.split("\n"))


# --- Word documents ----------------------------------------------------------------------------------------

_SPEAKER_COLUMNS = frozenset(
    [
        "speaker",
        "name",
        "who",
        "person",
        "講者",
        "讲者",
        "發言人",
        "发言人",
        "發言者",
        "发言者",
        "姓名",
        "說話人",
        "说话人",
        "人物",
    ]
)
_TEXT_COLUMNS = frozenset(
    [
        "text",
        "transcript",
        "transcription",
        "speech",
        "content",
        "words",
        "utterance",
        "dialogue",
        "said",
        "remarks",
        "內容",
        "内容",
        "發言",
        "发言",
        "發言內容",
        "发言内容",
        "說話",
        "说话",
        "對白",
        "对白",
        "原文",
        "逐字稿",
    ]
) | frozenset(["what was said"])
_TIME_COLUMNS = frozenset(
    ["time", "timestamp", "timecode", "start", "時間", "时间", "時間碼", "时间码", "開始", "开始"]
) | frozenset(["start time"])


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
            continue
        seen.add(id(cell._tc))
        cells.append(cell.text.strip())
    return cells


def _table_columns(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """Which columns hold speaker, text and time, and the first body row; None for a table that is not a
    transcript (an attendance list, a table of figures)."""
    header = [_PARENTHETICAL_RE.sub("", cell).strip().rstrip(":：").casefold() for cell in rows[0]]
    columns: dict[str, int] = {}
    for role, names in (("speaker", _SPEAKER_COLUMNS), ("text", _TEXT_COLUMNS), ("time", _TIME_COLUMNS)):
        found = next((i for i, cell in enumerate(header) if cell in names), None)
        if found is not None:
            columns[role] = found
    if "speaker" in columns and "text" in columns:
        return columns, 1
    width = min(len(row) for row in rows)
    if width < 2:
        return None
    columns = {}
    for i in range(width):
        if sum(_seconds(row[i]) is not None for row in rows) >= 0.8 * len(rows):
            columns["time"] = i
            break
    rest = [i for i in range(width) if i != columns.get("time")]
    if len(rest) < 2:
        return None
    speaker_column, text_column = rest[0], rest[1]
    names = [row[speaker_column].rstrip(":：") for row in rows if row[speaker_column]]
    texts = [row[text_column] for row in rows if row[text_column]]
    if not names or not all(speaker_name(name) for name in names):
        return None
    if sum(bool(_SENTENCE_END_RE.search(text)) for text in texts) * 2 < len(texts):
        return None
    return {**columns, "speaker": speaker_column, "text": text_column}, 0


def _table_segments(rows: list[list[str]]) -> list[Segment] | None:
    rows = [row for row in rows if any(row)]
    found = _table_columns(rows) if rows else None
    if found is None:
        return None
    columns, first_row = found
    segments: list[Segment] = []
    for row in rows[first_row:]:
        speaker, text, time = (
            row[columns[role]] if role in columns and columns[role] < len(row) else ""
            for role in ("speaker", "text", "time")
        )
        speaker = speaker.rstrip(":：").strip()
        if not text:
            continue
        if not speaker and segments:  # a row continuing the speaker above
            segments[-1].text = _join([segments[-1].text, text])
            continue
        segments.append(_segment(speaker, text, _seconds(time) if time else None))
    return segments


def _sniff_docx(source: _Source) -> bool:
    return source.data.startswith(b"PK\x03\x04")


def read_docx(source: _Source) -> list[Segment]:
    """A Word transcript: paragraphs as text lines, and tables of speaker and text (and time) row by row.
    Other tables are read as lines; with transcript tables present, paragraphs naming no speaker (titles,
    headings) are left out."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    if not source.data.startswith(b"PK\x03\x04"):
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="not a DOCX file (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(source.data))
        blocks = list(document.iter_inner_content())
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        PackageNotFoundError,
        XMLSyntaxError,
        KeyError,
        ValueError,
    ) as exc:  # a damaged archive, or a zip that is not a Word document
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"not a readable DOCX file: {exc}") from exc
    # Runs of paragraph lines, and transcript tables already read, in document order.
    parts: list[list[str] | list[Segment]] = []
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.extend(block.text.split("\n") if block.text.strip() else [""])
            style = block.style.name if block.style is not None else ""
            if style.startswith(("Heading", "Title")):
                lines.append("")  # a heading stands apart from the speech under it
        elif isinstance(block, Table):
            rows = [_row_cells(row) for row in block.rows]
            table = _table_segments(rows)
            if table is None:
                lines.extend(" ".join(cell for cell in row if cell) for row in rows)
            else:
                parts += [lines, table]
                lines = []
    parts.append(lines)
    has_tables = len(parts) > 1
    segments: list[Segment] = []
    for part in parts:
        if part and isinstance(part[0], Segment):
            segments.extend(part)  # type: ignore[arg-type]
        elif any(line.strip() for line in part):  # type: ignore[union-attr]
            read = read_text_lines(part, paragraph_per_line=True)  # type: ignore[arg-type]
            if not has_tables or any(segment.speaker or segment.start is not None for segment in read):
                segments.extend(read)
    return segments


# --- whisper JSON ------------------------------------------------------------------------------------------


def _sniff_json(source: _Source) -> bool:
    return isinstance(source.json, dict | list)


def _json_time(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        seconds = _seconds(value)
        if seconds is None:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: bad time {value!r}")
        return seconds
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: bad time {value!r}")
    return float(value)


def _json_speaker(segment: dict) -> str:
    """The segment's speaker, or (whisperX before speaker assignment per segment) its words' main speaker."""
    if segment.get("speaker") not in (None, ""):
        return str(segment["speaker"]).strip()
    listed = segment.get("words")
    words = (
        [str(w["speaker"]) for w in listed if isinstance(w, dict) and w.get("speaker") not in (None, "")]
        if isinstance(listed, list)
        else []
    )
    return str(max(set(words), key=words.count)) if words else ""


def read_whisper_json(source: _Source) -> list[Segment]:
    """whisper or whisperX JSON (``{"text", "segments": [{"start", "end", "text", "speaker"?}], "language"}``),
    or a bare list of such segments; a file with only ``text`` gives one segment per paragraph."""
    data = source.json
    if data is None:
        try:
            json.loads(source.text)
        except ValueError as exc:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"not valid JSON: {exc}") from exc
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="not a JSON object or list")
    if isinstance(data, dict) and isinstance(data.get("segments"), list) and data["segments"]:
        items = data["segments"]
    elif isinstance(data, dict) and isinstance(data.get("text"), str) and not data.get("segments"):
        return _paragraphs(data["text"].replace("\r\n", "\n").split("\n"), paragraph_per_line=False)
    elif isinstance(data, list) and data:
        items = data
    else:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="JSON is not a whisper transcript (no segments)")
    segments = []
    for number, item in enumerate(items):
        where = f"segment {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: no text; not a whisper transcript")
        start, end = _json_time(item.get("start"), where), _json_time(item.get("end"), where)
        if start is not None and end is not None and end < start:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: ends before it starts")
        segments.append(_segment(_json_speaker(item), item["text"].strip(), start, end))
    return segments


# Content sniffs run in this order; plain text, last, is the fallback for anything left.
READERS: list[TranscriptReader] = [
    TranscriptReader("docx", (".docx",), _sniff_docx, read_docx),
    TranscriptReader("vtt", (".vtt", ".webvtt"), _sniff_vtt, read_vtt),
    TranscriptReader("whisper-json", (".json",), _sniff_json, read_whisper_json),
    TranscriptReader("srt", (".srt",), _sniff_srt, read_srt),
    TranscriptReader("text", (".txt", ".text", ".md"), lambda source: False, read_text),
]
