"""``aiplus faq import``: FAQ and forms collections from CSV or XLSX files, through the same service as the
page and the API."""

from pathlib import Path

import click

from aiplus.cli import _actor, _django, _echo_import_report, _fail, main, user_option


@main.group()
def faq() -> None:
    """FAQ and forms collections."""


@faq.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--collection", "slug", required=True, help="Collection slug.")
@click.option("--create", is_flag=True, help="Create the collection if it does not exist.")
@click.option("--department", "department_code", help="Department code for a new collection.")
@click.option(
    "--kind",
    type=click.Choice(["faq", "forms"]),
    default="faq",
    show_default=True,
    help="Kind of a new collection.",
)
@click.option(
    "--visibility",
    type=click.Choice(["private", "shared", "public"]),
    default="private",
    show_default=True,
    help="Who may read a new collection.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
def faq_import_command(path, slug, create, department_code, kind, visibility, as_json, username) -> None:
    """Import FAQ entries from a CSV or XLSX file with columns id, question, answer, language (and optionally
    alternatives, url, form, department). Rows with the same id are the language versions of one entry; a
    re-import updates entries by id."""
    _django()
    from aiplus.core.errors import AiplusError, ErrorCode
    from aiplus.core.selectors import department_by_code
    from aiplus.documents.models import Collection
    from aiplus.documents.selectors import collection_for_managing
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import

    actor = _actor(username)
    try:
        if create and not Collection.objects.filter(slug=slug).exists():
            if department_code:
                department = department_by_code(department_code)
            elif getattr(actor, "department", None) is not None:
                department = actor.department
            else:
                raise click.ClickException("Give --department CODE for the new collection.")
            name = slug.replace("-", " ").title()
            collection = collection_create(
                actor=actor, slug=slug, name=name, department=department, visibility=visibility, kind=kind
            )
        else:
            collection = collection_for_managing(actor, slug)
        report = faq_import(
            actor=actor, collection=collection, path_or_file=path, filename=path.name, channel="cli"
        )
    except AiplusError as error:
        if error.code == ErrorCode.NOT_FOUND and not create:
            raise click.ClickException(
                f"{error.message} (collection {slug!r}; use --create to make it)"
            ) from error
        _fail(error)
    _echo_import_report(report, as_json=as_json)
