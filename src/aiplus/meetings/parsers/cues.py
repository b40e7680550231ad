"""WebVTT and SRT: cues in order, one segment per cue (or per voice, when a cue holds two)."""

import re

from aiplus.meetings.parsers.common import (
    ASS_TAG_RE,
    TIME,
    BrokenCues,
    Source,
    clean_caption,
    clock_seconds,
    join_lines,
    new_segment,
    speaker_label,
    speaker_name,
    text_blocks,
)
from aiplus.meetings.transcript import Segment

_CUE_TIMING_RE = re.compile(rf"^\s*(?P<start>{TIME})\s*-->\s*(?P<end>{TIME})(?:\s+.*)?$")
# A line that was meant as a cue timing ("00:00:05 -> 00:00:08"), to name the fault.
_TIMING_ATTEMPT_RE = re.compile(r"^\s*\d{1,2}:\d.*(?:->|–|—|-)")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]+)*(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_DASH_RE = re.compile(r"^[-–—]\s*(?P<text>.+)$")
_BRACKET_SPEAKER_RE = re.compile(r"^\[(?P<name>[^\]]{1,40})\]\s*(?P<text>.+)$")


def _cue_times(line: str) -> tuple[float, float] | None:
    match = _CUE_TIMING_RE.match(line)
    if not match:
        return None
    start, end = clock_seconds(match["start"]), clock_seconds(match["end"])
    if start is None or end is None or end < start:
        return None
    return start, end


def _cue_utterances(lines: list[str], speaker: str) -> list[tuple[str, str]]:
    """(speaker, text) of each voice in a cue. A cue naming nobody continues the previous cue's speaker;
    a dash line ("- Yes.") or ">>" starts an unnamed speaker."""
    raw = ASS_TAG_RE.sub("", "\n".join(lines))
    utterances: list[tuple[str, list[str]]] = []
    if _VOICE_RE.search(raw):
        pieces = _VOICE_RE.split(raw)  # text, name, text, name, text...
        if pieces[0].strip():
            utterances.append((speaker, [clean_caption(p) for p in pieces[0].split("\n")]))
        for name, said in zip(pieces[1::2], pieces[2::2], strict=True):
            voice = (name or "").strip()
            if utterances and utterances[-1][0] == voice:
                utterances[-1][1].extend(clean_caption(p) for p in said.split("\n"))
            else:
                utterances.append((voice, [clean_caption(p) for p in said.split("\n")]))
    else:
        for line in (clean_caption(line) for line in lines):
            if not line:
                continue
            new_speaker = None
            if line.startswith(">>"):
                line, new_speaker = line[2:].strip(), ""
            elif dash := _DASH_RE.match(line):
                line, new_speaker = dash["text"], ""
            if (labelled := speaker_label(line)) and labelled[1]:
                new_speaker, line = labelled
            elif (bracket := _BRACKET_SPEAKER_RE.match(line)) and speaker_name(bracket["name"]):
                new_speaker, line = bracket["name"].strip(), bracket["text"]
            if new_speaker is not None or not utterances:
                utterances.append((speaker if new_speaker is None else new_speaker, [line]))
            else:
                utterances[-1][1].append(line)
            speaker = utterances[-1][0]
    return [(who, text) for who, parts in utterances if (text := join_lines(parts))]


def _read_cues(source: Source, blocks: list[tuple[int, list[str]]], kind: str) -> list[Segment]:
    segments: list[Segment] = []
    broken = BrokenCues(source, kind)
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
            segments.append(new_segment(who, text, *times))
            speaker = who
    broken.check(cues)
    return segments


def sniff_vtt(source: Source) -> bool:
    return source.text.lstrip().startswith("WEBVTT")


def read_vtt(source: Source) -> list[Segment]:
    """WebVTT cues in order; the header, NOTE, STYLE and REGION blocks are skipped."""
    blocks = text_blocks(source.text)
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


def sniff_srt(source: Source) -> bool:
    return bool(_SRT_START_RE.match(source.text.lstrip()))


def read_srt(source: Source) -> list[Segment]:
    """SubRip cues in order, their numbers dropped and <i>, <b>, <font> and {\\an8} tags removed."""
    return _read_cues(source, text_blocks(source.text), "SRT")
