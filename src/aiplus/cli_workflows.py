"""``aiplus workflows`` (import, export, list, run, runs, retry, tasks, decide) and ``aiplus tick`` (run the due
periodic tasks once, for cron), through the same services as the pages and the API."""

import json
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def workflows() -> None:
    """Document workflows: triggers, conditions, ordered steps, runs and the review queue."""


@workflows.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--department", "department_code", required=True, help="The department that owns it.")
@click.option("--replace", is_flag=True, help="Save as a new version of the workflow with the same name.")
@user_option
def import_command(path, department_code, replace, username) -> None:
    """Create a workflow from a JSON file (as exported, or a shipped template)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.workflows.models import Workflow
    from aiplus.workflows.services import workflow_save

    actor = _actor(username)
    try:
        department = department_by_code(department_code)
        data = path.read_bytes()
        existing = None
        if replace:
            name = json.loads(data).get("name", "") if data.strip().startswith(b"{") else ""
            existing = Workflow.objects.filter(department=department, name=name).first()
        workflow = workflow_save(
            actor=actor, department=department, data=data, workflow=existing, channel="cli"
        )
    except AiplusError as error:
        _fail(error)
    click.echo(f"Saved workflow {workflow.name!r} (id {workflow.pk}, version {workflow.version}).")


@workflows.command("export")
@click.argument("name")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File, or -."
)
@click.option(
    "--department", "department_code", help="The department, when two have a workflow of this name."
)
@user_option
def export_command(name, output, department_code, username) -> None:
    """Write a workflow's definition as JSON."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.workflows.services import workflow_export, workflow_named

    try:
        department = department_by_code(department_code) if department_code else None
        data = workflow_export(workflow_named(_actor(username), name, department))
    except AiplusError as error:
        _fail(error)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, "utf-8")
        click.echo(f"Exported {name!r} to {output}.", err=True)


@workflows.command("list")
@click.option("--json", "as_json", is_flag=True)
@user_option
def list_command(as_json, username) -> None:
    """The workflows: department, name, version, trigger, steps."""
    _django()
    from aiplus.workflows.services import workflows_for

    rows = [
        {
            "id": w.pk,
            "department": w.department.code,
            "name": w.name,
            "version": w.version,
            "enabled": w.enabled,
            "trigger": w.trigger.get("type"),
            "steps": [s["action"] for s in w.steps],
        }
        for w in workflows_for(_actor(username))
    ]
    if as_json:
        _emit(rows)
        return
    for row in rows:
        click.echo(
            f"{row['id']}\t{row['department']}\t{row['name']}\tv{row['version']}\t{' → '.join(row['steps'])}"
        )


@workflows.command("run")
@click.argument("name")
@click.option("--document", "document_id", type=int, help="A document of the workflow's department.")
@click.option("--file", "file_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--department", "department_code", help="The department, when two have a workflow of this name."
)
@click.option("--wait", is_flag=True, help="Run the steps here, now, instead of leaving them to a worker.")
@click.option("--json", "as_json", is_flag=True)
@user_option
def run_command(name, document_id, file_path, department_code, wait, as_json, username) -> None:
    """Start a run of a workflow on a document (or a file)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.workflows.engine import steps_process_queued
    from aiplus.workflows.models import Run
    from aiplus.workflows.services import run_start_checked, workflow_named

    actor = _actor(username)
    try:
        department = department_by_code(department_code) if department_code else None
        workflow = workflow_named(actor, name, department)
        if file_path is not None:
            with file_path.open("rb") as stream:
                run = run_start_checked(
                    actor=actor, workflow=workflow, stream=stream, filename=file_path.name, channel="cli"
                )
        else:
            run = run_start_checked(actor=actor, workflow=workflow, document_id=document_id, channel="cli")
    except AiplusError as error:
        _fail(error)
    if wait:
        steps_process_queued(run=run)
    run = Run.objects.get(pk=run.pk)
    _echo_run(run, as_json=as_json)


def _echo_run(run, *, as_json: bool) -> None:
    from aiplus.workflows.api import run_out

    data = run_out(run)
    if as_json:
        _emit(json.loads(json.dumps(data, default=str)))
        return
    click.echo(
        f"Run {run.pk} of {run.workflow.name!r}: {run.status}"
        + (f" ({run.error_message})" if run.error_code else "")
    )
    for step in data["steps"]:
        click.echo(
            f"  {step['position'] + 1}. {step['action']}: {step['status']}"
            + (f" — {step['error']}" if step["error"] else "")
        )


@workflows.command("runs")
@click.option("--dead", is_flag=True, help="Only the dead-letter list: runs that stopped.")
@click.option("--json", "as_json", is_flag=True)
@user_option
def runs_command(dead, as_json, username) -> None:
    """The latest runs (or the dead-letter list)."""
    _django()
    from aiplus.workflows.services import dead_letters, runs_for

    actor = _actor(username)
    runs = list((dead_letters(actor) if dead else runs_for(actor))[:100])
    if as_json:
        _emit(
            [
                {"id": r.pk, "workflow": r.workflow.name, "status": r.status, "error": r.error_message}
                for r in runs
            ]
        )
        return
    for run in runs:
        click.echo(f"{run.pk}\t{run.workflow.name}\t{run.status}\t{run.error_message}")


@workflows.command("retry")
@click.argument("run_id", type=int)
@user_option
def retry_command(run_id, username) -> None:
    """Start a stopped run again at the step where it stopped."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.workflows.services import run_for_reading, run_retry

    actor = _actor(username)
    try:
        run = run_retry(actor=actor, run=run_for_reading(actor, run_id), channel="cli")
    except AiplusError as error:
        _fail(error)
    click.echo(f"Run {run.pk} is queued again.")


@workflows.command("decide")
@click.argument("task_ids", type=int, nargs=-1, required=True)
@click.option("--approve/--reject", "approve", required=True)
@click.option("--comment", default="")
@user_option
def decide_command(task_ids, approve, comment, username) -> None:
    """Approve or reject review tasks (each is done or refused on its own)."""
    _django()
    from aiplus.workflows.review import tasks_bulk

    result = tasks_bulk(
        actor=_actor(username),
        task_ids=list(task_ids),
        action="approve" if approve else "reject",
        comment=comment,
        channel="cli",
    )
    for task_id in result["done"]:
        click.echo(f"Task {task_id}: done.")
    for task_id, reason in result["refused"].items():
        click.echo(f"Task {task_id}: {reason}", err=True)
    if result["refused"]:
        raise SystemExit(1)


@main.command()
def tick() -> None:
    """Run the periodic tasks that are due (AIPLUS_PERIODIC_TASKS) once, here; for cron."""
    _django()
    from aiplus.workflows.periodic import periodic_tick

    outcomes = periodic_tick(send=False)
    for name, outcome in outcomes.items():
        click.echo(f"{name}: {outcome}")
    if not outcomes:
        click.echo("Nothing is due.", err=True)
