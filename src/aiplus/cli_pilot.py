"""``aiplus summarize`` and ``aiplus translate``: the document assistant's tasks on a file, through the same
services as the page and the API (a model when one is configured, the model-free engines otherwise)."""

import json
import sys
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _fail, main, user_option

file_argument = click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))


def _source(path: Path):
    from aiplus.pilot.sources import source_from_upload

    with path.open("rb") as stream:
        return source_from_upload(stream=stream, filename=path.name)


def _warn_instructions(result: dict) -> None:
    from aiplus.pilot.output import instruction_notes

    for note in instruction_notes(result):
        click.echo(note, err=True)


def _progress(label: str):
    def report(done: int, total: int) -> None:
        click.echo(f"{label}: part {done} of {total}", err=True)

    return report


@main.command("summarize")
@file_argument
@click.option(
    "--length", type=click.Choice(["brief", "standard", "detailed"]), default="standard", show_default=True
)
@click.option(
    "--language",
    type=click.Choice(["en", "zh-Hant", "zh-Hans"]),
    help="Language of the summary (default: the document's).",
)
@click.option("--style", type=click.Choice(["bullets", "prose"]), default="bullets", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the summary with its citations as JSON.")
@user_option
def summarize_command(path, length, language, style, as_json, username) -> None:
    """Summarise a document (PDF, DOCX, XLSX, HTML, text, Markdown or an image); every sentence cites the
    page, paragraph and characters it came from."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.pilot.summarise import summarise

    actor = _actor(username)
    try:
        summary = summarise(
            _source(path),
            actor=actor,
            length=length,
            style=style,
            language=language or "",
            progress=_progress("Summarising"),
        )
    except AiplusError as error:
        _fail(error)
    data = summary.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    _warn_instructions(data)
    for notice in data["notices"]:
        click.echo(notice, err=True)
    click.echo(data["text"])


@main.command("translate")
@file_argument
@click.option("--to", "target", type=click.Choice(["en", "zh-Hant", "zh-Hans"]), required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the translation here."
)
@user_option
def translate_command(path, target, output, username) -> None:
    """Translate a document between English, Traditional Chinese (Hong Kong) and Simplified Chinese.
    Traditional↔Simplified needs no model; English↔Chinese needs one."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.pilot.translate import translate

    actor = _actor(username)
    try:
        result = translate(
            _source(path),
            actor=actor,
            target=target,
            department_id=getattr(actor, "department_id", None),
            progress=_progress("Translating"),
        )
    except AiplusError as error:
        _fail(error)
    _warn_instructions(result.as_dict())
    for missed in result.glossary_missed:
        click.echo(f"Glossary term not used: {missed['source']} → {missed['target']}", err=True)
    if output is None:
        sys.stdout.write(result.text + "\n")
        return
    output.write_text(result.text + "\n", encoding="utf-8")
    click.echo(f"Translation written to {output} ({result.engine}).", err=True)
