"""``aiplus proofread``, ``aiplus extract`` and ``aiplus glossary import``: the same services as the pages
and the API."""

from pathlib import Path

import click

from aiplus.cli import _actor, _django, _echo_all_or_nothing, _emit, _fail, main, user_option

file_argument = click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@main.command("proofread")
@file_argument
@json_option
@user_option
def proofread_command(path, as_json, username) -> None:
    """Proofread a text, PDF or DOCX file: script, vocabulary, glossary, punctuation, consistency (and
    spelling and grammar when a model is configured). Exits 1 when there are issues."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.pilot.services_check import file_text, proofread_text

    actor = _actor(username)
    try:
        text = file_text(path, path.name)
        result = proofread_text(actor=actor, text=text, channel="cli")
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit(result.as_dict())
    else:
        for issue in result.issues:
            line = text.count("\n", 0, issue.start) + 1
            click.echo(
                f"{line}:{issue.start}-{issue.end} {issue.kind} «{issue.found}» → «{issue.suggestion}» {issue.message}"
            )
        click.echo(f"{len(result.issues)} issues.", err=True)
    raise SystemExit(1 if result.issues else 0)


@main.command("extract")
@file_argument
@click.option(
    "--schema",
    "schema_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON file: {"fields": [{"name", "type", "required", "label", "pattern"}]}.',
)
@json_option
@user_option
def extract_command(path, schema_path, as_json, username) -> None:
    """Extract the schema's fields from a form or letter (text, PDF, DOCX or a scanned image). Exits 1 when a
    required field is missing."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.pilot.services_check import extract_from_file

    actor = _actor(username)
    try:
        result = extract_from_file(
            actor=actor, path_or_file=path, filename=path.name, schema=schema_path.read_bytes(), channel="cli"
        )
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit(result.as_dict())
    else:
        for value in result.fields:
            where = f"page {value.page} [{value.start}:{value.end}]" if value.found else "not found"
            flag = "" if value.valid or not value.found else " (not valid)"
            click.echo(f"{value.name}\t{value.value}{flag}\t{value.normalised}\t{where}")
    missing = [v.name for v in result.fields if v.required and not v.found]
    if missing:
        click.echo("Required fields not found: " + ", ".join(missing), err=True)
    raise SystemExit(1 if missing else 0)


@main.group()
def glossary() -> None:
    """Department glossaries (termbases)."""


@glossary.command("import")
@file_argument
@click.option(
    "--department", "department_code", required=True, help="Code of the department whose glossary it is."
)
@json_option
@user_option
def glossary_import_command(path, department_code, as_json, username) -> None:
    """Import terms from a CSV or XLSX file with columns en, zh-Hant, zh-Hans, notes, forbidden (words not to
    use, separated by |). A file with any bad row stores nothing; every problem is listed by row."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.glossary.services import glossary_import

    actor = _actor(username)
    try:
        department = department_by_code(department_code)
        report = glossary_import(
            actor=actor, department=department, path_or_file=path, filename=path.name, channel="cli"
        )
    except AiplusError as error:
        _fail(error)
    _echo_all_or_nothing(
        report,
        as_json=as_json,
        done=f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged.",
    )
