"""What the detector knows while it reads one segment: the people, the date, who speaks and to whom."""

import datetime
from dataclasses import dataclass

from aiplus.core.language import has_han
from aiplus.meetings.actions.people import Owner, People
from aiplus.meetings.dates import Due, find_due


@dataclass
class Context:
    people: People
    meeting_date: datetime.date | None
    segment: int = 0  # position of the segment being read
    speaker: str = ""
    vocative: Owner | None = None  # the person this segment is addressed to ("Mary, ...")
    committed: bool = False  # the speaker took something on earlier in this turn ("我嚟做，...")
    speaking_as: Owner | None = None  # whom an unnamed speaker just answered for ("Mary, ..." - "OK, I...")
    recap_from: int = 0  # a summing-up repeats what was said since the one before it


def piece_due(text: str, context: Context) -> tuple[str, Due | None]:
    """The text with its deadline (if any) cut out, and the deadline."""
    due = find_due(text, meeting_date=context.meeting_date)
    if due is None:
        return text, None
    before, after = text[: due.start], text[due.end :]
    joiner = "" if (has_han(before[-1:]) or has_han(after[:1])) else " "
    return (before.rstrip() + joiner + after.lstrip()).strip(), due
