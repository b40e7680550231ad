from datetime import datetime

from ninja import Schema


class SessionOut(Schema):
    kind: str
    title_en: str
    title_zh: str
    speaker: str
    room: str
    starts_at: datetime
    ends_at: datetime
    solution: str | None = None  # a published catalogue solution's id
    solution_name: str = ""
    need: int | None = None  # a department need published to vendors
    need_title: str = ""


class SessionIn(Schema):
    kind: str
    title_en: str
    title_zh: str = ""
    speaker: str = ""
    room: str = ""
    starts_at: datetime
    ends_at: datetime
    solution: str = ""
    need: int | None = None


class EventOut(Schema):
    slug: str
    title_en: str
    title_zh: str
    theme: str
    description: str
    mode: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    registration_open: bool
    seats_left: dict[str, int]
    sessions: list[SessionOut]


class EventIn(Schema):
    slug: str
    title_en: str
    title_zh: str = ""
    theme: str = ""
    description: str = ""
    mode: str = "hybrid"
    venue: str = ""
    online_link: str = ""
    starts_at: datetime
    ends_at: datetime
    capacity_in_person: int = 0
    capacity_online: int = 0
    moderated: bool = False


class RegistrationIn(Schema):
    mode: str
    name: str
    email: str
    organisation_type: str
    organisation: str
    department: str = ""
    consent: bool = False
    language: str = "en"


class RegistrationOut(Schema):
    code: str
    event: str
    mode: str
    status: str
    waitlist_position: int | None
    checked_in: bool


class AttendeeOut(Schema):
    code: str
    name: str
    email: str
    mode: str
    status: str
    organisation_type: str
    organisation: str
    department: str
    checked_in_at: datetime | None
    attended_online: bool
