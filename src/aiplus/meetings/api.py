"""REST endpoints for meetings: upload a transcript or recording, follow its progress, edit the transcript,
write the minutes again and download them. Each calls a selector or a service and shapes the output."""

from datetime import date

from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.schemas import error_responses
from aiplus.core.views import download_response
from aiplus.meetings import services
from aiplus.meetings.models import Meeting
from aiplus.meetings.roles import Role
from aiplus.meetings.schemas import (
    MeetingOut,
    MeetingSummaryOut,
    MinutesIn,
    MinutesTemplateIn,
    MinutesTemplateOut,
    RoleSchema,
    RolesIn,
    TranscriptEditIn,
)
from aiplus.meetings.selectors import meeting_for_reading, meetings_visible_to, roles_for, templates_for

router = Router(tags=["meetings"])


def _meeting_out(meeting: Meeting) -> dict:
    return {
        **{field: getattr(meeting, field) for field in MeetingSummaryOut.model_fields},
        "department": meeting.department.code,
        "template": meeting.template,
        "language": meeting.language,
        "agenda": meeting.agenda,
        "error": meeting.error_message,
        "progress_done": meeting.progress_done,
        "progress_total": meeting.progress_total,
        "minutes_out_of_date": meeting.minutes_out_of_date,
        "transcript": meeting.transcript,
        "minutes": meeting.minutes,
    }


@router.get("/meetings", response={200: list[MeetingSummaryOut], **error_responses()})
def list_meetings(request):
    return list(meetings_visible_to(request.user)[:500])


@router.post("/meetings", response={202: MeetingOut, **error_responses(403, 415, 503)})
def create_meeting(
    request,
    file: UploadedFile = File(...),
    title: str = Form(""),
    meeting_date: date | None = Form(None),
    agenda: str = Form(""),
    template: str = Form("general"),
    language: str = Form("en"),
):
    """Upload a transcript (read at once; a broken one is refused) or a recording (transcribed by a worker).
    The minutes are written in the background: poll the meeting until its status is ready or failed."""
    meeting = services.meeting_create(
        actor=request.user,
        stream=file,
        filename=file.name or "transcript.txt",
        title=title,
        meeting_date=meeting_date,
        agenda=agenda,
        template=template,
        language=language,
    )
    return Status(202, _meeting_out(meeting))


@router.get("/meetings/templates", response={200: list[MinutesTemplateOut], **error_responses()})
def list_templates(request):
    return [template.as_dict() for template in templates_for(request.user.department_id)]


@router.post("/meetings/templates", response={201: MinutesTemplateOut, **error_responses(403, 409)})
def create_template(request, payload: MinutesTemplateIn):
    record = services.minutes_template_create(
        actor=request.user, name=payload.name, title=payload.title, sections=payload.sections
    )
    return Status(
        201,
        {
            "name": record.name,
            "title_en": record.title,
            "title_zh": record.title,
            "sections": record.sections,
        },
    )


@router.get("/meetings/roles", response={200: list[RoleSchema], **error_responses()})
def list_roles(request):
    """The roles your department's speakers are labelled by ("Chair | 主席"): minutes call them "the Chair"
    and "主席" and never take them for names. Government defaults until a department administrator sets them."""
    return [role.as_dict() for role in roles_for(request.user.department_id)]


@router.put("/meetings/roles", response={200: list[RoleSchema], **error_responses(400, 403)})
def set_roles(request, payload: RolesIn):
    """Replace your department's roles (department administrators)."""
    roles = services.meeting_roles_update(
        actor=request.user, roles=[Role(role.en, role.zh) for role in payload.roles]
    )
    return [role.as_dict() for role in roles]


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **error_responses(404)})
def get_meeting(request, meeting_id: int):
    return _meeting_out(meeting_for_reading(request.user, meeting_id))


@router.delete("/meetings/{meeting_id}", response={204: None, **error_responses(403, 404, 409)})
def delete_meeting(request, meeting_id: int):
    services.meeting_delete(actor=request.user, meeting=meeting_for_reading(request.user, meeting_id))
    return Status(204, None)


@router.post(
    "/meetings/{meeting_id}/transcript", response={200: MeetingOut, **error_responses(403, 404, 409)}
)
def edit_transcript(request, meeting_id: int, payload: TranscriptEditIn):
    """Rename speakers, correct a turn, merge a turn with the next or split one; the minutes are then marked
    out of date until written again."""
    meeting = services.transcript_edit(
        actor=request.user,
        meeting=meeting_for_reading(request.user, meeting_id),
        edit=payload.edit,
        **payload.arguments(),
    )
    return _meeting_out(meeting)


@router.post("/meetings/{meeting_id}/minutes", response={202: MeetingOut, **error_responses(403, 404, 409)})
def write_minutes_again(request, meeting_id: int, payload: MinutesIn):
    meeting = services.minutes_regenerate(
        actor=request.user,
        meeting=meeting_for_reading(request.user, meeting_id),
        template=payload.template,
        language=payload.language,
        agenda=payload.agenda,
    )
    return Status(202, _meeting_out(meeting))


@router.get("/meetings/{meeting_id}/minutes.{fmt}", response={200: None, **error_responses(404, 409)})
def download_minutes(request, meeting_id: int, fmt: str):
    if fmt not in services.EXPORT_TYPES:
        raise AiplusError(ErrorCode.INVALID, detail=f"format {fmt!r}")
    data, filename, content_type = services.minutes_export(
        meeting=meeting_for_reading(request.user, meeting_id), fmt=fmt
    )
    return download_response(data, filename=filename, content_type=content_type)
