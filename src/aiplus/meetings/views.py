"""Meeting pages: the department's meetings with an upload form, a meeting's minutes beside its transcript,
the transcript editor and the department's minutes templates. Each view parses the request, reads through
the selectors, calls one service and renders."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import sentence_spans
from aiplus.core.views import download_response, error_page
from aiplus.meetings import services
from aiplus.meetings.export import evidence_ref
from aiplus.meetings.minutes import Minutes
from aiplus.meetings.roles import roles_as_lines, roles_from_lines
from aiplus.meetings.schemas import TranscriptEditIn
from aiplus.meetings.selectors import (
    can_set_roles,
    meeting_for_reading,
    meetings_visible_to,
    roles_for,
    templates_for,
)
from aiplus.meetings.templates import KINDS
from aiplus.meetings.transcript import Transcript

LANGUAGE_CHOICES = (("en", "English"), ("zh-Hant", "繁體中文"), ("both", "English + 繁體中文"))


def _limit_mb() -> int:
    return settings.AIPLUS_MAX_UPLOAD_BYTES // (1024 * 1024)


def _form_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise AiplusError(ErrorCode.INVALID, detail="meeting date") from error


def _template_choices(department_id) -> list[tuple[str, str]]:
    chinese = (get_language() or "").startswith("zh")
    return [
        (template.name, template.title_zh if chinese else template.title_en)
        for template in templates_for(department_id)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request):
    form = {"title": "", "meeting_date": "", "agenda": "", "template": "general", "language": "en"}
    form_error, status = "", 200
    if request.method == "POST":
        form = {key: request.POST.get(key, default) for key, default in form.items()}
        upload = request.FILES.get("file")
        try:
            if getattr(request, "upload_refused", False):
                raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": _limit_mb()})
            if upload is None:
                raise AiplusError(ErrorCode.INVALID, detail="no file")
            meeting = services.meeting_create(
                actor=request.user,
                stream=upload,
                filename=upload.name,
                title=form["title"],
                meeting_date=_form_date(form["meeting_date"]),
                agenda=form["agenda"],
                template=form["template"],
                language=form["language"],
            )
        except AiplusError as error:
            form_error, status = error.message, error.http_status
        else:
            return redirect("meetings:meeting", meeting_id=meeting.pk)
    context = {
        "meetings": meetings_visible_to(request.user)[:200],
        "form": form,
        "form_error": form_error,
        "templates": _template_choices(request.user.department_id),
        "languages": LANGUAGE_CHOICES,
        "limit_mb": _limit_mb(),
        "can_create": request.user.department_id is not None,
    }
    return render(request, "meetings/meetings.html", context, status=status)


def _evidence(indexes: list[int], transcript: Transcript) -> list[dict]:
    by_index = {segment.index: segment for segment in transcript.segments}
    return [
        {"index": index, "label": evidence_ref([index], transcript), "speaker": by_index[index].speaker}
        for index in indexes
        if index in by_index
    ]


def _minutes_view(meeting, transcript: Transcript) -> dict | None:
    """The minutes as the page shows them: each point, decision and action with links to its evidence."""
    if not meeting.minutes:
        return None
    minutes = Minutes.from_dict(meeting.minutes)
    items = [
        {
            "title": item.title,
            "summary": item.summary,
            "points": [{"text": p.text, "evidence": _evidence(p.evidence, transcript)} for p in item.points],
        }
        for item in minutes.items
    ]
    return {
        "minutes": minutes,
        "items": items,
        "decisions": [
            {"text": d.text, "evidence": _evidence(d.evidence, transcript)} for d in minutes.decisions
        ],
        "actions": [{"action": a, "evidence": _evidence(a.evidence, transcript)} for a in minutes.actions],
    }


def _status_context(meeting) -> dict:
    return {
        "meeting": meeting,
        "progress_percent": (
            round(100 * meeting.progress_done / meeting.progress_total) if meeting.progress_total else None
        ),
    }


def _meeting_context(meeting) -> dict:
    transcript = Transcript.from_dict(meeting.transcript)
    return {
        **_status_context(meeting),
        "transcript": transcript,
        "view": _minutes_view(meeting, transcript),
        "templates": _template_choices(meeting.department_id),
        "languages": LANGUAGE_CHOICES,
    }


@login_required
@require_GET
def meeting(request, meeting_id: int):
    try:
        found = meeting_for_reading(request.user, meeting_id)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "meetings/meeting.html", _meeting_context(found))


@login_required
@require_GET
def meeting_status(request, meeting_id: int):
    """The status box alone, polled every 2 s while the minutes are being written: it reads nothing else."""
    try:
        found = meeting_for_reading(request.user, meeting_id)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "meetings/_status.html", _status_context(found))


@login_required
@require_POST
def regenerate(request, meeting_id: int):
    try:
        found = meeting_for_reading(request.user, meeting_id)
        services.minutes_regenerate(
            actor=request.user,
            meeting=found,
            template=request.POST.get("template") or None,
            language=request.POST.get("language") or None,
            agenda=request.POST.get("agenda"),
        )
    except AiplusError as error:
        return error_page(request, error)
    messages.success(request, _("The minutes are being written again."))
    return redirect("meetings:meeting", meeting_id=meeting_id)


@login_required
@require_POST
def delete(request, meeting_id: int):
    try:
        found = meeting_for_reading(request.user, meeting_id)
        services.meeting_delete(actor=request.user, meeting=found)
    except AiplusError as error:
        return error_page(request, error)
    messages.success(request, _("Deleted %(title)s.") % {"title": found.title})
    return redirect("meetings:meetings")


@login_required
@require_GET
def export(request, meeting_id: int, fmt: str):
    try:
        found = meeting_for_reading(request.user, meeting_id)
        data, filename, content_type = services.minutes_export(meeting=found, fmt=fmt)
    except AiplusError as error:
        return error_page(request, error)
    return download_response(data, filename=filename, content_type=content_type)


def _split_points(text: str) -> list[dict]:
    """Where the editor offers to cut a turn: between its sentences, with the words just before the cut."""
    return [{"at": end, "before": text[:end].strip()[-24:]} for _, end in sentence_spans(text)[:-1]]


@login_required
@require_http_methods(["GET", "POST"])
def transcript(request, meeting_id: int):
    try:
        found = meeting_for_reading(request.user, meeting_id)
    except AiplusError as error:
        return error_page(request, error)
    if request.method == "POST":
        try:
            _apply_edit(request, found)
        except AiplusError as error:
            return error_page(request, error)
        messages.success(request, _("Transcript saved. Write the minutes again to include your changes."))
        anchor = request.POST.get("index", "")
        return redirect(f"{request.path}#segment-{anchor}" if anchor.isdigit() else request.path)
    parsed = Transcript.from_dict(found.transcript)
    rows = [{"segment": s, "splits": _split_points(s.text)} for s in parsed.segments]
    context = {"meeting": found, "rows": rows, "speakers": parsed.speakers}
    return render(request, "meetings/transcript.html", context)


def _apply_edit(request, found) -> None:
    """The editor's forms read into the API's edit schema, so both doors accept the same edits."""
    post = request.POST
    try:
        edit = TranscriptEditIn(
            edit=post.get("edit", ""),
            names=dict(zip(post.getlist("speaker"), post.getlist("name"), strict=False)) or None,
            index=post.get("index") or None,
            speaker=post.get("speaker"),
            text=post.get("text"),
            at=post.get("at") or None,
        )
    except PydanticValidationError as invalid:
        raise AiplusError(ErrorCode.INVALID, detail="transcript edit") from invalid
    services.transcript_edit(actor=request.user, meeting=found, edit=edit.edit, **edit.arguments())


@login_required
@require_http_methods(["GET", "POST"])
def minutes_templates(request):
    user = request.user
    form = {"name": "", "title": "", "sections": ""}
    form_error, status = "", 200
    if request.method == "POST":
        form = {key: request.POST.get(key, "") for key in form}
        try:
            services.minutes_template_create(
                actor=user, name=form["name"], title=form["title"], sections=_sections(form["sections"])
            )
        except AiplusError as error:
            form_error, status = error.message, error.http_status
        else:
            messages.success(request, _("Template saved."))
            return redirect("meetings:templates")
    context = {
        "templates": templates_for(user.department_id),
        "form": form,
        "form_error": form_error,
        "kinds": KINDS,
    }
    return render(request, "meetings/templates.html", context, status=status)


def _sections(text: str) -> list[dict]:
    """Sections written one a line as "kind | English heading | 中文標題"."""
    sections = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        sections.append(
            {
                "kind": parts[0],
                "title_en": parts[1] if len(parts) > 1 else "",
                "title_zh": parts[2] if len(parts) > 2 else "",
            }
        )
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def roles(request):
    """The roles the department's speakers are labelled by, one a line as "English | 中文"; a department
    administrator may change them."""
    user = request.user
    can_edit = can_set_roles(user)
    text, form_error, status = roles_as_lines(roles_for(user.department_id)), "", 200
    if request.method == "POST":
        text = request.POST.get("roles", "")
        try:
            services.meeting_roles_update(actor=user, roles=roles_from_lines(text))
        except AiplusError as error:
            form_error, status = error.message, error.http_status
        else:
            messages.success(request, _("Roles saved. Minutes written from now on use them."))
            return redirect("meetings:roles")
    context = {"roles_text": text, "form_error": form_error, "can_edit": can_edit}
    return render(request, "meetings/roles.html", context, status=status)
