"""The canonical transcript every input becomes: numbered segments of speaker, start, end, language and
text. Cantonese, written Chinese and English mixed in one segment are kept exactly as spoken."""

from dataclasses import asdict, dataclass, field, replace

from aiplus.core.language import is_wide


@dataclass
class Segment:
    index: int  # position in the transcript, from 0; minutes cite segments by this number
    speaker: str  # as given by the source ("Speaker 1", "陳主席"); "" when the source names nobody
    text: str
    start: float | None = None  # seconds from the start of the meeting, when the source has times
    end: float | None = None
    language: str = ""  # "en", "zh-Hant", "zh-Hans", "yue" (Cantonese) or "mixed"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Transcript:
    segments: list[Segment] = field(default_factory=list)
    source_format: str = ""  # "vtt", "srt", "text", "docx", "whisper-json", "audio"

    @property
    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        return list(dict.fromkeys(s.speaker for s in self.segments if s.speaker))

    @property
    def duration(self) -> float | None:
        ends = [s.end for s in self.segments if s.end is not None]
        return max(ends) if ends else None

    def words(self) -> int:
        """Length in words, counting each Han character as a word."""
        from aiplus.core.language import word_count

        return sum(word_count(s.text) for s in self.segments)

    def as_dict(self) -> dict:
        return {"source_format": self.source_format, "segments": [s.as_dict() for s in self.segments]}

    @classmethod
    def from_dict(cls, data: dict) -> "Transcript":
        return cls(
            segments=[Segment(**segment) for segment in data.get("segments", [])],
            source_format=data.get("source_format", ""),
        )


# --- the secretary's edits ------------------------------------------------------------------------------
# Each returns a new transcript with segments renumbered from 0; minutes written before an edit cite the old
# numbers, so the caller marks them out of date.


def _renumbered(segments: list[Segment], source_format: str) -> Transcript:
    return Transcript(
        segments=[replace(segment, index=number) for number, segment in enumerate(segments)],
        source_format=source_format,
    )


def rename_speakers(transcript: Transcript, names: dict[str, str]) -> Transcript:
    """Give speakers their names ("Speaker 1" → "陳主席"). Two labels given one name become one speaker."""
    names = {old: new.strip() for old, new in names.items() if new.strip() and new.strip() != old}
    return _renumbered(
        [replace(s, speaker=names.get(s.speaker, s.speaker)) for s in transcript.segments],
        transcript.source_format,
    )


def edit_segment(transcript: Transcript, index: int, *, speaker: str, text: str) -> Transcript:
    """Correct one turn's speaker or words; a turn cannot be emptied (merge or delete it instead)."""
    _check_index(transcript, index)
    if not text.strip():
        raise ValueError("a turn needs some text")
    segments = list(transcript.segments)
    segments[index] = replace(segments[index], speaker=speaker.strip(), text=text.strip())
    return _renumbered(segments, transcript.source_format)


def merge_with_next(transcript: Transcript, index: int) -> Transcript:
    """Join a turn and the one after it into one turn of the first turn's speaker."""
    _check_index(transcript, index)
    if index + 1 >= len(transcript.segments):
        raise ValueError("the last turn has no next turn")
    first, second = transcript.segments[index], transcript.segments[index + 1]
    joiner = "" if is_wide(first.text[-1]) or is_wide(second.text[0]) else " "
    merged = replace(
        first,
        text=f"{first.text}{joiner}{second.text}",
        end=second.end if second.end is not None else first.end,
        language=first.language if first.language == second.language else "mixed",
    )
    segments = [*transcript.segments[:index], merged, *transcript.segments[index + 2 :]]
    return _renumbered(segments, transcript.source_format)


def split_segment(transcript: Transcript, index: int, at: int, *, speaker: str | None = None) -> Transcript:
    """Cut a turn in two at character ``at``; the second part may be given to another speaker. Times are
    shared out in proportion to the text's length."""
    _check_index(transcript, index)
    segment = transcript.segments[index]
    head, tail = segment.text[:at].strip(), segment.text[at:].strip()
    if not head or not tail:
        raise ValueError("a turn can only be cut between words")
    middle = None
    if segment.start is not None and segment.end is not None:
        middle = round(segment.start + (segment.end - segment.start) * at / len(segment.text), 2)
    first = replace(segment, text=head, end=middle if middle is not None else segment.end)
    second = replace(
        segment,
        text=tail,
        start=middle if middle is not None else segment.start,
        speaker=segment.speaker if speaker is None else speaker.strip(),
    )
    segments = [*transcript.segments[:index], first, second, *transcript.segments[index + 1 :]]
    return _renumbered(segments, transcript.source_format)


def _check_index(transcript: Transcript, index: int) -> None:
    if not 0 <= index < len(transcript.segments):
        raise ValueError(f"no turn {index}")
