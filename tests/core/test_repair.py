"""Rows an older version let in are found, repaired where that is safe, and listed where it is not."""

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import NoReverseMatch, reverse

from aiplus.cli import main
from aiplus.core.checks import stored_values_check
from aiplus.core.repair import stored_rows_repair
from aiplus.core.services import user_create
from aiplus.documents.models import Collection
from aiplus.meetings.models import Meeting, MeetingStatus


def _segment(index, speaker, text):
    return {"index": index, "speaker": speaker, "text": text, "start": None, "end": None, "language": "en"}


@pytest.fixture
def old_rows(dsd, alice):
    """Rows as the API and CLI of an older version stored them, before every door checked its input. SQLite
    kept an unpaired surrogate escaped in JSON; PostgreSQL refuses one, but keeps a control character."""
    bad = "\ud800" if connection.vendor == "sqlite" else "\x07"
    harbour = Collection.objects.create(slug="海港公告", name="Harbour\x07 notices", department=dsd)
    spaced = Collection.objects.create(slug="my docs", name="My docs", department=dsd)
    upper = Collection.objects.create(slug="Guides", name="Guides", department=dsd)
    Collection.objects.create(slug="guides", name="Other guides", department=dsd)
    long_name = Collection.objects.create(slug="long", name="Long", description="d" * 3000, department=dsd)
    meeting = Meeting.objects.create(
        department=dsd,
        title="Counter\x1b arrangements",
        source_filename="counter.json",
        status=MeetingStatus.READY,
        transcript={
            "source_format": "whisper-json",
            "segments": [_segment(0, f"Chair{bad}", f"Hello a{bad}")],
        },
    )
    return {"harbour": harbour, "spaced": spaced, "upper": upper, "long": long_name, "meeting": meeting}


def test_a_bad_slug_breaks_the_home_page_until_it_is_repaired(old_rows, alice):
    page = Client()
    page.force_login(alice)
    with pytest.raises(NoReverseMatch):
        page.get("/")

    findings = stored_rows_repair(apps=apps)

    assert page.get("/").status_code == 200
    slugs = {
        row.pk: Collection.objects.get(pk=row.pk).slug for key, row in old_rows.items() if key != "meeting"
    }
    assert slugs[old_rows["spaced"].pk] == "my-docs"
    assert slugs[old_rows["upper"].pk] == "guides-2"  # "guides" is taken
    assert slugs[old_rows["harbour"].pk] == "harbour-notices"  # from its name, the slug has no latin
    assert Collection.objects.get(pk=old_rows["harbour"].pk).name == "Harbour notices"
    changed = {(f.model, f.pk, f.column) for f in findings if f.repaired}
    assert ("documents.Collection", old_rows["spaced"].pk, "slug") in changed


def test_a_broken_character_in_a_stored_transcript_is_removed_and_the_meeting_shows_again(old_rows, dsd):
    meeting = old_rows["meeting"]
    stored_rows_repair(apps=apps)
    meeting.refresh_from_db()
    assert meeting.title == "Counter arrangements"
    assert meeting.transcript["segments"][0]["speaker"] == "Chair"
    assert meeting.transcript["segments"][0]["text"] == "Hello a"
    amy = user_create(username="amy", password="pass-amy", department=dsd)
    page = Client()
    page.force_login(amy)
    assert page.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    assert page.get(reverse("meetings:transcript", args=[meeting.pk])).status_code == 200


def test_what_cannot_be_repaired_safely_is_listed_and_left(old_rows):
    findings = stored_rows_repair(apps=apps)
    left = [f for f in findings if not f.safe]
    assert [(f.pk, f.column, f.reason) for f in left] == [(old_rows["long"].pk, "description", "too_long")]
    assert Collection.objects.get(pk=old_rows["long"].pk).description == "d" * 3000


def test_the_system_check_lists_bad_rows_and_is_quiet_once_they_are_repaired(old_rows):
    before = stored_values_check(databases=["default"])
    assert len(before) == 8 and {w.id for w in before} == {"aiplus.W001"}
    assert any("海港公告" in w.msg for w in before)
    stored_rows_repair(apps=apps)
    after = stored_values_check(databases=["default"])
    assert [w.msg for w in after] == [
        f"documents.Collection {old_rows['long'].pk} description (too_long): {'d' * 3000!r} left as it is"
    ]


def test_the_repair_command_lists_first_and_then_repairs(old_rows):
    listed = CliRunner().invoke(main, ["repair", "--dry-run"])
    assert listed.exit_code == 0, listed.output
    assert "'my docs' -> 'my-docs'" in listed.output
    assert Collection.objects.filter(slug="my docs").exists()
    repaired = CliRunner().invoke(main, ["repair"])
    assert repaired.exit_code == 0
    assert not Collection.objects.filter(slug="my docs").exists()
    assert "1 left for a person to decide" in repaired.output


def _repair_migration(executor) -> tuple[str, str]:
    return next(key for key in executor.loader.disk_migrations if key[1].endswith("_repair_stored_rows"))


@pytest.mark.django_db(transaction=True)
def test_upgrading_the_database_repairs_what_an_older_version_stored(dsd):
    executor = MigrationExecutor(connection)
    repair_migration = _repair_migration(executor)
    before = executor.loader.graph.node_map[repair_migration].parents
    executor.migrate([parent.key for parent in before if parent.key[0] == "core"])
    Collection.objects.create(slug="my docs", name="My\x07 docs", department=dsd)

    executor = MigrationExecutor(connection)
    executor.migrate([repair_migration])

    repaired = Collection.objects.get()
    assert (repaired.slug, repaired.name) == ("my-docs", "My docs")
    # Going back unapplied every app that depends on core; leave the database whole for the tests after.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
