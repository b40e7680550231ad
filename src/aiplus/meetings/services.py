"""Meeting minutes: the one place pages, API, CLI and worker call to turn a transcript into minutes, to
keep a department's meetings, and to apply the secretary's edits to a transcript."""

import logging
import unicodedata
import uuid
from datetime import date
from pathlib import Path, PurePath
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from aiplus.core.access import OPERATOR, actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, detect_script
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.core.workers import Claim, WorkKind, work_enqueue, work_recover, work_run
from aiplus.llm import services as llm
from aiplus.meetings import transcript as editing
from aiplus.meetings.dates import find_due
from aiplus.meetings.engine import extractive_minutes, parse_agenda
from aiplus.meetings.export import render
from aiplus.meetings.generative import generative_minutes
from aiplus.meetings.minutes import Minutes
from aiplus.meetings.models import PENDING_STATUSES, Meeting, MeetingSettings, MeetingStatus, MinutesTemplate
from aiplus.meetings.parsers import parse_transcript, read_limited
from aiplus.meetings.roles import MAX_ROLE_LENGTH, MAX_ROLES, Role
from aiplus.meetings.selectors import can_set_roles, roles_for, template_named
from aiplus.meetings.templates import BUILT_IN, template_from_sections
from aiplus.meetings.transcript import Transcript

logger = logging.getLogger("aiplus.meetings")

LANGUAGES = ("en", "zh-Hant", "both")
PROCESS_TASK = "aiplus.meetings.process_meeting"
# Audio and video a meeting may be recorded in; ffmpeg converts each for the speech service.
AUDIO_SUFFIXES = frozenset(
    [
        ".mp3",
        ".wav",
        ".m4a",
        ".mp4",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".flac",
        ".webm",
        ".wma",
        ".amr",
        ".3gp",
    ]
)
EXPORT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}


def write_minutes(
    transcript: Transcript,
    *,
    actor,
    agenda_text: str = "",
    template: str = "general",
    language: str = "en",
    meeting_date: date | None = None,
    title: str = "",
    attendees: list[str] | None = None,
    roles: list[Role] | None = None,
    progress=None,
) -> Minutes:
    """Minutes of a transcript, organised by the agenda when one is given: written by the configured model
    and checked against the transcript, or, with no model or when the model fails, by the extractive
    engine. ``progress(done, total)`` is told as parts of a long meeting are done. ``template`` is only
    recorded here; callers check it (a built-in or a department's own) and lay the minutes out by it.
    ``roles`` are the department's (``roles_for``); None means the government defaults."""
    if language not in LANGUAGES:
        raise AiplusError(ErrorCode.INVALID, detail=f"language {language!r}")
    if not transcript.segments:
        raise AiplusError(ErrorCode.INVALID, detail="empty transcript")
    agenda = parse_agenda(agenda_text) or None
    people = list(dict.fromkeys([*(attendees or []), *transcript.speakers]))
    if llm.chat_configured():
        try:
            return generative_minutes(
                transcript,
                actor=actor,
                agenda=agenda,
                template=template,
                language=language,
                meeting_date=meeting_date,
                title=title,
                attendees=people,
                resolve_due=_due_date,
                spoken_english=detect_script(" ".join(s.text for s in transcript.segments)) == Script.ENGLISH,
                progress=progress,
            )
        except (AiplusError, ValueError) as error:  # the model failed, or did not answer in JSON
            logger.warning("generated minutes unavailable, writing extractive minutes: %s", error)
    minutes = extractive_minutes(
        transcript,
        agenda=agenda,
        template=template,
        language=language,
        meeting_date=meeting_date,
        title=title,
        attendees=attendees,
        roles=roles,
    )
    if progress:
        progress(1, 1)
    return minutes


def _due_date(text: str, meeting_date: date | None) -> str | None:
    due = find_due(text, meeting_date=meeting_date)
    return due.iso if due else None


# --- a department's meetings -----------------------------------------------------------------------------


def is_audio(filename: str) -> bool:
    return PurePath(filename).suffix.lower() in AUDIO_SUFFIXES


def _audio_root() -> Path:
    return Path(settings.AIPLUS_HOME) / "meetings" / "audio"


def _store_audio(stream: BinaryIO, filename: str) -> str:
    """Copy an upload into the audio folder, refusing it past the upload limit; returns its file name."""
    root = _audio_root()
    root.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
    limit, size = settings.AIPLUS_MAX_UPLOAD_BYTES, 0
    try:
        with open(root / name, "wb") as out:
            while chunk := stream.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise AiplusError(
                        ErrorCode.TOO_LARGE, {"limit_mb": limit // (1024 * 1024)}, detail="audio"
                    )
                out.write(chunk)
    except BaseException:
        (root / name).unlink(missing_ok=True)
        raise
    if size == 0:
        (root / name).unlink(missing_ok=True)
        raise AiplusError(ErrorCode.EMPTY_FILE, detail="audio")
    return name


def _enqueue(meeting_id: int) -> None:
    transaction.on_commit(lambda: work_enqueue(MEETING_WORK, meeting_id))


def _check_options(*, department_id, template: str, language: str) -> None:
    if language not in LANGUAGES:
        raise AiplusError(ErrorCode.INVALID, detail=f"language {language!r}")
    template_named(department_id, template)


def meeting_create(
    *,
    actor,
    stream: BinaryIO,
    filename: str,
    title: str = "",
    meeting_date: date | None = None,
    agenda: str = "",
    template: str = "general",
    language: str = "en",
) -> Meeting:
    """Keep a meeting for the actor's department and queue its minutes. A transcript is read at once, so a
    broken one is refused here and nothing is kept; audio is kept and transcribed by a worker, once a speech
    service is configured (refused plainly when none is)."""
    if getattr(actor, "department_id", None) is None:
        raise AiplusError(ErrorCode.FORBIDDEN, detail="a meeting belongs to a department")
    _check_options(department_id=actor.department_id, template=template, language=language)
    filename = clean_text("document.filename", PurePath(filename or "").name)
    title = clean_text("meeting.title", title) or PurePath(filename).stem.replace("-", " ").replace("_", " ")
    fields = {
        "department_id": actor.department_id,
        "title": title.strip() or filename,
        "meeting_date": meeting_date,
        "agenda": clean_text("meeting.agenda", agenda),
        "template": template,
        "language": language,
        "source_filename": filename,
        "created_by": actor_user(actor),
    }
    if is_audio(filename):
        from aiplus.meetings.audio import speech_available

        if not speech_available():
            raise AiplusError(ErrorCode.SPEECH_NOT_CONFIGURED, detail="no speech service")
        audio_file = _store_audio(stream, filename)
        meeting = Meeting.objects.create(
            **fields, source_format="audio", audio_file=audio_file, status=MeetingStatus.TRANSCRIBING
        )
    else:
        parsed = parse_transcript(read_limited(stream), filename)
        meeting = Meeting.objects.create(
            **fields,
            source_format=parsed.source_format,
            transcript=parsed.as_dict(),
            status=MeetingStatus.QUEUED,
        )
    audit_record(
        actor=actor, action="meeting.create", target=f"meeting:{meeting.pk}", source=meeting.source_format
    )
    logger.info("meeting created id=%s format=%s", meeting.pk, meeting.source_format)
    _enqueue(meeting.pk)
    return meeting


MEETING_WORK = WorkKind(
    model=Meeting,
    task=PROCESS_TASK,
    waiting=Q(status__in=PENDING_STATUSES),
    held=Q(status__in=PENDING_STATUSES),
)


def meeting_process(*, meeting_id: int, worker: str | None = None) -> str:
    """Transcribe the meeting's audio if it has some, then write its minutes. Safe to run twice: only the
    run that claims the meeting works on it (``core.workers``). Returns the status afterwards, "skipped", or
    how the work stopped early (the meeting deleted, the worker stopping, moved to the long queue)."""
    return work_run(MEETING_WORK, meeting_id, _minutes_write, worker=worker)


def _minutes_write(claim: Claim) -> str:
    meeting = Meeting.objects.select_related("created_by").get(pk=claim.pk)
    actor = meeting.created_by or OPERATOR
    if meeting.status == MeetingStatus.TRANSCRIBING:
        from aiplus.meetings.audio import transcribe_audio

        heard = transcribe_audio(_audio_root() / meeting.audio_file, actor=actor, progress=claim.progress)
        if not heard.segments:
            raise AiplusError(ErrorCode.BAD_AUDIO, detail="no speech was recognised")
        meeting.transcript = heard.as_dict()
        claim.rows.update(transcript=meeting.transcript, audio_file="")
        (_audio_root() / meeting.audio_file).unlink(missing_ok=True)
    claim.rows.update(status=MeetingStatus.WRITING, progress_done=0, progress_total=0)
    minutes = write_minutes(
        Transcript.from_dict(meeting.transcript),
        actor=actor,
        agenda_text=meeting.agenda,
        template=meeting.template,
        language=meeting.language,
        meeting_date=meeting.meeting_date,
        title=meeting.title,
        roles=roles_for(meeting.department_id),
        progress=claim.progress,
    )
    if not claim.finish(
        minutes=minutes.as_dict(),
        minutes_written_at=timezone.now(),
        status=MeetingStatus.READY,
        error_code="",
        error_params={},
    ):
        return "skipped"  # deleted while the last part was written
    logger.info("minutes written id=%s engine=%s actions=%s", claim.pk, minutes.engine, len(minutes.actions))
    return MeetingStatus.READY


def meetings_recover(*, enqueue: bool = True) -> list[int]:
    """Free every meeting held by a dead worker and send every pending meeting's task again (a worker's
    start-up)."""
    return work_recover(MEETING_WORK, enqueue=enqueue)


def meetings_process_queued(*, on_start=lambda total: None, on_done=lambda status: None) -> int:
    """Write the minutes of every waiting meeting in this process (``aiplus setup`` with no worker yet);
    ``on_start`` hears how many there are, ``on_done`` each one's status."""
    pending = Meeting.objects.filter(status__in=PENDING_STATUSES, claimed_by="")
    meeting_ids = list(pending.values_list("pk", flat=True))
    on_start(len(meeting_ids))
    count = 0
    for meeting_id in meeting_ids:
        on_done(meeting_process(meeting_id=meeting_id))
        count += 1
    return count


def _not_while_pending(meeting: Meeting) -> None:
    if meeting.status in PENDING_STATUSES:
        raise AiplusError(ErrorCode.STILL_PROCESSING, detail=f"meeting {meeting.pk} is being processed")


def minutes_regenerate(
    *,
    actor,
    meeting: Meeting,
    template: str | None = None,
    language: str | None = None,
    agenda: str | None = None,
) -> Meeting:
    """Write the minutes again from the transcript as it now stands, optionally with another template,
    language or agenda."""
    _not_while_pending(meeting)
    if not meeting.transcript.get("segments"):
        raise AiplusError(ErrorCode.CONFLICT, detail="no transcript to write minutes from")
    template = template or meeting.template
    language = language or meeting.language
    _check_options(department_id=meeting.department_id, template=template, language=language)
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            template=template,
            language=language,
            agenda=meeting.agenda if agenda is None else clean_text("meeting.agenda", agenda),
            status=MeetingStatus.QUEUED,
            error_code="",
            error_params={},
            progress_done=0,
            progress_total=0,
        )
        _enqueue(meeting.pk)
    audit_record(actor=actor, action="meeting.minutes", target=f"meeting:{meeting.pk}", template=template)
    meeting.refresh_from_db()
    return meeting


def transcript_edit(*, actor, meeting: Meeting, edit: str, **arguments) -> Meeting:
    """Apply one of the secretary's edits: ``rename`` (names={old: new}), ``segment`` (index, speaker,
    text), ``merge`` (index: with the next turn) or ``split`` (index, at, optional speaker). The minutes
    stay as they were, marked out of date, until they are written again."""
    _not_while_pending(meeting)
    operations = {
        "rename": editing.rename_speakers,
        "segment": editing.edit_segment,
        "merge": editing.merge_with_next,
        "split": editing.split_segment,
    }
    if edit not in operations:
        raise AiplusError(ErrorCode.INVALID, detail=f"edit {edit!r}")
    arguments = _cleaned_edit(arguments)
    try:
        edited = operations[edit](Transcript.from_dict(meeting.transcript), **arguments)
    except (ValueError, TypeError) as error:
        raise AiplusError(ErrorCode.INVALID, detail=str(error)) from error
    meeting.transcript = edited.as_dict()
    meeting.transcript_edited_at = timezone.now()
    meeting.save(update_fields=["transcript", "transcript_edited_at", "updated_at"])
    audit_record(actor=actor, action=f"meeting.transcript.{edit}", target=f"meeting:{meeting.pk}")
    return meeting


def _cleaned_edit(arguments: dict) -> dict:
    """The secretary's names and words checked as every other field is, before the edit is applied."""
    cleaned = dict(arguments)
    if isinstance(cleaned.get("names"), dict):
        cleaned["names"] = {old: clean_text("meeting.speaker", new) for old, new in cleaned["names"].items()}
    if "speaker" in cleaned:
        cleaned["speaker"] = clean_text("meeting.speaker", cleaned["speaker"])
    if "text" in cleaned:
        cleaned["text"] = clean_text("meeting.turn", cleaned["text"])
    return cleaned


def meeting_delete(*, actor, meeting: Meeting) -> None:
    """Delete a meeting, even one being processed: its worker stops at its next part, within seconds, and
    writes nothing (``core.workers``)."""
    if meeting.audio_file:
        (_audio_root() / meeting.audio_file).unlink(missing_ok=True)
    audit_record(actor=actor, action="meeting.delete", target=f"meeting:{meeting.pk}", title=meeting.title)
    meeting.delete()


def minutes_export(*, meeting: Meeting, fmt: str) -> tuple[bytes, str, str]:
    """The meeting's minutes as a file: (content, file name, content type)."""
    if fmt not in EXPORT_TYPES:
        raise AiplusError(ErrorCode.INVALID, detail=f"format {fmt!r}")
    if not meeting.minutes:
        raise AiplusError(ErrorCode.NOT_FOUND, detail="no minutes yet")
    minutes = Minutes.from_dict(meeting.minutes)
    data = render(
        minutes,
        template_named(meeting.department_id, minutes.template),
        Transcript.from_dict(meeting.transcript),
        fmt,
    )
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in meeting.title).strip("-")[:80] or "minutes"
    return data, f"{stem}-minutes.{fmt}", EXPORT_TYPES[fmt]


def minutes_template_create(*, actor, name: str, title: str, sections: list[dict]) -> MinutesTemplate:
    """A department's own minutes template; its name may not hide a built-in one."""
    if getattr(actor, "department_id", None) is None:
        raise AiplusError(ErrorCode.FORBIDDEN, detail="a template belongs to a department")
    name = clean_text("template.name", name).lower()
    title = clean_text("template.title", title)
    if name in BUILT_IN or not all(c.isalnum() or c in "-_" for c in name):
        raise invalid("template.name", "template_name")
    if MinutesTemplate.objects.filter(department_id=actor.department_id, name=name).exists():
        raise AiplusError(ErrorCode.CONFLICT, detail=f"template {name!r} exists")
    template = template_from_sections(name, sections, title=title.strip() or name)
    record = MinutesTemplate.objects.create(
        department_id=actor.department_id,
        name=name,
        title=template.title_en,
        sections=[
            {"kind": s.kind, "title_en": s.title_en, "title_zh": s.title_zh} for s in template.sections
        ],
        created_by=actor_user(actor),
    )
    audit_record(actor=actor, action="meeting.template.create", target=f"template:{record.pk}")
    return record


def checked_roles(roles: list[Role]) -> list[Role]:
    """Roles with spaces trimmed and repeats dropped; a role with neither name, a name that is too long or
    holds a control character, a lone surrogate or "|", or too many roles is refused with its number."""
    checked: list[Role] = []
    for number, role in enumerate(roles, start=1):
        role = Role(role.en.strip(), role.zh.strip())
        bad = number > MAX_ROLES or not (role.en or role.zh)
        for name in (role.en, role.zh):
            bad = bad or len(name) > MAX_ROLE_LENGTH or "|" in name
            bad = bad or any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name)
        if bad:
            raise AiplusError(
                ErrorCode.INVALID_ROLES,
                {"line": number, "limit": MAX_ROLE_LENGTH, "count": MAX_ROLES},
                detail=f"role {number}",
            )
        if role not in checked:
            checked.append(role)
    return checked


def meeting_roles_update(*, actor, roles: list[Role]) -> list[Role]:
    """Set the roles the actor's department labels its speakers by (a department administrator's task); the
    minutes written from then on use them. Nothing is stored when any role is refused."""
    if not can_set_roles(actor):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="only a department administrator sets its roles")
    checked = checked_roles(roles)
    MeetingSettings.objects.update_or_create(
        department_id=actor.department_id,
        defaults={"roles": [role.as_dict() for role in checked], "updated_by": actor_user(actor)},
    )
    audit_record(
        actor=actor,
        action="meeting.roles.update",
        target=f"department:{actor.department_id}",
        roles=len(checked),
    )
    return checked
