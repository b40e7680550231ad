"""``aiplus records``: retention schedules, legal holds and disposal, through the same services as the pages
and the API. ``aiplus records propose`` (no department) is the periodic task's work, run once."""

import csv
import io
from datetime import date
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option

department_option = click.option(
    "--department", "code", help="Department code (default: the user's own department)."
)


def _date(value: str | None, field: str) -> date | None:
    from aiplus.core.validation import invalid

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(invalid(field, "date"))


def _run(work):
    """Run a service call; a project error becomes the CLI's message and exit status 1."""
    from aiplus.core.errors import AiplusError

    try:
        return work()
    except AiplusError as error:
        _fail(error)


@main.group()
def records() -> None:
    """Records management: retention schedules, legal holds, disposal with approval."""


@records.command("manager-add")
@click.argument("username")
@click.option("--approver", is_flag=True, help="Make the user a records approver instead.")
def manager_add_command(username, approver) -> None:
    """Make a user a records manager (or, with --approver, a disposal approver) of their department."""
    _django()
    from aiplus.core.access import OPERATOR
    from aiplus.records.services import records_role_add

    codename = "approve_disposal" if approver else "manage_records"
    _run(lambda: records_role_add(actor=OPERATOR, username=username, codename=codename, channel="cli"))
    click.echo(f"{username} is a records {'approver' if approver else 'manager'}.")


@records.command("schedules")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@user_option
def schedules_command(as_json, username) -> None:
    """The retention schedules the user manages or approves for (the operator: all)."""
    _django()
    from aiplus.records.selectors import schedules_visible
    from aiplus.records.shapes import schedule_out

    for schedule in schedules_visible(_actor(username)):
        data = schedule_out(schedule)
        if as_json:
            _emit(data)
        else:
            click.echo(
                f"{data['department']}\t{data['code']}\t{data['title_en']}\t{data['period']}\t{data['action']}"
            )


@records.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@department_option
@user_option
def import_command(path, code, username) -> None:
    """Import schedules from CSV or XLSX (columns code, title_en, title_zh, years, months, days, trigger,
    action, collection, document_type). A file with a bad row changes nothing."""
    _django()
    from aiplus.catalogue.importing import read_limited
    from aiplus.records.importing import schedules_import
    from aiplus.records.selectors import acting_department

    actor = _actor(username)
    with path.open("rb") as stream:
        data = read_limited(stream)
    report = _run(
        lambda: schedules_import(
            actor=actor,
            department=acting_department(actor, code),
            data=data,
            filename=path.name,
            channel="cli",
        )
    )
    for problem in report.problems:
        click.echo(f"row {problem.row}: {problem.message}", err=True)
    if report.problems:
        raise click.ClickException("Nothing was imported.")
    click.echo(f"{report.created} created, {report.updated} updated.")


@records.command("set")
@click.argument("document_id", type=int)
@click.option("--schedule", "schedule_code", help="A schedule code of the document's department.")
@click.option("--until", help="Keep until this date (YYYY-MM-DD).")
@user_option
def set_command(document_id, schedule_code, until, username) -> None:
    """Set a document's retention: by schedule, by date, or (neither) its collection's default schedule."""
    _django()
    from aiplus.documents.selectors import document_for_reading
    from aiplus.records.services import retention_set

    actor = _actor(username)
    kept = _date(until, "records.until")
    retention = _run(
        lambda: retention_set(
            actor=actor,
            document=document_for_reading(actor, document_id),
            schedule_code=schedule_code,
            until=kept,
            channel="cli",
        )
    )
    click.echo(f"Document {document_id} is kept until {retention.retain_until or 'its file is closed'}.")


@records.command("close")
@click.argument("document_id", type=int)
@click.option("--on", "on", required=True, help="The day the file was closed (YYYY-MM-DD).")
@user_option
def close_command(document_id, on, username) -> None:
    """Record the day a file was closed; a schedule counted from closing then gives its date."""
    _django()
    from aiplus.documents.selectors import document_for_reading
    from aiplus.records.services import retention_close

    actor = _actor(username)
    closed_on = _date(on, "records.until")
    retention = _run(
        lambda: retention_close(
            actor=actor, document=document_for_reading(actor, document_id), closed_on=closed_on, channel="cli"
        )
    )
    click.echo(f"Document {document_id} is kept until {retention.retain_until}.")


@records.command("due")
@department_option
@click.option("--on", "on", help="Due on or before this date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@user_option
def due_command(code, on, as_json, username) -> None:
    """Documents past their retention date, with their action and whether a legal hold stops them."""
    _django()
    from django.utils import timezone

    from aiplus.records.selectors import acting_department, due_for_disposal, require_manager
    from aiplus.records.shapes import due_out

    actor = _actor(username)
    when = _date(on, "records.until") or timezone.localdate()

    def due():
        department = acting_department(actor, code)
        require_manager(actor, department.pk, "see documents due for disposal")
        return due_for_disposal(department_id=department.pk, on=when)

    for item in _run(due):
        data = due_out(item)
        if as_json:
            _emit(data)
        else:
            flags = " ".join(
                f for f in ("HELD" if data["held"] else "", data["batch"] and f"batch {data['batch']}") if f
            )
            click.echo(
                f"{data['retain_until']}\t{data['document_id']}\t{data['action']}\t{data['title']}\t{flags}"
            )


@records.command("propose")
@department_option
@user_option
def propose_command(code, username) -> None:
    """Propose a disposal batch of the documents due. Without --department and --user: every department,
    as the periodic task does (for cron)."""
    _django()
    from aiplus.records.selectors import acting_department
    from aiplus.records.services import disposal_propose, disposal_propose_all

    if not code and not username:
        batches = _run(disposal_propose_all)
        click.echo(f"{len(batches)} batches proposed: {', '.join(map(str, batches)) or '-'}")
        return
    actor = _actor(username)
    batch = _run(
        lambda: disposal_propose(actor=actor, department=acting_department(actor, code), channel="cli")
    )
    click.echo(
        f"Batch {batch.pk} proposed ({batch.items.count()} documents)." if batch else "Nothing is due."
    )


def _decide(batch_id, username, *, approve: bool, note: str) -> None:
    _django()
    from aiplus.records.selectors import batch_for
    from aiplus.records.services import disposal_decide

    actor = _actor(username)
    batch = _run(
        lambda: disposal_decide(
            actor=actor, batch=batch_for(actor, batch_id), approve=approve, note=note, channel="cli"
        )
    )
    click.echo(f"Batch {batch.pk} is {batch.status}.")


@records.command("approve")
@click.argument("batch_id", type=int)
@click.option("--note", default="")
@user_option
def approve_command(batch_id, note, username) -> None:
    """Approve a proposed disposal batch (a records approver who did not propose it)."""
    _decide(batch_id, username, approve=True, note=note)


@records.command("reject")
@click.argument("batch_id", type=int)
@click.option("--note", default="")
@user_option
def reject_command(batch_id, note, username) -> None:
    """Reject a proposed disposal batch."""
    _decide(batch_id, username, approve=False, note=note)


@records.command("execute")
@click.argument("batch_id", type=int)
@user_option
def execute_command(batch_id, username) -> None:
    """Dispose of an approved batch's documents, leaving a disposal record for each; refused as a whole if a
    document is under legal hold."""
    _django()
    from aiplus.records.models import ItemState
    from aiplus.records.selectors import batch_for
    from aiplus.records.services import disposal_execute

    actor = _actor(username)
    batch = _run(lambda: disposal_execute(actor=actor, batch=batch_for(actor, batch_id), channel="cli"))
    disposed = batch.items.filter(state=ItemState.DISPOSED).count()
    click.echo(f"Batch {batch.pk} executed: {disposed} documents disposed of.")


@records.command("disposed")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of CSV.")
@user_option
def disposed_command(as_json, username) -> None:
    """The permanent disposal records the user may see, as CSV (or JSON lines)."""
    _django()
    from aiplus.records.selectors import records_visible
    from aiplus.records.shapes import RECORD_COLUMNS, record_out

    rows = [record_out(r) for r in records_visible(_actor(username))]
    if as_json:
        for row in rows:
            _emit(row)
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    click.echo(out.getvalue(), nl=False)


@records.group()
def hold() -> None:
    """Legal holds: documents under a hold cannot be disposed of."""


@hold.command("place")
@click.argument("name")
@click.option("--reason", required=True)
@click.option("--collection", "collection_slug", default="", help="Hold a whole collection.")
@click.option("--document", "document_ids", type=int, multiple=True, help="Hold this document (repeatable).")
@click.option("--query", default="", help="Hold every document whose text has all these words.")
@department_option
@user_option
def hold_place_command(name, reason, collection_slug, document_ids, query, code, username) -> None:
    """Place a legal hold over a collection, chosen documents, or search words."""
    _django()
    from aiplus.records.selectors import acting_department
    from aiplus.records.services import legal_hold_place

    actor = _actor(username)
    placed = _run(
        lambda: legal_hold_place(
            actor=actor,
            department=acting_department(actor, code),
            name=name,
            reason=reason,
            collection_slug=collection_slug,
            document_ids=list(document_ids),
            query=query,
            channel="cli",
        )
    )
    click.echo(f"Legal hold {placed.pk} placed: {placed.name}.")


@hold.command("release")
@click.argument("hold_id", type=int)
@click.option("--note", default="")
@user_option
def hold_release_command(hold_id, note, username) -> None:
    """Release a legal hold; its documents may be disposed of again when due."""
    _django()
    from aiplus.records.selectors import hold_for
    from aiplus.records.services import legal_hold_release

    actor = _actor(username)
    released = _run(
        lambda: legal_hold_release(actor=actor, hold=hold_for(actor, hold_id), note=note, channel="cli")
    )
    click.echo(f"Legal hold {released.pk} released.")


@hold.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@user_option
def hold_list_command(as_json, username) -> None:
    """The legal holds of the user's department (the operator: all), active first."""
    _django()
    from aiplus.records.selectors import holds_visible
    from aiplus.records.shapes import hold_out

    for item in holds_visible(_actor(username)):
        data = hold_out(item)
        if as_json:
            _emit(data)
        else:
            click.echo(
                f"{data['id']}\t{'active' if data['active'] else 'released'}\t{data['name']}\t{data['scope']}"
            )
