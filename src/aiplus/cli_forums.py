"""``aiplus forums``: what an organiser needs at the shell: the events, statistics as CSV/XLSX/JSON, the online
attendance import and check-in by code, through the same services as the pages."""

import json
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def forums() -> None:
    """Technology forums and matching workshops."""


@forums.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def forums_list_command(as_json) -> None:
    """Every event, newest first, with its seats taken per mode."""
    _django()
    from aiplus.forums.models import Event
    from aiplus.forums.services import seats_left

    rows = [
        {
            "slug": e.slug,
            "title": e.title_en,
            "starts_at": e.starts_at.isoformat(),
            "mode": e.mode,
            "seats_left": seats_left(e),
        }
        for e in Event.objects.order_by("-starts_at")
    ]
    if as_json:
        _emit(rows)
        return
    for row in rows:
        left = ", ".join(f"{mode} {n}" for mode, n in row["seats_left"].items())
        click.echo(f"{row['slug']}\t{row['starts_at'][:16]}\t{row['title']}\t(seats left: {left})")


@forums.command("stats")
@click.argument("slug")
@click.option("--series", is_flag=True, help="SLUG names a series: count all its events together.")
@click.option(
    "--format", "file_format", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@user_option
def forums_stats_command(slug, series, file_format, output, username) -> None:
    """Registered, attended and no-shows by mode, organisation type and department."""
    _django()
    from aiplus.core.errors import AiplusError, ErrorCode
    from aiplus.forums.exports import statistics_csv, statistics_xlsx
    from aiplus.forums.models import Event, Series
    from aiplus.forums.statistics import event_statistics

    try:
        if series:
            found = Series.objects.filter(slug=slug).first()
            events = list(found.events.all()) if found else []
        else:
            events = list(Event.objects.filter(slug=slug))
        if not events:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"{'series' if series else 'event'} {slug!r}")
        figures = event_statistics(actor=_actor(username), events=events)
    except AiplusError as error:
        _fail(error)
    if file_format == "json":
        data = json.dumps({"events": figures.events, "rows": figures.rows()}, ensure_ascii=False).encode()
    else:
        data = statistics_xlsx(figures) if file_format == "xlsx" else statistics_csv(figures)
    if output is None:
        if file_format == "xlsx":
            raise click.ClickException("Give -o FILE.xlsx: a spreadsheet cannot be printed.")
        click.echo(data.decode("utf-8-sig"), nl=False)
        return
    output.write_bytes(data)
    click.echo(f"Statistics written to {output}", err=True)


@forums.command("attendance")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
def forums_attendance_command(slug, path, as_json, username) -> None:
    """Mark online registrations as attended from a meeting platform's attendance CSV."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.forums.services import event_for_public
    from aiplus.forums.statistics import online_attendance_import

    try:
        report = online_attendance_import(
            actor=_actor(username), event=event_for_public(slug), data=path.read_bytes()
        )
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit({"marked": report.marked, "already": report.already, "unknown": report.unknown})
        return
    click.echo(
        f"{report.marked} marked, {report.already} already marked, {len(report.unknown)} not registered."
    )


@forums.command("check-in")
@click.argument("code")
@user_option
def forums_check_in_command(code, username) -> None:
    """Check a visitor in by the code in their confirmation link."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.forums.services import check_in

    try:
        arrival = check_in(actor=_actor(username), code=code)
    except AiplusError as error:
        _fail(error)
    click.echo(f"{arrival.name} checked in at {arrival.checked_in_at:%H:%M}.")
