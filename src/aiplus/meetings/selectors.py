"""Reads of meetings under the one rule: a meeting belongs to its department and is seen by nobody else
(a platform admin and the operator excepted). Pages, the API and the CLI all read through here."""

from django.db.models import QuerySet

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role as UserRole
from aiplus.meetings.models import Meeting, MeetingSettings, MinutesTemplate
from aiplus.meetings.roles import Role, default_roles
from aiplus.meetings.templates import BUILT_IN, Template, builtin_template, template_from_sections


def meetings_visible_to(actor) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("department", "created_by")
    if not getattr(actor, "is_authenticated", False):
        return meetings.none()
    if actor.is_platform_admin:
        return meetings.all()
    return meetings.filter(department_id=actor.department_id)


def meeting_for_reading(actor, meeting_id: int) -> Meeting:
    meeting = meetings_visible_to(actor).filter(pk=meeting_id).first()
    if meeting is None:
        # The same answer whether it does not exist or belongs to another department.
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"meeting {meeting_id}")
    return meeting


def templates_for(department_id: int | None) -> list[Template]:
    """The built-in templates, then the department's own."""
    own = MinutesTemplate.objects.filter(department_id=department_id) if department_id else []
    return [*BUILT_IN.values(), *(template_from_sections(t.name, t.sections, title=t.title) for t in own)]


def template_named(department_id: int | None, name: str) -> Template:
    """A built-in template, or the department's own of that name; anything else is refused."""
    if name in BUILT_IN:
        return builtin_template(name)
    own = (
        MinutesTemplate.objects.filter(department_id=department_id, name=name).first()
        if department_id
        else None
    )
    if own is None:
        raise AiplusError(ErrorCode.INVALID, detail=f"unknown template {name!r}")
    return template_from_sections(own.name, own.sections, title=own.title)


def roles_for(department_id: int | None) -> list[Role]:
    """The roles a department's speakers are labelled by: its own list once set, else the government defaults
    (also for the operator, who has no department)."""
    own = MeetingSettings.objects.filter(department_id=department_id).first() if department_id else None
    if own is None:
        return default_roles()
    return [Role(role.get("en", ""), role.get("zh", "")) for role in own.roles]


def can_set_roles(actor) -> bool:
    """A department's roles are set by its department administrator (or a platform admin in it)."""
    if getattr(actor, "department_id", None) is None:
        return False
    return actor.is_platform_admin or actor.role == UserRole.DEPARTMENT_ADMIN
