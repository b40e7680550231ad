"""Workflows: save (a new version on each save), import and export as JSON, start runs (by a trigger, the API or
the CLI), retry what stopped. Who may do what: a department's knowledge owners and administrators manage its
workflows and see its runs; nobody else learns that they exist."""

import logging
from datetime import timedelta
from typing import BinaryIO

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.services import audit_record
from aiplus.core.validation import invalid
from aiplus.workflows.conditions import conditions_met
from aiplus.workflows.definition import Condition, Definition, definition_dump, definition_parse
from aiplus.workflows.engine import step_create, subject_of
from aiplus.workflows.models import Run, RunStatus, StepRun, StepStatus, Workflow, WorkflowVersion

logger = logging.getLogger("aiplus.workflows")


def can_manage_workflows(actor, department_id: int | None) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    if getattr(actor, "is_platform_admin", False):
        return True
    return bool(actor.can_manage_knowledge) and actor.department_id == department_id


def workflows_for(actor) -> QuerySet[Workflow]:
    """The workflows the actor manages: their department's (every one, for a platform administrator)."""
    workflows = Workflow.objects.select_related("department")
    if getattr(actor, "is_platform_admin", False):
        return workflows.all()
    if not getattr(actor, "can_manage_knowledge", False) or not getattr(actor, "department_id", None):
        return workflows.none()
    return workflows.filter(department_id=actor.department_id)


def workflow_for_managing(actor, workflow_id: int) -> Workflow:
    workflow = workflows_for(actor).filter(pk=workflow_id).first() if str(workflow_id).isdigit() else None
    if workflow is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"workflow {workflow_id}")
    return workflow


def workflow_named(actor, name: str, department: Department | None = None) -> Workflow:
    workflows = workflows_for(actor).filter(name=name)
    if department is not None:
        workflows = workflows.filter(department=department)
    found = list(workflows[:2])
    if len(found) != 1:  # none, or the same name in two departments (say which with --department)
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"workflow {name!r}")
    return found[0]


def _check_trigger_collection(definition: Definition, department: Department) -> None:
    """A trigger's collection must be one of the workflow's department's own."""
    from aiplus.documents.models import Collection

    slug = definition.trigger.collection
    if slug and not Collection.objects.filter(slug=slug, department=department).exists():
        raise invalid("workflow.definition", "wf_collection", collection=slug)


def workflow_save(
    *, actor, department: Department, data, workflow: Workflow | None = None, channel: str = ""
) -> Workflow:
    """Create a workflow (or replace ``workflow``'s definition) from JSON data; each save is a new version."""
    if not can_manage_workflows(actor, department.pk):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="manage workflows")
    definition = definition_parse(data)
    _check_trigger_collection(definition, department)
    same_name = Workflow.objects.filter(department=department, name=definition.name)
    if workflow is not None:
        same_name = same_name.exclude(pk=workflow.pk)
    if same_name.exists():
        raise invalid("workflow.name", "wf_name_taken")
    stored = definition_dump(definition)
    fields = {
        key: stored[key] for key in ("name", "description", "enabled", "trigger", "conditions", "steps")
    }
    with transaction.atomic():
        if workflow is None:
            workflow = Workflow.objects.create(department=department, version=1, **fields)
        else:
            workflow = Workflow.objects.select_for_update().get(pk=workflow.pk)
            for key, value in fields.items():
                setattr(workflow, key, value)
            workflow.version += 1
            workflow.save()
        WorkflowVersion.objects.create(
            workflow=workflow, version=workflow.version, definition=stored, saved_by=actor_user(actor)
        )
    audit_record(
        actor=actor,
        action="workflow.save",
        target=f"workflow:{workflow.pk}",
        channel=channel,
        version=workflow.version,
    )
    return workflow


def workflow_export(workflow: Workflow) -> dict:
    """The definition as JSON data, ready to import elsewhere."""
    return {
        key: getattr(workflow, key)
        for key in ("name", "description", "enabled", "trigger", "conditions", "steps")
    }


def workflow_delete(*, actor, workflow: Workflow) -> None:
    if not can_manage_workflows(actor, workflow.department_id):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"workflow {workflow.pk}")
    workflow.delete()
    audit_record(actor=actor, action="workflow.delete", target=f"workflow:{workflow.pk}")


# --- runs ---------------------------------------------------------------------------------------------


def run_start(
    *,
    actor,
    workflow: Workflow,
    trigger: str,
    document=None,
    payload: dict | None = None,
    check_conditions: bool = True,
    channel: str = "",
) -> Run | None:
    """Start a run on a document or a payload ({"text", "filename", …}) and queue its first step. With
    ``check_conditions`` a document that does not meet the workflow's conditions starts nothing (None)."""
    if not workflow.enabled:
        raise invalid("workflow.enabled", "wf_disabled")
    run = Run(
        workflow=workflow,
        version=workflow.version,
        steps=workflow.steps,
        document=document,
        payload=payload or {},
        trigger=trigger,
        started_by=actor_user(actor),
    )
    conditions = [Condition.model_validate(c) for c in workflow.conditions]
    if check_conditions and conditions and not conditions_met(conditions, subject_of(run)):
        return None
    with transaction.atomic():
        run.save()
        step_create(run, round=1, position=0)
    audit_record(
        actor=actor,
        action="workflow.run",
        target=f"workflow_run:{run.pk}",
        channel=channel,
        workflow=workflow.pk,
        trigger=trigger,
        document=getattr(document, "pk", None),
    )
    logger.info("workflow run started run=%s workflow=%s trigger=%s", run.pk, workflow.pk, trigger)
    return run


def run_start_checked(
    *,
    actor,
    workflow: Workflow,
    document_id: int | None = None,
    text: str | None = None,
    stream: BinaryIO | None = None,
    filename: str = "",
    channel: str = "",
) -> Run:
    """A run asked for through the API or the CLI on exactly one of: a document the workflow's department
    owns, pasted text, or a file (read now, with OCR). Refused, with the reason, when it does not meet the
    workflow's conditions."""
    from aiplus.documents.models import Status
    from aiplus.documents.selectors import document_for_reading
    from aiplus.pilot.sources import source_from_text, source_from_upload

    given = [value for value in (document_id, text, stream) if value is not None]
    if len(given) != 1:
        raise invalid("workflow.run", "wf_one_source")
    document, payload = None, {}
    if document_id is not None:
        document = document_for_reading(actor, document_id)
        if document.collection.department_id != workflow.department_id:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {document_id}")
        if document.status != Status.READY:
            raise AiplusError(ErrorCode.STILL_PROCESSING, detail=f"document {document_id}")
    elif stream is not None:
        source = source_from_upload(stream=stream, filename=filename)
        payload = {
            "text": source.text,
            "filename": source.label,
            "file_type": filename.rsplit(".", 1)[-1].lower(),
        }
    else:
        payload = {"text": source_from_text(text).text}
    run = run_start(
        actor=actor,
        workflow=workflow,
        trigger=channel or "api",
        document=document,
        payload=payload,
        channel=channel,
    )
    if run is None:
        raise invalid("workflow.run", "wf_conditions_unmet")
    return run


def runs_for(actor, *, workflow: Workflow | None = None, status: str = "") -> QuerySet[Run]:
    runs = Run.objects.select_related("workflow__department", "document").filter(
        workflow__in=workflows_for(actor)
    )
    if workflow is not None:
        runs = runs.filter(workflow=workflow)
    if status:
        runs = runs.filter(status=status)
    return runs


def run_for_reading(actor, run_id) -> Run:
    """A run of a workflow the actor manages, or one waiting on a review task the actor may decide (the
    reviewer opens it from the queue); otherwise not found."""
    from aiplus.workflows.review import can_act_on, tasks_visible_to

    run = runs_for(actor).filter(pk=run_id).first() if str(run_id).isdigit() else None
    if run is None and str(run_id).isdigit():
        tasks = tasks_visible_to(actor).filter(run_id=run_id)
        if any(can_act_on(actor, task) for task in tasks):
            run = Run.objects.select_related("workflow__department", "document").get(pk=run_id)
    if run is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"run {run_id}")
    return run


def dead_letters(actor) -> QuerySet[Run]:
    """Runs that stopped (out of retries, or failed): the list an officer retries from."""
    return runs_for(actor).filter(status__in=[RunStatus.DEAD, RunStatus.FAILED])


def run_retry(*, actor, run: Run, channel: str = "") -> Run:
    """Start a stopped run again at its failed step (its earlier steps are not done again)."""
    if not can_manage_workflows(actor, run.workflow.department_id):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"run {run.pk}")
    if run.status not in {RunStatus.DEAD, RunStatus.FAILED}:
        raise invalid("workflow.run", "wf_not_stopped")
    with transaction.atomic():
        failed = StepRun.objects.select_for_update().filter(
            run=run, round=run.round, status=StepStatus.FAILED
        )
        step = failed.order_by("-position").first()
        Run.objects.filter(pk=run.pk).update(
            status=RunStatus.RUNNING, finished_at=None, error_code="", error_params={}
        )
        if step is None:  # stopped before its first step row existed
            step_create(run, round=run.round, position=0)
        else:
            StepRun.objects.filter(pk=step.pk).update(
                status=StepStatus.QUEUED,
                attempts=0,
                error_code="",
                error_params={},
                finished_at=None,
                retry_at=None,
            )
            from aiplus.workflows.engine import step_enqueue

            step_enqueue(step.pk)
    audit_record(actor=actor, action="workflow.retry", target=f"workflow_run:{run.pk}", channel=channel)
    run.refresh_from_db()
    return run


# --- triggers -----------------------------------------------------------------------------------------


def runs_for_ready_document(document) -> list[Run]:
    """Start every enabled workflow whose trigger watches the document's collection (and whose conditions
    it meets). Called when a document becomes searchable."""
    from aiplus.core.access import OPERATOR

    started = []
    watching = Workflow.objects.filter(
        enabled=True,
        department_id=document.collection.department_id,
        trigger__type="document_added",
        trigger__collection=document.collection.slug,
    )
    for workflow in watching:
        run = run_start(actor=OPERATOR, workflow=workflow, trigger="document_added", document=document)
        if run is not None:
            started.append(run)
    return started


def schedules_run(*, now=None) -> int:
    """Start the scheduled workflows that are due: one run for each document of their collection that became
    ready since the last time (one run with no document when they name no collection)."""
    from aiplus.core.access import OPERATOR
    from aiplus.documents.models import Document, Status

    now = now or timezone.now()
    started = 0
    for workflow in Workflow.objects.filter(enabled=True, trigger__type="schedule"):
        every = timedelta(minutes=int(workflow.trigger.get("every_minutes") or 60))
        last = workflow.last_scheduled_at
        if last is not None and now - last < every:
            continue
        # Claimed with a conditional update, so two runners never start the same schedule twice.
        if not Workflow.objects.filter(pk=workflow.pk, last_scheduled_at=last).update(last_scheduled_at=now):
            continue
        slug = workflow.trigger.get("collection")
        if not slug:
            started += bool(run_start(actor=OPERATOR, workflow=workflow, trigger="schedule"))
            continue
        documents = Document.objects.filter(
            collection__slug=slug, collection__department_id=workflow.department_id, status=Status.READY
        )
        if last is not None:
            documents = documents.filter(processed_at__gt=last)
        for document in documents:
            started += bool(
                run_start(actor=OPERATOR, workflow=workflow, trigger="schedule", document=document)
            )
    return started
