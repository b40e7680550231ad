"""Forums over the REST API: the public registers and withdraws without a token (each address rate-limited);
organisers create events, list registrations, check people in and read the statistics with a token."""

from ninja import Path, Router, Status

from aiplus.core.schemas import error_responses
from aiplus.forums import services, statistics
from aiplus.forums.exports import statistics_download
from aiplus.forums.limits import RegistrationThrottle
from aiplus.forums.models import Event, Registration
from aiplus.forums.schemas import AttendeeOut, EventIn, EventOut, RegistrationIn, RegistrationOut, SessionIn

router = Router(tags=["forums"])

SLUG = Path(..., pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=50)
CODE = Path(..., pattern=r"^[A-Za-z0-9_-]{8,32}$")


def event_out(event: Event) -> dict:
    return {
        **{f: getattr(event, f) for f in EventIn.model_fields if f not in {"online_link", "moderated"}},
        "registration_open": event.registration_open,
        "seats_left": services.seats_left(event),
        "sessions": [_session_out(row) for row in services.programme(event)],
    }


def _session_out(row: dict) -> dict:
    session = row["session"]
    fields = ("kind", "title_en", "title_zh", "speaker", "room", "starts_at", "ends_at")
    return {
        **{f: getattr(session, f) for f in fields},
        "solution": str(row["solution"].public_id) if row["solution"] else None,
        "solution_name": row["solution_name"],
        "need": row["need"].pk if row["need"] else None,
        "need_title": row["need"].title if row["need"] else "",
    }


def registration_out(registration: Registration) -> dict:
    return {
        "code": registration.code,
        "event": registration.event.slug,
        "mode": registration.mode,
        "status": registration.status,
        "waitlist_position": services.waitlist_position(registration),
        "checked_in": registration.checked_in_at is not None,
    }


@router.get("/forums", auth=None, response={200: list[EventOut], **error_responses()})
def list_events(request):
    return [event_out(e) for e in services.events_upcoming()]


@router.post("/forums", response={201: EventOut, **error_responses(403, 409)})
def create_event(request, payload: EventIn):
    return Status(201, event_out(services.event_create(actor=request.auth, **payload.dict())))


@router.get("/forums/{slug}", auth=None, response={200: EventOut, **error_responses(404)})
def get_event(request, slug: str = SLUG):
    return event_out(services.event_for_public(slug))


@router.post("/forums/{slug}/sessions", response={201: EventOut, **error_responses(403, 404)})
def add_session(request, payload: SessionIn, slug: str = SLUG):
    event = services.event_for_public(slug)
    data = payload.dict()
    services.session_add(
        actor=request.auth, event=event, solution_id=data.pop("solution"), need_id=data.pop("need"), **data
    )
    return Status(201, event_out(event))


@router.post(
    "/forums/{slug}/registrations",
    auth=None,
    throttle=[RegistrationThrottle()],
    response={201: RegistrationOut, **error_responses(404, 409)},
)
def register(request, payload: RegistrationIn, slug: str = SLUG):
    event = services.event_for_public(slug)
    data = payload.dict()
    registration = services.registration_create(event=event, department_code=data.pop("department"), **data)
    return Status(201, registration_out(registration))


@router.get(
    "/forums/registrations/{code}", auth=None, response={200: RegistrationOut, **error_responses(404)}
)
def get_registration(request, code: str = CODE):
    return registration_out(services.registration_by_code(code))


@router.post(
    "/forums/registrations/{code}/withdraw",
    auth=None,
    response={200: RegistrationOut, **error_responses(404)},
)
def withdraw(request, code: str = CODE):
    return registration_out(services.registration_withdraw(code=code))


@router.get("/forums/{slug}/registrations", response={200: list[AttendeeOut], **error_responses(403, 404)})
def list_registrations(request, slug: str = SLUG, q: str = "", status: str = ""):
    event = services.event_for_public(slug)
    registrations = services.registrations_for(actor=request.auth, event=event, query=q, status=status)
    return [services.attendee_dict(r) for r in registrations]


@router.post(
    "/forums/registrations/{code}/check-in", response={200: AttendeeOut, **error_responses(403, 404, 409)}
)
def check_in(request, code: str = CODE):
    return services.attendee_dict(services.check_in(actor=request.auth, code=code))


@router.get("/forums/{slug}/statistics", response={200: dict, **error_responses(403, 404)})
def event_statistics(request, slug: str = SLUG):
    event = services.event_for_public(slug)
    figures = statistics.event_statistics(actor=request.auth, events=[event])
    return {"events": figures.events, "rows": figures.rows()}


@router.get("/forums/{slug}/statistics/{file_format}", response={200: None, **error_responses(403, 404)})
def event_statistics_file(request, slug: str = SLUG, file_format: str = Path(..., pattern="^(csv|xlsx)$")):
    event = services.event_for_public(slug)
    figures = statistics.event_statistics(actor=request.auth, events=[event])
    return statistics_download(figures, file_format, name=slug)
