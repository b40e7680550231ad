"""``aiplus redact``: the personal data in a text, PDF or Word file, and the file with it removed; and
``aiplus governance officer-add`` / ``officer-remove``: appoint or stand down a governance officer."""

from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print {spans: [{type, start, end, text}], redacted}.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the redacted file here, in the input's format (PDF, DOCX, text).",
)
@user_option
def redact(path, as_json, output, username) -> None:
    """Find the personal data in PATH (.txt, .md, .pdf or .docx) and remove it. Offsets are into the text
    aiplus extracts from the file; without --json the redacted text is printed."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.privacy.redact.services import redact_file

    actor = _actor(username)
    if output is not None and output.suffix.lower() != path.suffix.lower():
        raise click.ClickException(f"The output must have the input's extension ({path.suffix.lower()}).")
    try:
        redaction = redact_file(actor=actor, path=path, filename=path.name, channel="cli")
    except AiplusError as error:
        _fail(error)
    if output is not None:
        output.write_bytes(redaction.data)
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(redaction.counts.items())) or "nothing found"
        click.echo(f"Redacted file written to {output} ({counts}).", err=True)
    if as_json:
        spans = [{"type": s.type, "start": s.start, "end": s.end, "text": s.text} for s in redaction.spans]
        _emit({"spans": spans, "redacted": redaction.redacted_text})
    elif output is None:
        click.echo(redaction.redacted_text)


@main.group()
def governance() -> None:
    """Governance officers: who may audit every department's model calls and redactions."""


@governance.command("officer-add")
@click.argument("username")
def officer_add_command(username) -> None:
    """Make a user a governance officer: they see the personal-data audit of every department (page
    /governance/, the API and its CSV), counts per type only, never the values."""
    _django()
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import AiplusError
    from aiplus.privacy.governance import governance_officer_add

    try:
        governance_officer_add(actor=OPERATOR, username=username)
    except AiplusError as error:
        _fail(error)
    click.echo(f"{username} is a governance officer.")


@governance.command("officer-remove")
@click.argument("username")
def officer_remove_command(username) -> None:
    """End a user's appointment as governance officer."""
    _django()
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import AiplusError
    from aiplus.privacy.governance import governance_officer_remove

    try:
        governance_officer_remove(actor=OPERATOR, username=username)
    except AiplusError as error:
        _fail(error)
    click.echo(f"{username} is no longer a governance officer.")
