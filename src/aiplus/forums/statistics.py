"""Who registered and who came, per event and across a series, and the online attendance import.

"Registered" counts every registration that was not withdrawn or declined; "attended" is checked in on the
day or found in the online meeting's attendance export; a "no-show" is a confirmed registration that did
not attend an event that has ended. Organisations reached are counted by name, case and spaces folded.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils import timezone

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import invalid
from aiplus.forums.models import Event, Registration, Status
from aiplus.forums.services import _require_organiser

# The address column of the attendance reports that Teams, Zoom and Webex export, as they name it.
EMAIL_COLUMNS = ("email", "e-mail", "email address", "attendee email", "user email", "participant email")
MAX_ATTENDANCE_BYTES = 5 * 1024 * 1024


@dataclass
class Figures:
    registered: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    attended: int = 0
    no_show: int = 0


@dataclass
class EventStatistics:
    events: list[str]
    total: Figures = field(default_factory=Figures)
    by_mode: dict[str, Figures] = field(default_factory=dict)
    by_organisation_type: dict[str, Figures] = field(default_factory=dict)
    by_department: dict[str, Figures] = field(default_factory=dict)
    departments_reached: int = 0
    organisations_reached: int = 0

    def rows(self) -> list[list]:
        """One table for CSV and XLSX: a row per breakdown value."""
        header = ["breakdown", "value", "registered", "confirmed", "waitlisted", "attended", "no_show"]
        rows = [header, ["all", "all", *_figure_values(self.total)]]
        for name, table in (
            ("mode", self.by_mode),
            ("organisation_type", self.by_organisation_type),
            ("department", self.by_department),
        ):
            rows += [[name, key, *_figure_values(figures)] for key, figures in sorted(table.items())]
        rows.append(["reached", "departments", self.departments_reached, "", "", "", ""])
        rows.append(["reached", "organisations", self.organisations_reached, "", "", "", ""])
        return rows


def _figure_values(figures: Figures) -> list[int]:
    return [figures.registered, figures.confirmed, figures.waitlisted, figures.attended, figures.no_show]


def _count(figures: Figures, registration: Registration, ended: bool) -> None:
    figures.registered += 1
    figures.confirmed += registration.status == Status.CONFIRMED
    figures.waitlisted += registration.status == Status.WAITLISTED
    figures.attended += registration.attended
    figures.no_show += ended and registration.status == Status.CONFIRMED and not registration.attended


def event_statistics(*, actor, events: list[Event]) -> EventStatistics:
    _require_organiser(actor)
    now = timezone.now()
    result = EventStatistics(events=[event.slug for event in events])
    departments, organisations = set(), set()
    registrations = (
        Registration.objects.filter(event__in=events)
        .exclude(status__in=[Status.WITHDRAWN, Status.DECLINED])
        .select_related("event", "department")
    )
    for registration in registrations:
        ended = registration.event.ends_at <= now
        department = registration.department.code if registration.department else "—"
        for table, key in (
            (result.by_mode, registration.mode),
            (result.by_organisation_type, registration.organisation_type),
            (result.by_department, department),
        ):
            _count(table.setdefault(key, Figures()), registration, ended)
        _count(result.total, registration, ended)
        if registration.department_id:
            departments.add(registration.department_id)
        organisations.add(" ".join(registration.organisation.casefold().split()))
    result.departments_reached = len(departments)
    result.organisations_reached = len(organisations)
    return result


@dataclass(frozen=True)
class AttendanceImport:
    marked: int
    already: int
    unknown: list[str]


def online_attendance_import(*, actor, event: Event, data: bytes) -> AttendanceImport:
    """Mark online registrations as attended from a meeting platform's attendance CSV (any column named
    like an e-mail address; Teams exports UTF-16, others UTF-8)."""
    _require_organiser(actor)
    if len(data) > MAX_ATTENDANCE_BYTES:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": MAX_ATTENDANCE_BYTES // (1024 * 1024)})
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    header_at = next(
        (i for i, row in enumerate(rows[:20]) if any(c.strip().casefold() in EMAIL_COLUMNS for c in row)),
        None,
    )
    if header_at is None:
        raise invalid("forum.attendance", "attendance_columns")
    header = [c.strip().casefold() for c in rows[header_at]]
    column = next(i for i, name in enumerate(header) if name in EMAIL_COLUMNS)
    emails = {
        row[column].strip().lower()
        for row in rows[header_at + 1 :]
        if len(row) > column and "@" in row[column]
    }
    online = event.registrations.filter(mode="online", status=Status.CONFIRMED)
    known = {r.email: r for r in online.filter(email__in=emails)}
    already = sum(1 for r in known.values() if r.attended_online)
    marked = online.filter(email__in=list(known), attended_online=False).update(attended_online=True)
    audit_record(actor=actor, action="forum.attendance_import", target=event.slug, marked=marked)
    return AttendanceImport(marked=marked, already=already, unknown=sorted(emails - set(known)))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise invalid("forum.attendance", "attendance_encoding")
