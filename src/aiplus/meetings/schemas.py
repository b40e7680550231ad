from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict


class MeetingSummaryOut(Schema):
    id: int
    title: str
    meeting_date: date | None
    status: str
    source_filename: str
    source_format: str
    created_at: datetime


class MeetingOut(MeetingSummaryOut):
    department: str
    template: str
    language: str
    agenda: str
    error: str
    progress_done: int
    progress_total: int
    minutes_out_of_date: bool
    transcript: dict
    minutes: dict | None


class MinutesIn(Schema):
    """Write the minutes again; a field left out keeps the meeting's current choice."""

    model_config = ConfigDict(extra="forbid")

    template: str | None = None
    language: str | None = None
    agenda: str | None = None


class TranscriptEditIn(Schema):
    """One edit of the transcript: ``rename`` (names), ``segment`` (index, speaker, text), ``merge``
    (index, with the next turn) or ``split`` (index, at, optional speaker of the second part)."""

    model_config = ConfigDict(extra="forbid")

    edit: Literal["rename", "segment", "merge", "split"]
    names: dict[str, str] | None = None
    index: int | None = None
    speaker: str | None = None
    text: str | None = None
    at: int | None = None

    def arguments(self) -> dict:
        wanted = {
            "rename": ("names",),
            "segment": ("index", "speaker", "text"),
            "merge": ("index",),
            "split": ("index", "at", "speaker"),
        }[self.edit]
        return {name: getattr(self, name) for name in wanted if getattr(self, name) is not None}


class MinutesTemplateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str = ""
    sections: list[dict]


class MinutesTemplateOut(Schema):
    name: str
    title_en: str
    title_zh: str
    sections: list[dict]


class RoleSchema(Schema):
    """A role a department's speakers are labelled by, in English and Chinese (one may be empty)."""

    model_config = ConfigDict(extra="forbid")

    en: str = ""
    zh: str = ""


class RolesIn(Schema):
    """The department's whole list of roles; it replaces the list before."""

    model_config = ConfigDict(extra="forbid")

    roles: list[RoleSchema]
