"""``aiplus brief``: a market brief over the press releases of a collection, printed or written to a file."""

from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.command()
@click.option("--collection", "slug", required=True, help="Collection slug of the press releases.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First release date to read.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last release date to read.")
@click.option("--query", default="", help="Only releases on this topic.")
@click.option("--language", type=click.Choice(["en", "zh-Hant"]), default="en", help="Language of the brief.")
@click.option("--json", "as_json", is_flag=True, help="Print the brief as JSON (the API's shape).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the brief to FILE.md or FILE.docx.",
)
@user_option
def brief(slug, date_from, date_to, query, language, as_json, output, username) -> None:
    """Make and save a brief: headline, summary, key signals, a quote, agencies, vendors, locations and
    sources. Without --json or -o the brief is printed as Markdown."""
    _django()
    from aiplus.briefs.api import brief_out
    from aiplus.briefs.output import render
    from aiplus.briefs.services import brief_create
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    fmt = output.suffix.lower().lstrip(".") if output is not None else ""
    if output is not None and fmt not in {"md", "docx"}:
        raise click.ClickException("The output file must end in .md or .docx.")
    try:
        made = brief_create(
            actor=actor,
            slug=slug,
            date_from=date_from,
            date_to=date_to,
            query=query,
            language=language,
            channel="cli",
        )
    except AiplusError as error:
        _fail(error)
    if output is not None:
        content, _type, _name = render(made, fmt)
        output.write_bytes(content)
        click.echo(f"Brief {made.pk} written to {output}.", err=True)
    if as_json:
        out = brief_out(made)
        _emit({**out, "date_from": str(out["date_from"] or ""), "date_to": str(out["date_to"] or "")})
    elif output is None:
        click.echo(render(made, "md")[0].decode("utf-8"))
