"""The ``aiplus`` command: set up, serve, and the same ingest/search/ask services the web pages use.

Output meant for programs goes to standard output (``--json``); progress bars and notes go to standard
error, so both can be used at once.
"""

import json
import os
import sys
import time
from pathlib import Path

import click


def _django() -> None:
    """Start Django, and initialise a fresh AIPLUS_HOME (create it, migrate) on first use."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    os.environ.setdefault("AIPLUS_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        from django.core.management import call_command

        click.echo("Preparing the database…", err=True)
        call_command("migrate", interactive=False, verbosity=0)


def _actor(username: str | None):
    from aiplus.core.access import OPERATOR
    from aiplus.core.models import User

    if not username:
        return OPERATOR
    user = User.objects.filter(username=username, is_active=True).select_related("department").first()
    if user is None:
        raise click.ClickException(f"No active user named {username!r}.")
    return user


def _fail(error) -> None:
    raise click.ClickException(error.message + (f" ({error.detail})" if error.detail else ""))


def _emit(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def _echo_import_report(report, *, as_json: bool) -> None:
    """An import's report (FAQ entries, catalogue solutions): JSON, or counts with the bad rows on stderr."""
    if as_json:
        _emit(report.as_dict())
        return
    for problem in report.problems:
        click.echo(f"row {problem.row}: {problem.message}", err=True)
    click.echo(
        f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.problems)} rows with problems."
    )


def _echo_all_or_nothing(report, *, as_json: bool, done: str) -> None:
    """An all-or-nothing import's report (glossary terms, labelled examples): JSON, or ``done`` when it was
    stored, else each row's problem on stderr; the exit status is 1 when nothing was stored."""
    if as_json:
        _emit(report.as_dict())
    else:
        for problem in report.problems:
            click.echo(f"row {problem.row}: {problem.message}", err=True)
        if report.stored:
            click.echo(done)
        else:
            click.echo(f"Nothing imported: {len(report.problems)} rows with problems.", err=True)
    raise SystemExit(0 if report.stored else 1)


def _read_queries(path: Path) -> list[dict]:
    queries = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["query"] if "query" in item else item["question"]
            queries.append({"id": item["id"], "query": str(text)})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise click.ClickException(
                f"{path}:{number}: each line must be JSON with id and query (or question) ({exc})"
            ) from exc
    return queries


user_option = click.option(
    "--user", "username", help="Act as this user, under their access (default: operator)."
)
collection_option = click.option("--collection", "slug", required=True, help="Collection slug.")
read_collection_option = click.option(
    "--collection", "slug", help="Collection slug (default: every collection the user may read)."
)
queries_option = click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JSONL file of {id, query} (or {id, question}); prints one JSON line per query.",
)


@click.group()
@click.version_option(package_name="aiplus")
def main() -> None:
    """aiplus: AI+ Civil Services on your own machine. Data lives in $AIPLUS_HOME (default ~/.aiplus)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@collection_option
@click.option("--create", is_flag=True, help="Create the collection if it does not exist.")
@click.option("--department", "department_code", help="Department code for a new collection.")
@click.option(
    "--visibility",
    type=click.Choice(["private", "shared", "public"]),
    default="private",
    help="Who may read a new collection (default: private; shared when --share-with is given).",
)
@click.option(
    "--share-with",
    "share_with",
    multiple=True,
    metavar="CODE",
    help="Share a new collection with this department (repeatable).",
)
@click.option("--wait", is_flag=True, help="Process the files now and wait until each is ready or failed.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
@click.pass_context
def ingest(
    ctx, paths, slug, create, department_code, visibility, share_with, wait, as_json, username
) -> None:
    """Add files or folders (recursively) to a collection."""
    if share_with:
        if ctx.get_parameter_source("visibility") is click.core.ParameterSource.DEFAULT:
            visibility = "shared"
        elif visibility != "shared":
            raise click.UsageError("--share-with needs --visibility shared.")
    _django()
    from tqdm import tqdm

    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code, departments_by_code
    from aiplus.documents import services
    from aiplus.documents.models import Collection, Document, Status
    from aiplus.documents.selectors import collection_for_managing

    actor = _actor(username)
    try:
        department = (
            department_by_code(department_code) if department_code else getattr(actor, "department", None)
        )
        shared_with = departments_by_code(share_with)
        exists = Collection.objects.filter(slug=slug).exists()
        if create and not exists:
            if department is None:
                raise click.ClickException("Give --department CODE for the new collection.")
            services.collection_create(
                actor=actor,
                slug=slug,
                name=slug.replace("-", " ").title(),
                department=department,
                visibility=visibility,
                shared_with=shared_with,
            )
        elif share_with and exists:
            click.echo(
                f"Collection {slug!r} exists; --share-with applies only to a new collection "
                "(change sharing on its page or through the API).",
                err=True,
            )
        collection = collection_for_managing(actor, slug)
        files = services.iter_files(paths)
        with tqdm(total=len(files), desc="Storing", unit="file", file=sys.stderr, disable=as_json) as bar:
            outcomes = services.ingest_paths(
                actor=actor, collection=collection, paths=paths, on_file=lambda outcome: bar.update()
            )
    except AiplusError as error:
        _fail(error)
    document_ids = [o.document.pk for o in outcomes if o.document is not None]
    if wait:
        pending = Document.objects.filter(pk__in=document_ids, status__in=[Status.QUEUED, Status.PROCESSING])
        with tqdm(
            total=pending.count(), desc="Processing", unit="doc", file=sys.stderr, disable=as_json
        ) as bar:
            services.documents_process_queued(collection=collection, on_done=lambda status: bar.update())
            while pending.exists():  # documents a running worker holds
                time.sleep(0.5)
    documents = Document.objects.in_bulk(document_ids)
    report = []
    for outcome in outcomes:
        document = documents.get(outcome.document.pk) if outcome.document else None
        report.append(
            {
                "source_id": outcome.source_id,
                "outcome": outcome.outcome,
                "document": document.pk if document else None,
                "status": document.status if document else None,
                "error": outcome.message or (document.error_message if document else ""),
                "duplicate_of": outcome.duplicate_of,
            }
        )
    summary: dict[str, int] = {}
    for row in report:
        key = row["status"] if row["outcome"] not in {"duplicate", "unchanged"} else row["outcome"]
        summary[key] = summary.get(key, 0) + 1
    if as_json:
        _emit({"collection": slug, "files": report, "summary": summary})
        return
    for row in report:
        if row["error"]:
            click.echo(f"  failed  {row['source_id']}: {row['error']}", err=True)
        elif row["outcome"] == "duplicate":
            click.echo(f"  same as {row['duplicate_of']}: {row['source_id']}", err=True)
    click.echo(", ".join(f"{count} {state}" for state, count in sorted(summary.items())))


def _readable(actor, slug: str | None):
    """The collection named, or None: every collection the actor may read, as the web and API ask."""
    from aiplus.documents.selectors import collection_for_reading

    return [collection_for_reading(actor, slug)] if slug else None


def _search_one(actor, query: str, collections, k: int) -> list:
    from aiplus.search.services import search

    return search(actor=actor, query=query, collections=collections, k=k)


def _page_label(file_type: str, page: int) -> str:
    """ ", p. 3" for formats with pages (PDF, scans); nothing for Word, HTML, text and workbooks."""
    from aiplus.documents.parsers import has_pages

    return f", p. {page}" if has_pages(file_type) else ""


@main.command("search")
@click.argument("query", required=False)
@read_collection_option
@click.option("--k", default=10, show_default=True, type=int, help="How many passages (1–100).")
@queries_option
@click.option("--json", "as_json", is_flag=True)
@user_option
def search_command(query, slug, k, queries, as_json, username) -> None:
    """Search a collection, or every collection the user may read: the best passages for QUERY."""
    if not query and not queries:
        raise click.UsageError("Give a QUERY or --queries FILE.")
    _django()
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        collections = _readable(actor, slug)
        if queries:
            for item in _read_queries(queries):
                hits = _search_one(actor, item["query"], collections, k)
                _emit({"id": item["id"], "hits": [hit.as_dict() for hit in hits]})
            return
        hits = _search_one(actor, query, collections, k)
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit([hit.as_dict() for hit in hits])
        return
    for rank, hit in enumerate(hits, start=1):
        where = hit.source_id if slug else f"{hit.collection}: {hit.source_id}"
        page = _page_label(hit.file_type, hit.page)
        click.echo(f"{rank:>2}. {hit.title} ({where}{page})  score {hit.as_dict()['score']}")
        click.echo(f"    {' '.join(hit.text.split())[:200]}")


@main.command()
@click.argument("question", required=False)
@read_collection_option
@queries_option
@click.option("--json", "as_json", is_flag=True)
@user_option
def ask(question, slug, queries, as_json, username) -> None:
    """Answer QUESTION from a collection, or every collection the user may read, citing the passages used."""
    if not question and not queries:
        raise click.UsageError("Give a QUESTION or --queries FILE.")
    _django()
    from aiplus.assistant.services import answer_question
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        collections = _readable(actor, slug)
        if queries:
            for item in _read_queries(queries):
                answer = answer_question(
                    actor=actor, question=item["query"], collections=collections, channel="cli"
                )
                _emit({"id": item["id"], **answer.as_dict()})
            return
        answer = answer_question(actor=actor, question=question, collections=collections, channel="cli")
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit({"id": None, **answer.as_dict()})
        return
    click.echo(answer.answer)
    for citation in answer.citations:
        page = _page_label(citation.file_type, citation.page)
        click.echo(f"  [{citation.number}] {citation.title}{page} ({citation.source_id})")


@main.command()
@click.option("--demo/--no-demo", default=True, show_default=True, help="Load the bilingual demo data.")
@click.option(
    "--wait/--no-wait", default=True, show_default=True, help="Process the demo documents and meetings now."
)
def setup(demo, wait) -> None:
    """Prepare the data directory: database, and (by default) the demo departments, users and documents."""
    _django()
    from django.conf import settings

    click.echo(f"Data directory: {settings.AIPLUS_HOME}", err=True)
    if not demo:
        return
    from aiplus.demo import demo_file_count, demo_loaded, load_demo
    from aiplus.documents.services import documents_process_queued
    from aiplus.meetings.services import meetings_process_queued

    credentials = None
    if not demo_loaded():
        with _Progress("Storing demo files", "file") as progress:
            progress.start(demo_file_count())
            credentials = load_demo(on_file=progress.step)
    if wait:
        with _Progress("Reading demo documents", "doc") as progress:
            documents_process_queued(on_start=progress.start, on_done=progress.step)
        with _Progress("Writing demo minutes", "meeting") as progress:
            meetings_process_queued(on_start=progress.start, on_done=progress.step)
    _print_sign_in(credentials)


class _Progress:
    """A progress bar on standard error that opens once its total is known, so it never shows without one,
    and not at all when there is nothing to do."""

    def __init__(self, desc: str, unit: str) -> None:
        self.desc, self.unit, self.bar = desc, unit, None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        if total:
            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=sys.stderr)

    def step(self, *done) -> None:
        if self.bar is not None:
            self.bar.update()

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def _print_sign_in(credentials) -> None:
    """The demo passwords, the one time they exist in clear text."""
    if not credentials:
        return
    from aiplus.demo import ADMIN

    if credentials.admin_password:
        click.echo(
            f"Platform administrator: sign in as {ADMIN} with the password {credentials.admin_password}"
        )
    if credentials.members:
        names = ", ".join(credentials.members)
        click.echo(f"Demo users: sign in as any of {names} with the password {credentials.member_password}")
        click.echo("  amy is a member of the Demo Services Department; bob belongs to another department.")
        click.echo("  vera works for a vendor in the catalogue; olivia is in the innovation office.")
        click.echo(
            "  grace is a governance officer: she audits every department's model calls (/governance/)."
        )
        click.echo(
            "  alice manages the department's records and workflows; amy approves disposals and works in the"
            " Complaints and General enquiries teams: sign in as amy for the review queue (/workflows/queue/)."
        )
    click.echo("These passwords are shown only now. To set a new one: aiplus manage changepassword NAME")
    click.echo("The demo's public bot needs no sign-in: open /bots/dsd-hotline/ once `aiplus serve` runs.")
    click.echo("Forums take registrations without an account too: /forums/.")
    click.echo("So does the public form for reporting a blocked drain: /forms/drainage-complaint/.")


@main.command()
@click.option("--concurrency", default=1, show_default=True, type=int)
@click.option(
    "--quick-only",
    is_flag=True,
    help="Serve only quick work: a job running longer than AIPLUS_WORKER_QUICK_SECONDS is handed to the "
    "long queue, which another worker serves.",
)
def worker(concurrency, quick_only) -> None:
    """Run a background worker (documents, meetings). Work left half-done by a dead worker is picked up
    again; on SIGTERM the running job is given back at its next page and the worker exits."""
    _django()
    from aiplus.celery import app
    from aiplus.core.workers import DEFAULT_QUEUE, LONG_QUEUE, worker_lane_set

    worker_lane_set(quick_only=quick_only)
    queues = DEFAULT_QUEUE if quick_only else f"{DEFAULT_QUEUE},{LONG_QUEUE}"
    name = "quick@%h" if quick_only else "celery@%h"
    pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
    app.worker_main(
        ["worker", "--loglevel=INFO", "--without-gossip", "--without-mingle", "-Q", queues, "-n", name, *pool]
    )


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def manage(ctx) -> None:
    """Run a Django management command (migrate, createsuperuser, …)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["aiplus manage", *ctx.args])


@main.command()
@click.argument("transcript", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--agenda", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Agenda, one item a line."
)
@click.option(
    "--template",
    default="general",
    show_default=True,
    help="general, committee, project, or a department's own (with --user).",
)
@click.option("--language", default="en", show_default=True, type=click.Choice(["en", "zh-Hant", "both"]))
@click.option("--format", "fmt", required=True, type=click.Choice(["docx", "md", "json"]))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write, or - for standard output.",
)
@click.option(
    "--date",
    "meeting_date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Meeting date, for deadlines such as 'next Friday'.",
)
@click.option("--title", default="", help="Title of the minutes.")
@click.option(
    "--roles",
    "roles_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Speaker roles, one a line as 'English | 中文' (default: the department's, or the government's).",
)
@user_option
def minutes(
    transcript, agenda, template, language, fmt, output, meeting_date, title, roles_file, username
) -> None:
    """Write minutes of a meeting from its transcript (WebVTT, SRT, text, DOCX, whisper JSON) or audio."""
    _django()
    from tqdm import tqdm

    from aiplus.core.errors import AiplusError
    from aiplus.meetings.export import render
    from aiplus.meetings.parsers import parse_transcript, read_limited
    from aiplus.meetings.roles import roles_from_lines
    from aiplus.meetings.selectors import roles_for, template_named
    from aiplus.meetings.services import checked_roles, is_audio, write_minutes

    actor = _actor(username)
    bar = tqdm(total=0, unit="part", disable=None, file=sys.stderr, leave=False)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        department_id = getattr(actor, "department_id", None)
        layout = template_named(department_id, template)
        if roles_file:
            roles = checked_roles(roles_from_lines(roles_file.read_text("utf-8")))
        else:
            roles = roles_for(department_id)
        if is_audio(transcript.name):
            from aiplus.meetings.audio import transcribe_audio

            bar.set_description("Transcribing")
            parsed = transcribe_audio(transcript, actor=actor, progress=progress)
        else:
            with transcript.open("rb") as stream:
                parsed = parse_transcript(read_limited(stream), transcript.name)
        bar.set_description("Writing minutes")
        result = write_minutes(
            parsed,
            actor=actor,
            agenda_text=agenda.read_text("utf-8") if agenda else "",
            template=template,
            language=language,
            meeting_date=meeting_date.date() if meeting_date else None,
            title=title,
            roles=roles,
            progress=progress,
        )
        data = render(result, layout, parsed, fmt)
    except AiplusError as error:
        _fail(error)
    finally:
        bar.close()
    if str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        click.echo(
            f"Minutes written to {output} ({len(result.actions)} actions, {len(result.decisions)} decisions).",
            err=True,
        )


from aiplus import (  # noqa: E402,F401  (they add their commands to main)
    cli_bots,
    cli_briefs,
    cli_catalogue,
    cli_chat,
    cli_check,
    cli_classifier,
    cli_data,
    cli_doors,
    cli_embed,
    cli_faq,
    cli_forums,
    cli_gateway,
    cli_intake,
    cli_people,
    cli_pilot,
    cli_privacy,
    cli_records,
    cli_workflows,
)
