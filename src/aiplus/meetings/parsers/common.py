"""What every transcript reader shares: the source file and its decoding, times, speaker labels, cue blocks,
and the word lists in ``data/`` (one entry a line, ``#`` for notes)."""

import codecs
import html
import json
import logging
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path, PurePath

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import HAN_RE, has_han, is_wide
from aiplus.meetings.transcript import Segment

logger = logging.getLogger("aiplus.meetings.parsers")

DATA = Path(__file__).resolve().parent / "data"


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of the word list ``data/NAME.txt``."""
    lines = (DATA / f"{name}.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@dataclass
class Source:
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

TIME = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
ASS_TAG_RE = re.compile(r"\{\\[^}]*\}")
SENTENCE_END_RE = re.compile(r"[.?!。？！…]\s*$")


def clock_seconds(clock: str) -> float | None:
    """Seconds in "01:02:03.500", "1:02:03,5", "02:03.5" or "1:02"; None when it is not a real time."""
    match = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?", clock.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (float(f"0.{fraction}") if fraction else 0.0)


def join_lines(parts: list[str]) -> str:
    """Lines of one utterance as one text: a space between words, none between Chinese characters."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not (is_wide(text[-1]) and is_wide(part[0])):
            text += " "
        text += part
    return text


def clean_caption(line: str) -> str:
    """A caption line without markup: <c>, <b>, <i>, <font>, timestamp tags, {\\an8}, HTML entities."""
    return html.unescape(ASS_TAG_RE.sub("", _TAG_RE.sub("", line))).replace("\u200e", "").strip()


_NOT_NAME_RE = re.compile(
    r"^(?:agenda\s+)?(?:item|part|section|annex|appendix|paragraph|para|page|no)\.?\s*(?:\d+|[IVX]+\b)"
    r"|^第[\d一二三四五六七八九十]+[項项條条部節节]|^https?$|^www",
    re.IGNORECASE,
)
_MACHINE_SPEAKER_RE = re.compile(r"^(?:speaker|spk|spkr)[ _-]?\d+$", re.IGNORECASE)
_SENTENCE_PUNCTUATION_RE = re.compile(r"[。！？!?；;，,、「」『』“”\"…]|\.(?!\S)|\.$")
_ABBREVIATION_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mdm|Miss|Dr|Prof|Hon|Sr|Jr|St|Ir|Rev|[A-Z])\.")
# "Leung, Margaret" as Teams and Outlook show a name.
_SURNAME_FIRST_RE = re.compile(r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*")
PARENTHETICAL_RE = re.compile(r"\([^)]*\)|（[^）]*）|\[[^\]]*\]")


def speaker_name(name: str) -> str | None:
    """The speaker a label names ("Margaret Leung", "陳主席", "Speaker 1"), or None when the label is not a
    name: longer than 40 characters or six words, with sentence punctuation, a number or time, a header field
    ("Date", "出席") or a word such as "Note" or "Item 2"."""
    name = name.strip().strip("*_").strip()
    if not name or len(name) > 40:
        return None
    bare = PARENTHETICAL_RE.sub("", name).strip()
    if not bare or not (has_han(bare) or re.search("[A-Za-z]", bare)):
        return None
    if bare.casefold() in word_set("header_fields") or _NOT_NAME_RE.search(bare):
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
            content = [w for w in words if w.casefold() not in word_set("name_connectors")]
            capitalised = sum(w[0].isupper() for w in content)
            if not words[0][0].isupper() or capitalised * 2 < len(content):
                return None
    return name


LABEL_RE = re.compile(r"^(?P<name>[^:：]{1,40}?)\s*[:：]\s*(?P<text>.*)$")


def speaker_label(line: str) -> tuple[str, str] | None:
    """(speaker, text) of a "Name: text" or "陳主席：text" line, when the part before the colon is a name."""
    match = LABEL_RE.match(line.strip())
    if not match:
        return None
    name, text = match["name"], match["text"]
    if text.startswith("//") or (name[-1:].isdigit() and text[:1].isdigit()):  # a URL, a time, a ratio
        return None
    speaker = speaker_name(name)
    return (speaker, text.strip()) if speaker else None


def new_segment(speaker: str, text: str, start: float | None = None, end: float | None = None) -> Segment:
    return Segment(index=0, speaker=speaker, text=text, start=start, end=end)


class BrokenCues:
    """Cues that could not be read: skipped with a warning when few, the file refused when many."""

    def __init__(self, source: Source, kind: str):
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


def text_blocks(text: str) -> list[tuple[int, list[str]]]:
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
