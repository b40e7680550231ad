"""Plain-text transcripts: "Name: text" lines, time stamps, Otter and Teams headings, and the header block."""

import re
from dataclasses import dataclass

from aiplus.meetings.parsers.common import (
    LABEL_RE,
    PARENTHETICAL_RE,
    SENTENCE_END_RE,
    TIME,
    Source,
    clock_seconds,
    join_lines,
    new_segment,
    speaker_label,
    speaker_name,
    word_set,
)
from aiplus.meetings.transcript import Segment

_SEPARATOR = r"\s*(?:-->|-|–|—|~|to)\s*"
_LEADING_STAMP_RE = re.compile(
    rf"^(?:[\[(（]\s*(?P<start>{TIME})(?:{_SEPARATOR}(?P<end>{TIME}))?\s*[\])）]"
    rf"|(?P<bare_start>{TIME})(?:{_SEPARATOR}(?P<bare_end>{TIME}))?(?=\s|$))"
    r"\s*[-–—|:]?\s*(?P<rest>.*)$"
)
_NAME_STAMP_RE = re.compile(
    rf"^(?P<name>[^\[\]()（）:：]{{1,40}}?)\s*[\[(（]\s*(?P<start>{TIME})\s*[\])）]\s*[:：]?\s*(?P<text>.*)$"
)
_HEADING_RE = re.compile(rf"^(?P<name>\S.{{0,39}}?)\s+(?P<start>{TIME})\s*$")


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
    name, start = speaker_name(match["name"]), clock_seconds(match["start"])
    return (name, start) if name and start is not None else None


def _classify(line: str, headings: bool) -> _Line:
    line = line.strip()
    if stamp := _LEADING_STAMP_RE.match(line):
        start = clock_seconds(stamp["start"] or stamp["bare_start"])
        end_text = stamp["end"] or stamp["bare_end"]
        if start is not None:
            end = clock_seconds(end_text) if end_text else None
            rest = stamp["rest"]
            if labelled := speaker_label(rest):
                return _Line("speaker", labelled[1], labelled[0], start, end)
            return _Line("stamp", rest, "", start, end)
    if (named := _NAME_STAMP_RE.match(line)) and (name := speaker_name(named["name"])):
        start = clock_seconds(named["start"])
        if start is not None:
            return _Line("speaker", named["text"].strip(), name, start)
    if headings and (heading := _heading(line)):
        return _Line("speaker", "", heading[0], heading[1])
    if labelled := speaker_label(line):
        return _Line("speaker", labelled[1], labelled[0])
    return _Line("plain", line)


def _header_field(line: str) -> tuple[str, str] | None:
    """(field, value) of a "Name: value" line, the field folded for comparison."""
    match = LABEL_RE.match(line.strip())
    if not match:
        return None
    return PARENTHETICAL_RE.sub("", match["name"]).strip().strip("*_").casefold(), match["text"].strip()


def _is_header_entry(value: str) -> bool:
    """A short value with no sentence end: "陳大文", "Margaret Leung (Director)", not "Good morning."."""
    return len(value) <= 80 and not SENTENCE_END_RE.search(value)


def is_header_field(line: str) -> bool:
    """A meeting detail: "Date: …", "出席：…", or "Chair: Margaret Leung" (a role naming a person)."""
    field = _header_field(line)
    return bool(field) and (
        field[0] in word_set("header_fields")
        or (field[0] in word_set("header_roles") and _is_header_entry(field[1]))
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
        if is_header_field(line):
            in_header = True
            continue
        if item.kind == "speaker" and not (in_header and _is_header_entry(item.text)):
            return index
    return len(lines)


def _lead_in_is_header(lines: list[str], classified: list[_Line | None], body: int) -> bool:
    """Lines before the first speaker are a header when they hold a header field, a blank line sets them
    apart, or the speech is time-stamped from its first line; otherwise they are unnamed speech and kept."""
    lead = lines[:body]
    if not lead or not lead[-1].strip() or any(is_header_field(line) for line in lead):
        return True
    first = classified[body] if body < len(classified) else None
    return first is not None and first.start is not None


def read_text_lines(lines: list[str], *, paragraph_per_line: bool = False) -> list[Segment]:
    """Segments of transcript lines (from a text file or a Word document's paragraphs)."""
    heading_count = sum(bool(_heading(line)) for line in lines if line.strip())
    classified = [_classify(line, heading_count >= 2) if line.strip() else None for line in lines]
    if not any(item and (item.kind == "speaker" or item.start is not None) for item in classified):
        return paragraphs(lines, paragraph_per_line=paragraph_per_line)
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
            segments.append(new_segment(item.speaker, item.text, item.start, item.end))
        elif item.kind == "stamp":
            if item.text:
                segments.append(new_segment("", item.text, item.start, item.end))
            else:
                pending_stamp = item
                segments.append(new_segment("", "", item.start, item.end))
        elif segments:
            segments[-1].text = join_lines([segments[-1].text, item.text])
        else:
            segments.append(new_segment("", item.text))
    return [segment for segment in segments if segment.text]


def paragraphs(lines: list[str], *, paragraph_per_line: bool) -> list[Segment]:
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
    while paragraphs and any(is_header_field(line) for line in paragraphs[0]):
        paragraphs.pop(0)
    return [new_segment("", join_lines(p)) for p in paragraphs]


def read_text(source: Source) -> list[Segment]:
    """A plain-text transcript: "Name: text" lines, time-stamped or not, after an optional header block."""
    return read_text_lines(source.text.split("\n"))
