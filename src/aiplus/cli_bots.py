"""``aiplus bot`` (publish and list public bots) and ``aiplus eval`` (a golden set against a bot), through the
same services as the pages."""

from pathlib import Path

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def bot() -> None:
    """Public bots: a department's FAQ and documents, answered for anyone without sign-in."""


@bot.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="The bot's name, as the public sees it.")
@click.option("--department", "department_code", required=True, help="The department that publishes it.")
@click.option("--collection", "collections", multiple=True, required=True, help="A collection (repeatable).")
@click.option("--language", type=click.Choice(["en", "zh-hant"]), default="en", show_default=True)
@click.option("--greeting", default="", help="What the bot says first.")
@click.option("--decline-message", default="", help="What it says when it has no answer.")
@click.option("--origin", "origins", multiple=True, help="Another web site that may embed the widget.")
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print {slug, page, widget} as JSON.")
def bot_add_command(
    slug, name, department_code, collections, language, greeting, decline_message, origins, username, as_json
) -> None:
    """Publish a bot over collections of its department (its own, or shared with it)."""
    _django()
    from aiplus.bots.services import bot_create
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code

    try:
        created = bot_create(
            actor=_actor(username),
            slug=slug,
            name=name,
            department=department_by_code(department_code),
            collections=collections,
            language=language,
            greeting=greeting,
            decline_message=decline_message,
            allowed_origins=origins,
        )
    except AiplusError as error:
        _fail(error)
    paths = {
        "slug": created.slug,
        "page": f"/bots/{created.slug}/",
        "widget": f"/bots/{created.slug}/widget.js",
    }
    if as_json:
        _emit(paths)
        return
    click.echo(f"Published {created.name}: page {paths['page']}, widget {paths['widget']}")


@bot.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def bot_list_command(as_json) -> None:
    """List the bots: slug, department, active, collections."""
    _django()
    from aiplus.bots.models import Bot

    rows = [
        {
            "slug": b.slug,
            "name": b.name,
            "department": b.department.code,
            "active": b.active,
            "collections": sorted(c.slug for c in b.collections.all()),
        }
        for b in Bot.objects.select_related("department").prefetch_related("collections").order_by("slug")
    ]
    if as_json:
        _emit(rows)
        return
    for row in rows:
        state = "active" if row["active"] else "paused"
        click.echo("\t".join([row["slug"], row["department"], state, ",".join(row["collections"])]))


@main.command("eval")
@click.argument("golden", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bot", "slug", required=True, help="The bot to evaluate.")
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print the run's figures as JSON.")
def eval_command(golden, slug, username, as_json) -> None:
    """Ask a bot every question of a golden set (CSV: question,expected_id,wording) and report hit@1, correct
    declines and citation precision, with the change since the bot's previous run. Every run is kept."""
    _django()
    from aiplus.bots.evaluation import eval_run, golden_read, previous_run, run_summary
    from aiplus.bots.services import bot_for_managing
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        target = bot_for_managing(actor, slug)
        rows = golden_read(golden.read_bytes(), name=golden.name)
        run = eval_run(actor=actor, bot=target, rows=rows, golden_name=golden.name)
    except AiplusError as error:
        _fail(error)
    summary = run_summary(run, previous_run(run))
    if as_json:
        _emit(summary)
        return
    change = summary.get("change", {})
    for name, label in [
        ("hit_at_1", "hit@1"),
        ("correct_declines", "correct declines"),
        ("citation_precision", "citation precision"),
    ]:
        delta = f" ({change[name]:+.3f} since run {summary['previous_run']})" if name in change else ""
        click.echo(f"{label}: {summary[name]:.3f}{delta}")
    click.echo(
        f"{summary['questions']} questions ({summary['answerable']} answerable, {summary['should_decline']} to decline)"
    )
