"""Meetings written as "Speaker: text" lines, read by the action detector, for the action tests. The
meetings are on Wednesday 4 March 2026."""

import datetime

from aiplus.meetings.actions import detect
from aiplus.meetings.transcript import Segment

WEDNESDAY = datetime.date(2026, 3, 4)


def meeting(*lines: str) -> list[Segment]:
    """Segments from "Speaker: text" lines."""
    segments = []
    for index, line in enumerate(lines):
        speaker, _, text = line.partition(": ")
        segments.append(Segment(index=index, speaker=speaker, text=text))
    return segments


def actions_of(*lines: str, attendees=()):
    return detect(meeting(*lines), meeting_date=WEDNESDAY, attendees=list(attendees))[1]


def decisions_of(*lines: str):
    return detect(meeting(*lines), meeting_date=WEDNESDAY)[0]


def only(items):
    assert len(items) == 1, items
    return items[0]
