"""Forums: events, registration with a waitlist per mode, withdrawal and promotion, check-in.

Seats are counted inside a transaction that holds the event's row (``select_for_update``; SQLite takes its
write lock at the start of every transaction, see ``aiplus.env``), so concurrent registrations never give
away more seats than there are: the 101st of 200 simultaneous sign-ups for 100 seats is waitlisted. A
withdrawal frees its seat for the earliest registration waiting in the same mode, in the same transaction.
"""

import logging
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from aiplus.catalogue.selectors import is_office
from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.selectors import department_by_code
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text, invalid
from aiplus.forums.models import (
    Event,
    EventMode,
    Mode,
    OrganisationType,
    Registration,
    Series,
    Session,
    SessionKind,
    Status,
)

logger = logging.getLogger("aiplus.forums")

LIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)


def can_organise(actor) -> bool:
    """Organisers run forums for the whole programme: platform administrators, and the innovation office
    (the people the catalogue's review permission is given to)."""
    return is_office(actor)


def _require_organiser(actor) -> None:
    if not can_organise(actor):
        raise AiplusError(ErrorCode.FORBIDDEN)


def _choice(field: str, value, choices) -> str:
    if value not in choices.values:
        raise invalid(field, "one_of", choices=", ".join(choices.values))
    return value


def event_create(
    *,
    actor,
    slug: str,
    title_en: str,
    starts_at: datetime,
    ends_at: datetime,
    title_zh: str = "",
    theme: str = "",
    description: str = "",
    mode: str = EventMode.HYBRID,
    venue: str = "",
    online_link: str = "",
    capacity_in_person: int = 0,
    capacity_online: int = 0,
    moderated: bool = False,
    series: Series | None = None,
) -> Event:
    _require_organiser(actor)
    mode = _choice("forum.mode", mode, EventMode)
    if ends_at <= starts_at:
        raise invalid("forum.ends_at", "after_start")
    event = Event(
        slug=clean_text("forum.slug", slug),
        title_en=clean_text("forum.title", title_en),
        title_zh=clean_text("forum.title_zh", title_zh),
        theme=clean_text("forum.theme", theme),
        description=clean_text("forum.description", description),
        mode=mode,
        venue=clean_text("forum.venue", venue),
        online_link=clean_text("forum.online_link", online_link),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity_in_person=clean_number("forum.capacity", capacity_in_person),
        capacity_online=clean_number("forum.capacity", capacity_online),
        moderated=bool(moderated),
        series=series,
        created_by=actor_user(actor),
    )
    if event.online_link and not event.online_link.startswith(("https://", "http://")):
        raise invalid("forum.online_link", "url")
    if Event.objects.filter(slug=event.slug).exists():
        raise AiplusError(ErrorCode.CONFLICT)
    event.save()
    audit_record(actor=actor, action="forum.create", target=event.slug)
    return event


def event_for_public(slug: str) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise AiplusError(ErrorCode.NOT_FOUND)
    return event


def seats_taken(event: Event, mode: str) -> int:
    return event.registrations.filter(mode=mode, status=Status.CONFIRMED).count()


def _seat_or_wait(event: Event, mode: str) -> str:
    return Status.CONFIRMED if seats_taken(event, mode) < event.capacity(mode) else Status.WAITLISTED


def registration_create(
    *,
    event: Event,
    mode: str,
    name: str,
    email: str,
    organisation_type: str,
    organisation: str,
    consent: bool,
    department_code: str = "",
    language: str = "en",
) -> Registration:
    """Register one person. Confirmed while seats remain in the mode, waitlisted after; pending for a
    moderated event (an organiser approves). One live registration per e-mail address and event."""
    if mode not in event.modes():
        raise invalid("forum.registration_mode", "one_of", choices=", ".join(event.modes()))
    name = clean_text("forum.person_name", name)
    email = clean_text("forum.email", email).lower()
    try:
        EmailValidator()(email)
    except ValidationError:
        raise invalid("forum.email", "email") from None
    organisation_type = _choice("forum.organisation_type", organisation_type, OrganisationType)
    organisation = clean_text("forum.organisation", organisation)
    if consent is not True:
        raise invalid("forum.consent", "consent")
    department = department_by_code(str(department_code)) if department_code else None
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if not locked.registration_open or locked.ends_at <= timezone.now():
                raise AiplusError(ErrorCode.REGISTRATION_CLOSED)
            if locked.registrations.filter(email=email, status__in=LIVE).exists():
                raise AiplusError(ErrorCode.ALREADY_REGISTERED)
            status = Status.PENDING if locked.moderated else _seat_or_wait(locked, mode)
            registration = Registration.objects.create(
                event=locked,
                mode=mode,
                status=status,
                name=name,
                email=email,
                organisation_type=organisation_type,
                organisation=organisation,
                department=department,
                consented_at=timezone.now(),
                language="zh-hant" if str(language).lower().startswith("zh") else "en",
                code=secrets.token_urlsafe(18),
            )
    except IntegrityError:  # the same address registering twice at the same moment
        raise AiplusError(ErrorCode.ALREADY_REGISTERED) from None
    logger.info("registration event=%s mode=%s status=%s", event.slug, mode, status)
    return registration


def registration_by_code(code: str) -> Registration:
    registration = Registration.objects.select_related("event").filter(code=str(code)[:32]).first()
    if registration is None or not code:
        raise AiplusError(ErrorCode.NOT_FOUND)
    return registration


def _promote(event: Event, mode: str) -> Registration | None:
    """Give a free seat in ``mode`` to the earliest waiting registration. Called with the event row held."""
    if seats_taken(event, mode) >= event.capacity(mode):
        return None
    waiting = (
        event.registrations.filter(mode=mode, status=Status.WAITLISTED).order_by("queued_at", "pk").first()
    )
    if waiting is not None:
        waiting.status = Status.CONFIRMED
        waiting.save(update_fields=["status"])
        logger.info("promoted event=%s mode=%s registration=%s", event.slug, mode, waiting.pk)
    return waiting


def registration_withdraw(*, code: str) -> Registration:
    """The holder of a registration's code withdraws it; a confirmed seat goes to the next in line."""
    with transaction.atomic():
        registration = registration_by_code(code)
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status not in LIVE:
            return registration
        registration.status = Status.WITHDRAWN
        registration.withdrawn_at = timezone.now()
        registration.save(update_fields=["status", "withdrawn_at"])
        _promote(event, registration.mode)
    return registration


def registration_decide(*, actor, registration: Registration, approve: bool) -> Registration:
    """An organiser approves a pending registration (it takes a seat or joins the waitlist) or declines it."""
    _require_organiser(actor)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status != Status.PENDING:
            raise AiplusError(ErrorCode.CONFLICT)
        registration.status = _seat_or_wait(event, registration.mode) if approve else Status.DECLINED
        registration.save(update_fields=["status"])
    audit_record(
        actor=actor, action="forum.registration_decide", target=str(registration.pk), approve=approve
    )
    return registration


def capacity_set(*, actor, event: Event, capacity_in_person: int, capacity_online: int) -> Event:
    """Change the seats; added seats go to the waitlist in order at once."""
    _require_organiser(actor)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.capacity_in_person = clean_number("forum.capacity", capacity_in_person)
        locked.capacity_online = clean_number("forum.capacity", capacity_online)
        locked.save(update_fields=["capacity_in_person", "capacity_online"])
        for mode in Mode.values:
            while _promote(locked, mode) is not None:
                pass
    return locked


def check_in(*, actor, code: str) -> Registration:
    """Mark a confirmed registration as arrived (scanning its QR code opens the check-in link)."""
    _require_organiser(actor)
    registration = registration_by_code(code)
    if registration.status != Status.CONFIRMED:
        raise AiplusError(ErrorCode.NOT_CONFIRMED, {"status": registration.get_status_display()})
    if registration.checked_in_at is None:
        updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now(), checked_in_by=actor_user(actor)
        )
        if updated:
            audit_record(actor=actor, action="forum.check_in", target=str(registration.pk))
        registration.refresh_from_db()
    return registration


def registrations_for(*, actor, event: Event, query: str = "", status: str = ""):
    _require_organiser(actor)
    registrations = event.registrations.select_related("department")
    if status:
        registrations = registrations.filter(status=_choice("forum.status", status, Status))
    if query:
        query = clean_text("search.query", query)
        registrations = registrations.filter(name__icontains=query) | registrations.filter(
            email__icontains=query
        )
    return registrations.order_by("queued_at", "pk")


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Status.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        mode=registration.mode, status=Status.WAITLISTED, queued_at__lt=registration.queued_at
    ).count()
    same_time = registration.event.registrations.filter(
        mode=registration.mode,
        status=Status.WAITLISTED,
        queued_at=registration.queued_at,
        pk__lt=registration.pk,
    ).count()
    return ahead + same_time + 1


def seats_left(event: Event) -> dict[str, int]:
    return {mode: max(0, event.capacity(mode) - seats_taken(event, mode)) for mode in event.modes()}


def events_upcoming():
    """Events the public can still register for, soonest first."""
    return (
        Event.objects.filter(ends_at__gte=timezone.now(), registration_open=True)
        .prefetch_related("sessions")
        .order_by("starts_at")
    )


def attendee_dict(registration: Registration) -> dict:
    return {
        "code": registration.code,
        "name": registration.name,
        "email": registration.email,
        "mode": registration.mode,
        "status": registration.status,
        "organisation_type": registration.organisation_type,
        "organisation": registration.organisation,
        "department": registration.department.code if registration.department else "",
        "checked_in_at": registration.checked_in_at,
        "attended_online": registration.attended_online,
    }


# Which sessions may show what from the catalogue: a booth demonstrates a solution; a matching slot pairs a
# solution with a department's need.
LINKS = {SessionKind.DEMO_BOOTH: {"solution"}, SessionKind.MATCHING: {"solution", "need"}}


def session_links_check(*, kind: str, solution=None, need=None) -> None:
    """A session shows only what the public may see: a published solution, a need published to vendors, and
    only on the kinds of session that are about them."""
    from aiplus.catalogue.models import NeedVisibility, SolutionStatus

    allowed = LINKS.get(kind, set())
    if solution is not None and ("solution" not in allowed or solution.status != SolutionStatus.PUBLISHED):
        raise invalid("forum.session_solution", "session_solution")
    if need is not None and ("need" not in allowed or need.visibility != NeedVisibility.PUBLISHED):
        raise invalid("forum.session_need", "session_need")


def session_add(
    *,
    actor,
    event: Event,
    kind: str,
    title_en: str,
    starts_at,
    ends_at,
    title_zh: str = "",
    speaker: str = "",
    room: str = "",
    solution_id: str = "",
    need_id: int | None = None,
) -> Session:
    from aiplus.catalogue.models import Need, Solution

    _require_organiser(actor)
    kind = _choice("forum.session_kind", kind, SessionKind)
    if ends_at <= starts_at:
        raise invalid("forum.ends_at", "after_start")
    solution = Solution.objects.filter(public_id=solution_id).first() if solution_id else None
    need = Need.objects.filter(pk=need_id).first() if need_id else None
    if (solution_id and solution is None) or (need_id and need is None):
        raise AiplusError(ErrorCode.NOT_FOUND, detail="session link")
    session_links_check(kind=kind, solution=solution, need=need)
    return Session.objects.create(
        event=event,
        kind=kind,
        title_en=clean_text("forum.title", title_en),
        title_zh=clean_text("forum.title_zh", title_zh),
        speaker=clean_text("forum.venue", speaker),
        room=clean_text("forum.venue", room),
        starts_at=starts_at,
        ends_at=ends_at,
        solution=solution,
        need=need,
    )


def programme(event: Event, *, language: str = "en") -> list[dict]:
    """The sessions as the public sees them: a link to a solution or a need is shown only while it is still
    published (a solution suspended or a need made internal after the programme was set drops out)."""
    from aiplus.catalogue.models import NeedVisibility, SolutionStatus

    rows = []
    for session in event.sessions.select_related("solution__current_version", "need"):
        solution, need = session.solution, session.need
        shown = solution if solution is not None and solution.status == SolutionStatus.PUBLISHED else None
        rows.append(
            {
                "session": session,
                "solution": shown,
                "solution_name": shown.current_version.name(language)
                if shown and shown.current_version
                else "",
                "need": need if need is not None and need.visibility == NeedVisibility.PUBLISHED else None,
            }
        )
    return rows
