"""The document assistant's jobs: a task on a source, kept per user with its options, progress and result.

``job_create`` reads the source at once (so a bad file or a document the user may not read is refused
before anything is kept) and queues the job; a worker runs it with ``job_process`` through
``core.workers`` (claim, heartbeat, progress, cancel). ``task_run`` is the work itself, shared with the CLI.
"""

import logging
from collections.abc import Callable
from typing import BinaryIO

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from aiplus.core.access import OPERATOR, actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text
from aiplus.core.workers import Claim, WorkCancelled, WorkKind, work_enqueue, work_recover, work_run
from aiplus.pilot.draft import draft_check, draft_reply, template_for
from aiplus.pilot.models import PENDING_STATUSES, Job, JobStatus, JobTask, SourceKind
from aiplus.pilot.sources import SourcePages, source_from_document, source_from_text, source_from_upload
from aiplus.pilot.summarise import LANGUAGES, LENGTHS, STYLES, summarise
from aiplus.pilot.translate import TARGETS, translate, translation_check

logger = logging.getLogger("aiplus.pilot")

PROCESS_TASK = "aiplus.pilot.process_job"
Progress = Callable[[int, int], None]


def _choice(value, allowed, default: str, name: str) -> str:
    value = value or default
    if value not in allowed:
        raise AiplusError(ErrorCode.INVALID, detail=f"{name} must be one of {', '.join(allowed)}")
    return value


def options_clean(*, actor, task: str, options: dict | None) -> dict:
    """The options a task takes, with their defaults; INVALID for an unknown value, NOT_FOUND for a
    template the actor may not use."""
    options = options or {}
    if task == JobTask.SUMMARISE:
        return {
            "length": _choice(options.get("length"), LENGTHS, "standard", "length"),
            "style": _choice(options.get("style"), STYLES, "bullets", "style"),
            "language": _choice(options.get("language"), ("", *LANGUAGES), "", "language"),
        }
    if task == JobTask.TRANSLATE:
        return {"target": _choice(options.get("target"), TARGETS, "zh-Hant", "target")}
    if task == JobTask.DRAFT:
        template_id = options.get("template_id")
        if isinstance(template_id, str) and template_id.isdigit():
            template_id = int(template_id)
        if not isinstance(template_id, int) or isinstance(template_id, bool):
            raise AiplusError(ErrorCode.INVALID, detail="template_id must be a template's number")
        template_for(actor, template_id)
        return {"template_id": template_id, "points": clean_text("pilot.points", options.get("points"))}
    raise AiplusError(ErrorCode.INVALID, detail=f"task must be one of {', '.join(JobTask.values)}")


def task_run(
    *,
    actor,
    task: str,
    source: SourcePages,
    options: dict,
    department_id=None,
    progress: Progress | None = None,
) -> dict:
    """Run one task on a source and return its result as data."""
    if task == JobTask.SUMMARISE:
        result = summarise(source, actor=actor, progress=progress, **options).as_dict()
    elif task == JobTask.TRANSLATE:
        result = translate(
            source, actor=actor, target=options["target"], department_id=department_id, progress=progress
        ).as_dict()
    else:
        template = template_for(actor, options["template_id"])
        result = draft_reply(source, actor=actor, template=template, points=options["points"]).as_dict()
    return {"task": task, "source": source.label, **result}


def job_create(
    *,
    actor,
    task: str,
    text: str | None = None,
    stream: BinaryIO | None = None,
    filename: str = "",
    document_id: int | None = None,
    options: dict | None = None,
    channel: str = "",
) -> Job:
    """Keep a job for the actor on exactly one source (pasted ``text``, an uploaded ``stream``, or a
    collection's ``document_id``) and queue it."""
    given = [
        kind
        for kind, value in (("text", text), ("upload", stream), ("document", document_id))
        if value is not None
    ]
    if len(given) != 1:
        raise AiplusError(ErrorCode.INVALID, detail="give exactly one of text, file or document_id")
    options = options_clean(actor=actor, task=task, options=options)
    if stream is not None:
        source, kind = source_from_upload(stream=stream, filename=filename), SourceKind.UPLOAD
    elif document_id is not None:
        source, kind = source_from_document(actor=actor, document_id=document_id), SourceKind.DOCUMENT
    else:
        source, kind = source_from_text(text), SourceKind.TEXT
    # A task that cannot run here is refused now, not queued to fail.
    if task == JobTask.TRANSLATE:
        translation_check(source, actor=actor, target=options["target"])
    elif task == JobTask.DRAFT:
        draft_check(actor=actor)
    job = Job.objects.create(
        owner=actor_user(actor),
        department_id=getattr(actor, "department_id", None),
        task=task,
        source_kind=kind,
        source_label=source.label[:500],
        source_document_id=source.document_id,
        source_pages=[list(page) for page in source.pages],
        options=options,
    )
    audit_record(
        actor=actor, action=f"pilot.{task}", target=f"pilot_job:{job.pk}", channel=channel, source=kind
    )
    logger.info("pilot job created id=%s task=%s source=%s", job.pk, task, kind)
    transaction.on_commit(lambda: work_enqueue(JOB_WORK, job.pk))
    return job


JOB_WORK = WorkKind(
    model=Job,
    task=PROCESS_TASK,
    waiting=Q(status=JobStatus.QUEUED),
    held=Q(status__in=PENDING_STATUSES),
    on_claim={"status": JobStatus.RUNNING},
    on_give_back={"status": JobStatus.QUEUED},
    on_fail=lambda: {"finished_at": timezone.now()},
)


def job_process(*, job_id: int, worker: str | None = None) -> str:
    """Run a queued job. Safe to call twice: only the run that claims it works (``core.workers``)."""
    return work_run(JOB_WORK, job_id, _job_run, worker=worker)


def _job_run(claim: Claim) -> str:
    job = Job.objects.select_related("owner").get(pk=claim.pk)
    source = SourcePages(job.source_label, [(n, t) for n, t in job.source_pages], job.source_document_id)

    def progress(done: int, total: int) -> None:
        # A cancel takes the row from the worker: stop before the next part rather than at the next heartbeat.
        if not claim.rows.exists():
            raise WorkCancelled
        claim.progress(done, total)

    progress(0, 1)
    result = task_run(
        actor=job.owner or OPERATOR,
        task=job.task,
        source=source,
        options=job.options,
        department_id=job.department_id,
        progress=progress,
    )
    claim.checkpoint()
    if not claim.finish(
        status=JobStatus.READY,
        result=result,
        finished_at=timezone.now(),
        progress_done=F("progress_total"),
        error_code="",
        error_params={},
    ):
        return "skipped"  # cancelled while the last part was written
    return JobStatus.READY


def jobs_recover(*, enqueue: bool = True) -> list[int]:
    """Free jobs held by a dead worker and send every waiting job's task again (a worker's start-up)."""
    return work_recover(JOB_WORK, enqueue=enqueue)


def jobs_for(actor):
    """The actor's own jobs, newest first: nobody sees another person's jobs."""
    user = actor_user(actor)
    return Job.objects.filter(owner=user) if user is not None else Job.objects.filter(owner__isnull=True)


def job_for(actor, job_id: int) -> Job:
    job = jobs_for(actor).filter(pk=job_id).first()
    if job is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"pilot job {job_id}")
    return job


def job_cancel(*, actor, job_id: int, channel: str = "") -> Job:
    """Stop a queued or running job: a worker running it stops at its next part and writes nothing."""
    job = job_for(actor, job_id)
    stopped = Job.objects.filter(pk=job.pk, status__in=PENDING_STATUSES).update(
        status=JobStatus.CANCELLED,
        claimed_by="",
        claimed_at=None,
        heartbeat_at=None,
        finished_at=timezone.now(),
    )
    if stopped:
        audit_record(actor=actor, action="pilot.cancel", target=f"pilot_job:{job.pk}", channel=channel)
        logger.info("pilot job cancelled id=%s", job.pk)
    job.refresh_from_db()
    return job


def job_delete(*, actor, job_id: int, channel: str = "") -> None:
    """Forget a job and its result (a running one is cancelled by its row going)."""
    job = job_for(actor, job_id)
    job.delete()
    audit_record(actor=actor, action="pilot.delete", target=f"pilot_job:{job_id}", channel=channel)
