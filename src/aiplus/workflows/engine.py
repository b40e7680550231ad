"""The engine: each step of a run is one Celery task over one ``StepRun`` row, claimed through
``core.workers`` so that a second delivery of the same task does nothing.

A step is done at most once: its row is unique per (run, round, position); the worker that claims it runs
the action, then, in one transaction, applies the action's writes, marks the step done and creates the next
step's row (``get_or_create``: never two). A worker killed mid-step commits nothing; its claim is taken back
at the next worker's start (``steps_recover``) and the step runs again from the start. Writes outside the
database (an e-mail, a webhook) carry the step's idempotency key so the receiver can drop a repeat.

A failure worth retrying (``StepRetry``, a model or server that did not answer, an unexpected error) is tried
again after ``AIPLUS_WORKFLOW_RETRY_SECONDS`` × 2^(attempt − 1); after ``AIPLUS_WORKFLOW_MAX_ATTEMPTS`` the run
stops as "dead" and waits in the dead-letter list, where an officer can retry it. A bad setting or input
fails the run at once with its message.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.workers import Claim, WorkKind, work_enqueue, work_recover, work_run
from aiplus.workflows.actions import StepInput, StepResult, StepRetry, WorkflowActor, action_named
from aiplus.workflows.conditions import Subject, conditions_met
from aiplus.workflows.definition import Condition
from aiplus.workflows.models import Run, RunStatus, StepRun, StepStatus, Workflow

logger = logging.getLogger("aiplus.workflows")

STEP_TASK = "aiplus.workflows.run_step"
TRANSIENT_CODES = {ErrorCode.MODEL_UNAVAILABLE, ErrorCode.TIMED_OUT, ErrorCode.RATE_LIMITED}
MAX_BACKOFF_SECONDS = 3600
SUMMARY_CHARS = 300

STEP_WORK = WorkKind(
    model=StepRun,
    task=STEP_TASK,
    waiting=Q(status=StepStatus.QUEUED) | Q(status=StepStatus.RETRYING, retry_at__lte=Now()),
    held=Q(status=StepStatus.RUNNING),
    on_claim={"status": StepStatus.RUNNING, "attempts": F("attempts") + 1, "started_at": Now()},
    on_give_back={"status": StepStatus.QUEUED},
)


def workflow_actor(workflow: Workflow) -> WorkflowActor:
    return WorkflowActor(workflow=workflow.name, department_id=workflow.department_id)


def subject_of(run: Run, text: str | None = None) -> Subject:
    document = run.document
    workflow = run.workflow
    if document is not None:
        pages = document.pages.order_by("number").values_list("text", flat=True) if text is None else []
        return Subject(
            filename=document.filename,
            file_type=document.file_type,
            department=workflow.department.code,
            origin=document.origin or {},
            text=text if text is not None else "\n\n".join(pages),
            fields=run.context.get("fields", {}),
            classification=run.context.get("classification", {}),
        )
    payload = run.payload or {}
    return Subject(
        filename=str(payload.get("filename") or ""),
        file_type=str(payload.get("file_type") or ""),
        department=workflow.department.code,
        origin=payload.get("origin") or {},
        text=text if text is not None else str(payload.get("text") or ""),
        fields=run.context.get("fields", {}),
        classification=run.context.get("classification", {}),
    )


def step_enqueue(step_id: int, *, countdown: float | None = None) -> None:
    transaction.on_commit(lambda: work_enqueue(STEP_WORK, step_id, countdown=countdown))


def step_create(run: Run, *, round: int, position: int) -> StepRun:
    """The step's one row (made once, whoever asks twice), queued."""
    step, created = StepRun.objects.get_or_create(
        run=run, round=round, position=position, defaults={"action": run.steps[position]["action"]}
    )
    if created:
        step_enqueue(step.pk)
    return step


def run_advance(run: Run, *, round: int, position: int) -> None:
    """After a step is done: queue the next one, or finish the run. Inside the step's transaction."""
    if position + 1 < len(run.steps):
        Run.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
        step_create(run, round=round, position=position + 1)
    else:
        Run.objects.filter(pk=run.pk).update(status=RunStatus.DONE, finished_at=timezone.now())
        logger.info("workflow run done run=%s workflow=%s", run.pk, run.workflow_id)


def _input_summary(step_input: StepInput) -> str:
    text = step_input.context.get("text")
    if text is None:
        text = step_input.text()
    shown = " ".join(text.split())[:SUMMARY_CHARS]
    fields = step_input.context.get("fields")
    return shown + (f"\nfields: {fields}" if fields else "")


def step_process(*, step_id: int, worker: str | None = None) -> str:
    """Run one queued step. Safe to call twice: only the run that claims the row does the work."""
    return work_run(STEP_WORK, step_id, _step_body, worker=worker)


def _step_body(claim: Claim) -> str:
    step = StepRun.objects.select_related("run__workflow__department", "run__document").get(pk=claim.pk)
    run = step.run
    if run.status not in {RunStatus.RUNNING, RunStatus.WAITING} or step.round != run.round:
        claim.finish(status=StepStatus.FAILED, error_code=ErrorCode.CONFLICT, finished_at=timezone.now())
        return "skipped"
    spec = run.steps[step.position]
    step_input = StepInput(
        run=run, step=step, settings=spec.get("settings", {}), actor=workflow_actor(run.workflow)
    )
    summary = ""
    try:
        summary = _input_summary(step_input)
        when = [Condition.model_validate(c) for c in spec.get("when", [])]
        if when and not conditions_met(when, subject_of(run, step_input.text())):
            result = StepResult(output={"skipped": True})
        else:
            result = action_named(spec["action"]).run(step_input)
    except AiplusError as error:
        if error.code in TRANSIENT_CODES:
            return _retry(claim, step, summary, error.code, error.params)
        return _fail(claim, step, summary, error.code, error.params, run_status=RunStatus.FAILED)
    except StepRetry as error:
        return _retry(claim, step, summary, ErrorCode.TIMED_OUT, {"detail": str(error)})
    except Exception:
        logger.exception("workflow step failed unexpectedly step=%s run=%s", step.pk, run.pk)
        return _retry(claim, step, summary, ErrorCode.INTERNAL, {})
    claim.checkpoint()
    try:
        return _step_commit(claim, step, result, summary)
    except AiplusError as error:  # the action's writes were refused (nothing of them is kept)
        return _fail(claim, step, summary, error.code, error.params, run_status=RunStatus.FAILED)


def _step_commit(claim: Claim, step: StepRun, result: StepResult, summary: str) -> str:
    """In one transaction: the action's writes, the step marked done (or waiting), the next step queued."""
    run = step.run
    with transaction.atomic():
        if claim.rows.select_for_update().first() is None:
            return "skipped"  # taken back from this worker while it ran: the new holder finishes it
        if result.commit is not None:
            result.commit()
        Run.objects.filter(pk=run.pk).update(context={**run.context, **result.context})
        finished = {"output": result.output, "input_summary": summary, "error_code": "", "error_params": {}}
        if result.wait:
            claim.finish(status=StepStatus.WAITING, **finished)
            Run.objects.filter(pk=run.pk).update(status=RunStatus.WAITING)
            return StepStatus.WAITING
        claim.finish(status=StepStatus.DONE, finished_at=timezone.now(), **finished)
        run_advance(run, round=step.round, position=step.position)
    return StepStatus.DONE


def _retry(claim: Claim, step: StepRun, summary: str, code: str, params: dict) -> str:
    attempts = StepRun.objects.filter(pk=step.pk).values_list("attempts", flat=True).first() or 1
    if attempts >= settings.AIPLUS_WORKFLOW_MAX_ATTEMPTS:
        logger.warning("workflow step out of retries step=%s run=%s code=%s", step.pk, step.run_id, code)
        return _fail(claim, step, summary, code, params, run_status=RunStatus.DEAD)
    delay = min(settings.AIPLUS_WORKFLOW_RETRY_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
    claim.finish(
        status=StepStatus.RETRYING,
        retry_at=timezone.now() + timedelta(seconds=delay),
        input_summary=summary,
        error_code=code,
        error_params=params,
    )
    work_enqueue(STEP_WORK, step.pk, countdown=delay)
    logger.info("workflow step retry step=%s attempt=%s in=%ss code=%s", step.pk, attempts, delay, code)
    return StepStatus.RETRYING


def _fail(claim: Claim, step: StepRun, summary: str, code: str, params: dict, *, run_status: str) -> str:
    now = timezone.now()
    with transaction.atomic():
        claim.finish(
            status=StepStatus.FAILED,
            finished_at=now,
            input_summary=summary,
            error_code=code,
            error_params=params,
        )
        Run.objects.filter(pk=step.run_id).update(
            status=run_status, finished_at=now, error_code=code, error_params=params
        )
    logger.info(
        "workflow run stopped run=%s step=%s status=%s code=%s", step.run_id, step.pk, run_status, code
    )
    return StepStatus.FAILED


def steps_recover(*, enqueue: bool = True) -> list[int]:
    """Take back the steps of dead workers and send every waiting step's task again (a worker's start-up)."""
    return work_recover(STEP_WORK, enqueue=enqueue)


def steps_retry_overdue(*, grace_seconds: int = 60) -> list[int]:
    """Send again the retries whose time passed a while ago with nobody taking them: their delayed message
    was held by a worker that died. (A second message for a step is harmless: only one claim succeeds.)"""
    overdue = StepRun.objects.filter(
        status=StepStatus.RETRYING,
        claimed_by="",
        retry_at__lte=timezone.now() - timedelta(seconds=grace_seconds),
    )
    step_ids = list(overdue.values_list("pk", flat=True))
    for step_id in step_ids:
        work_enqueue(STEP_WORK, step_id)
    return step_ids


def steps_process_queued(*, run: Run | None = None) -> int:
    """Run queued steps in this process until none is left (the CLI's ``--wait`` when no worker runs)."""
    count = 0
    while True:
        queued = StepRun.objects.filter(STEP_WORK.waiting, claimed_by="")
        if run is not None:
            queued = queued.filter(run=run)
        step_id = queued.order_by("pk").values_list("pk", flat=True).first()
        if step_id is None:
            return count
        step_process(step_id=step_id)
        count += 1
