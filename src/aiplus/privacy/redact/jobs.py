"""The Redact review's slow steps run in the background, as the document assistant's jobs do (``core.workers``:
claim, heartbeat, progress, cancel): reading the upload and finding its personal data (OCR of a scanned PDF
takes seconds a page), and writing the redacted file (which reads the file again). Each step counts the
file's pages as its progress and stops at the next page when cancelled.

One row per review (``RedactJob``), found by the review's token and only by its owner.
"""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.workers import Claim, WorkCancelled, WorkKind, work_enqueue, work_recover, work_run
from aiplus.privacy.models import REDACT_PENDING, RedactJob, RedactStatus, RedactStep

logger = logging.getLogger("aiplus.privacy.redact")

PROCESS_TASK = "aiplus.privacy.process_redact_job"

REDACT_WORK = WorkKind(
    model=RedactJob,
    task=PROCESS_TASK,
    waiting=Q(status=RedactStatus.QUEUED),
    held=Q(status__in=REDACT_PENDING),
    on_claim={"status": RedactStatus.RUNNING},
    on_give_back={"status": RedactStatus.QUEUED},
    on_fail=lambda: {"finished_at": timezone.now()},
)


def redact_job_queue(*, job: RedactJob, step: str) -> RedactJob:
    """Queue ``step`` of the review (after the transaction commits)."""
    RedactJob.objects.filter(pk=job.pk).update(
        step=step,
        status=RedactStatus.QUEUED,
        progress_done=0,
        progress_total=0,
        error_code="",
        error_params={},
        finished_at=None,
    )
    transaction.on_commit(lambda: work_enqueue(REDACT_WORK, job.pk))
    job.refresh_from_db()
    logger.info("redact job queued id=%s step=%s", job.pk, step)
    return job


def redact_job_create(*, actor, token: str, filename: str) -> RedactJob:
    job = RedactJob.objects.create(owner=actor_user(actor), token=token, filename=filename)
    return redact_job_queue(job=job, step=RedactStep.READ)


def redact_job_for(*, actor, token: str) -> RedactJob:
    """The actor's own review's job; anyone else's is not found."""
    job = RedactJob.objects.filter(token=token, owner=actor_user(actor)).first() if token else None
    if job is None or actor_user(actor) is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail="redaction review")
    return job


def redact_job_process(*, job_id: int, worker: str | None = None) -> str:
    """Run a queued step. Safe to call twice: only the run that claims it works."""
    return work_run(REDACT_WORK, job_id, _run, worker=worker)


def _run(claim: Claim) -> str:
    from aiplus.privacy.redact.services import review_read, review_write

    job = RedactJob.objects.get(pk=claim.pk)

    def progress(done: int, total: int) -> None:
        if not claim.rows.exists():  # cancelled: stop at this page rather than at the next heartbeat
            raise WorkCancelled
        claim.progress(done, total)

    step = review_read if job.step == RedactStep.READ else review_write
    step(token=job.token, progress=progress)
    claim.checkpoint()
    if not claim.finish(
        status=RedactStatus.READY, finished_at=timezone.now(), progress_done=F("progress_total")
    ):
        return "skipped"
    return RedactStatus.READY


def redact_job_cancel(*, actor, token: str) -> RedactJob:
    """Stop a queued or running step at its next page. Writing stopped leaves the review as it was, ready
    to be changed and written again; reading stopped leaves nothing to review."""
    job = redact_job_for(actor=actor, token=token)
    back_to_review = job.step == RedactStep.WRITE
    stopped = RedactJob.objects.filter(pk=job.pk, status__in=REDACT_PENDING).update(
        status=RedactStatus.READY if back_to_review else RedactStatus.CANCELLED,
        step=RedactStep.READ,
        claimed_by="",
        claimed_at=None,
        heartbeat_at=None,
        finished_at=timezone.now(),
    )
    if stopped:
        logger.info("redact job cancelled id=%s step=%s", job.pk, job.step)
    job.refresh_from_db()
    return job


def redact_jobs_recover(*, enqueue: bool = True) -> list[int]:
    """Free steps held by a dead worker and send every waiting one again (a worker's start-up)."""
    return work_recover(REDACT_WORK, enqueue=enqueue)
