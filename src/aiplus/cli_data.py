"""``aiplus collection delete`` and ``aiplus repair``: commands that remove or mend stored data as a whole,
through the same services as the pages and the API."""

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def collection() -> None:
    """Manage collections."""


@collection.command("delete")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Delete without asking to confirm.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
def collection_delete_command(slug, yes, as_json, username) -> None:
    """Delete the collection SLUG with its documents, passages, index and the files no other document uses."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.documents.selectors import collection_for_deleting
    from aiplus.documents.services import collection_delete

    actor = _actor(username)
    try:
        found = collection_for_deleting(actor, slug)
        if not yes:
            count = found.documents.count()
            click.confirm(
                f"Delete {found.name} ({slug}) and its {count} documents? This cannot be undone.", abort=True
            )
        deleted = collection_delete(actor=actor, slug=slug, channel="cli")
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit(
            {
                "collection": deleted.slug,
                "documents": deleted.documents,
                "files_removed": deleted.files_removed,
            }
        )
        return
    click.echo(
        f"Deleted {deleted.slug}: {deleted.documents} documents, {deleted.files_removed} files removed."
    )


@main.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be repaired.")
def repair(dry_run) -> None:
    """Repair stored values that today's input rules refuse (rows an older version let in), and list them."""
    _django()
    from django.apps import apps

    from aiplus.core.repair import stored_rows_repair

    findings = stored_rows_repair(apps=apps, repair=not dry_run)
    for finding in findings:
        click.echo(finding.line())
    repaired = sum(1 for finding in findings if finding.repaired)
    left = sum(1 for finding in findings if not finding.safe)
    click.echo(f"{len(findings)} found, {repaired} repaired, {left} left for a person to decide.", err=True)
