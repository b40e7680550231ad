"""REST endpoints: workflows (import as JSON, export, new versions), runs (start on a document, text or
file; history; retry from the dead-letter list) and the review queue (decide, reassign, bulk). Each calls a
service and shapes the output."""

from typing import Any

from ninja import Body, File, Router, Status
from ninja.files import UploadedFile

from aiplus.core.schemas import error_responses
from aiplus.core.selectors import department_by_code
from aiplus.workflows import review, services
from aiplus.workflows.models import ReviewTask, Run, Workflow
from aiplus.workflows.schemas import (
    BulkIn,
    BulkOut,
    DecisionIn,
    ReassignIn,
    RunIn,
    RunOut,
    TaskOut,
    WorkflowOut,
)

router = Router(tags=["Workflows"])


def workflow_out(workflow: Workflow) -> dict:
    return {
        "id": workflow.pk,
        "department": workflow.department.code,
        "version": workflow.version,
        **services.workflow_export(workflow),
    }


def run_out(run: Run) -> dict:
    steps = [
        {
            **{name: getattr(step, name) for name in ("round", "position", "action", "status", "attempts")},
            "input_summary": step.input_summary,
            "output": step.output,
            "error": step.error_message,
            "started_at": step.started_at,
            "finished_at": step.finished_at,
            "seconds": step.seconds,
        }
        for step in run.step_runs.all()
    ]
    return {
        "id": run.pk,
        "workflow": run.workflow_id,
        "workflow_name": run.workflow.name,
        "version": run.version,
        "document_id": run.document_id,
        "trigger": run.trigger,
        "status": run.status,
        "error": run.error_message,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "context": {key: value for key, value in run.context.items() if key != "text"},
        "steps": steps,
    }


def task_out(task: ReviewTask, actor) -> dict:
    return {
        "id": task.pk,
        "kind": task.kind,
        "title": task.title,
        "status": task.status,
        "run": task.run_id,
        "assignee": task.assignee.username if task.assignee else None,
        "team": task.team.name if task.team else None,
        "due_at": task.due_at,
        "comment": task.comment,
        "may_act": review.can_act_on(actor, task),
        "history": [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "by": event.actor.username if event.actor else "",
                "comment": event.comment,
            }
            for event in task.events.select_related("actor")
        ],
    }


@router.get("/workflows", response={200: list[WorkflowOut], **error_responses()})
def list_workflows(request):
    return [workflow_out(w) for w in services.workflows_for(request.user)]


@router.post("/workflows", response={201: WorkflowOut, **error_responses(403)})
def import_workflow(request, payload: Body[dict[str, Any]], department: str = ""):
    """Create a workflow from its JSON definition (as exported), in your department (or ``department``)."""
    user = request.user
    owner = department_by_code(department) if department or user.department is None else user.department
    workflow = services.workflow_save(actor=request.user, department=owner, data=payload, channel="api")
    return Status(201, workflow_out(workflow))


@router.get("/workflows/{workflow_id}", response={200: WorkflowOut, **error_responses(404)})
def get_workflow(request, workflow_id: int):
    return workflow_out(services.workflow_for_managing(request.user, workflow_id))


@router.put("/workflows/{workflow_id}", response={200: WorkflowOut, **error_responses(403, 404)})
def update_workflow(request, workflow_id: int, payload: Body[dict[str, Any]]):
    """Replace the definition; the workflow's version goes up by one, and runs keep the version they follow."""
    workflow = services.workflow_for_managing(request.user, workflow_id)
    saved = services.workflow_save(
        actor=request.user, department=workflow.department, data=payload, workflow=workflow, channel="api"
    )
    return workflow_out(saved)


@router.delete("/workflows/{workflow_id}", response={204: None, **error_responses(404)})
def delete_workflow(request, workflow_id: int):
    services.workflow_delete(
        actor=request.user, workflow=services.workflow_for_managing(request.user, workflow_id)
    )
    return Status(204, None)


@router.post("/workflows/{workflow_id}/runs", response={202: RunOut, **error_responses(404, 409, 503)})
def start_run(request, workflow_id: int, payload: RunIn):
    workflow = services.workflow_for_managing(request.user, workflow_id)
    run = services.run_start_checked(
        actor=request.user,
        workflow=workflow,
        document_id=payload.document_id,
        text=payload.text,
        channel="api",
    )
    return Status(202, run_out(run))


@router.post(
    "/workflows/{workflow_id}/runs/upload", response={202: RunOut, **error_responses(404, 409, 415, 503)}
)
def start_run_on_file(request, workflow_id: int, file: UploadedFile = File(...)):
    """Start a run on a file (read now, with OCR for scans); it is not kept in a collection."""
    workflow = services.workflow_for_managing(request.user, workflow_id)
    run = services.run_start_checked(
        actor=request.user, workflow=workflow, stream=file, filename=file.name or "upload", channel="api"
    )
    return Status(202, run_out(run))


@router.get("/workflow-runs", response={200: list[RunOut], **error_responses(404)})
def list_runs(request, status: str = "", workflow: int | None = None, limit: int = 100):
    """Runs of your department's workflows, newest first; ``status=dead`` is the dead-letter list."""
    chosen = services.workflow_for_managing(request.user, workflow) if workflow else None
    runs = services.runs_for(request.user, workflow=chosen, status=status).prefetch_related("step_runs")
    return [run_out(run) for run in runs[: max(1, min(limit, 500))]]


@router.get("/workflow-runs/{run_id}", response={200: RunOut, **error_responses(404)})
def get_run(request, run_id: int):
    return run_out(services.run_for_reading(request.user, run_id))


@router.post("/workflow-runs/{run_id}/retry", response={202: RunOut, **error_responses(404)})
def retry_run(request, run_id: int):
    """Start a stopped run again at the step where it stopped."""
    run = services.run_retry(
        actor=request.user, run=services.run_for_reading(request.user, run_id), channel="api"
    )
    return Status(202, run_out(run))


@router.get("/review-tasks", response={200: list[TaskOut], **error_responses()})
def list_tasks(request, mine: bool = False, status: str = "open"):
    return [
        task_out(task, request.user) for task in review.tasks_queue(request.user, mine=mine, status=status)
    ]


@router.post("/review-tasks/{task_id}/decision", response={200: TaskOut, **error_responses(403, 404)})
def decide_task(request, task_id: int, payload: DecisionIn):
    task = review.task_decide(
        actor=request.user, task_id=task_id, decision=payload.decision, comment=payload.comment, channel="api"
    )
    return task_out(task, request.user)


@router.post("/review-tasks/{task_id}/reassign", response={200: TaskOut, **error_responses(403, 404)})
def reassign_task(request, task_id: int, payload: ReassignIn):
    task = review.task_reassign(
        actor=request.user, task_id=task_id, username=payload.user, team=payload.team, channel="api"
    )
    return task_out(task, request.user)


@router.post("/review-tasks/bulk", response={200: BulkOut, **error_responses()})
def bulk_tasks(request, payload: BulkIn):
    """Approve, reject or reassign many tasks at once; each is done or refused with its reason."""
    return review.tasks_bulk(
        actor=request.user,
        task_ids=payload.ids,
        action=payload.action,
        comment=payload.comment,
        username=payload.user,
        team=payload.team,
        channel="api",
    )
