"""``aiplus catalogue``: import solutions from CSV or XLSX, export the catalogue, and appoint the innovation
office, through the same services as the pages and the API."""

import csv
import io
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _echo_import_report, _emit, _fail, main, user_option


@main.group()
def catalogue() -> None:
    """The AI+ Tool and Solution Catalogue."""


@catalogue.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
def catalogue_import_command(path, as_json, username) -> None:
    """Import solutions from a CSV or XLSX file (columns vendor_br, name_en, name_zh, summary_en, summary_zh,
    categories, languages and the other fields of docs/catalogue.md; optional status). A row whose vendor
    already has a solution of that English name updates it as a new version."""
    _django()
    from aiplus.catalogue.importing import catalogue_import, read_limited
    from aiplus.core.errors import AiplusError

    try:
        with path.open("rb") as stream:
            data = read_limited(stream)
        report = catalogue_import(actor=_actor(username), data=data, filename=path.name, channel="cli")
    except AiplusError as error:
        _fail(error)
    _echo_import_report(report, as_json=as_json)


@catalogue.command("export")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of CSV.")
@user_option
def catalogue_export_command(as_json, username) -> None:
    """Every solution the user may see (published ones; a vendor also its own; the operator all), one a
    line, in the import's columns (CSV) or as JSON."""
    _django()
    from aiplus.catalogue.search import adoption_counts
    from aiplus.catalogue.selectors import solutions_visible
    from aiplus.catalogue.services import VERSION_FIELDS
    from aiplus.catalogue.shapes import solution_out

    solutions = list(solutions_visible(_actor(username)))
    counts = adoption_counts([s.pk for s in solutions])
    if as_json:
        for solution in solutions:
            _emit(solution_out(solution, adoptions=counts.get(solution.pk, 0)))
        return
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["vendor_br", *VERSION_FIELDS, "status", "adoptions"])
    for solution in solutions:
        version = solution.current_version
        cells = []
        for name in VERSION_FIELDS:
            value = getattr(version, name)
            separator = ";" if name == "certifications" else ","
            cells.append(separator.join(value) if isinstance(value, list) else "" if value is None else value)
        writer.writerow([solution.vendor.br_number, *cells, solution.status, counts.get(solution.pk, 0)])
    click.echo(out.getvalue(), nl=False)


@catalogue.command("office-add")
@click.argument("username")
def office_add_command(username) -> None:
    """Make a user a member of the innovation office (approves vendors, reviews and publishes solutions)."""
    _django()
    from aiplus.catalogue.services import innovation_office_add
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import AiplusError

    try:
        innovation_office_add(actor=OPERATOR, username=username)
    except AiplusError as error:
        _fail(error)
    click.echo(f"{username} is in the innovation office.")
