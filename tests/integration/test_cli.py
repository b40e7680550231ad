"""The CLI contract other tools depend on: ingest, search and ask, with JSON output."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from tests.conftest import DOG_EN, DOG_ZH


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "folder"
    (root / "licences").mkdir(parents=True)
    (root / "licences" / "dog-en.txt").write_text(DOG_EN)
    (root / "licences" / "dog-zh.txt").write_text(DOG_ZH)
    (root / "broken.docx").write_bytes(b"not a zip")
    (root / ".hidden").write_text("ignored")
    return root


def _run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


@pytest.mark.django_db(transaction=True)
def test_ingest_search_and_ask(folder, tmp_path, dsd):
    result = _run(
        "ingest", str(folder), "--collection", "guides", "--create", "--department", "dsd", "--wait", "--json"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    by_source = {row["source_id"]: row for row in report["files"]}
    assert set(by_source) == {"licences/dog-en.txt", "licences/dog-zh.txt", "broken.docx"}
    assert by_source["licences/dog-en.txt"]["status"] == "ready"
    assert by_source["broken.docx"]["status"] == "failed" and "DOCX" in by_source["broken.docx"]["error"]
    assert report["summary"] == {"ready": 2, "failed": 1}

    hits = json.loads(_run("search", "狗只牌照续期", "--collection", "guides", "--json").stdout)
    assert hits[0]["source_id"] == "licences/dog-zh.txt"
    assert set(hits[0]) >= {"source_id", "document", "title", "page", "chunk_id", "score", "text"}

    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "q1", "query": "renewal fee"}\n{"id": "q2", "query": "續期"}\n')
    lines = _run(
        "search", "--queries", str(queries), "--collection", "guides", "--k", "1", "--json"
    ).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["q1", "q2"]
    assert len(json.loads(lines[0])["hits"]) == 1

    answer = json.loads(
        _run("ask", "How much is the renewal fee?", "--collection", "guides", "--json").stdout
    )
    assert answer["grounded"] and answer["engine"] == "extractive"
    assert answer["citations"][0]["source_id"] == "licences/dog-en.txt"
    assert {"source_id", "document", "title", "page", "quote"} <= set(answer["citations"][0])

    # A text file has no pages: the readable output names the file and no page.
    readable = _run("ask", "How much is the renewal fee?", "--collection", "guides").stdout
    assert "(licences/dog-en.txt)" in readable and "p. 1" not in readable
    listed = _run("search", "renewal fee", "--collection", "guides").stdout
    assert "(licences/dog-en.txt)" in listed and "p. 1" not in listed
    refused = _run("search", "renewal fee", "--collection", "guides", "--k", "0")
    assert refused.exit_code == 1 and "number of results: give a whole number from 1 to 100" in refused.output


@pytest.mark.django_db(transaction=True)
def test_the_cli_acting_as_a_user_keeps_to_their_access(folder, bob, dsd):
    _run("ingest", str(folder), "--collection", "private-guides", "--create", "--department", "dsd", "--wait")
    result = CliRunner().invoke(
        main, ["search", "licence", "--collection", "private-guides", "--user", "bob"]
    )
    assert result.exit_code != 0
    assert "Not found" in result.output


@pytest.mark.django_db(transaction=True)
def test_a_malformed_queries_file_is_reported_with_its_line(tmp_path, dsd):
    _run("ingest", str(tmp_path), "--collection", "empty", "--create", "--department", "dsd")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "query": "ok"}\nnot json\n')
    result = CliRunner().invoke(main, ["search", "--queries", str(bad), "--collection", "empty"])
    assert result.exit_code != 0 and "bad.jsonl:2" in result.output


@pytest.mark.django_db(transaction=True)
def test_ingest_creates_a_collection_shared_with_the_departments_named(folder, dsd, bob, tom):
    """--share-with names the departments whose members may read the new collection; others may not."""
    result = _run(
        "ingest", str(folder / "licences"), "--collection", "licences", "--create", "--department", "dsd",
        "--share-with", "hpd", "--share-with", "TRD", "--wait",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for user in ["bob", "tom"]:
        found = CliRunner().invoke(
            main, ["search", "renewal fee", "--collection", "licences", "--user", user]
        )
        assert found.exit_code == 0 and "dog-en.txt" in found.output

    # An existing collection keeps its sharing; the option is for a new collection only.
    result = _run(
        "ingest", str(folder / "licences"), "--collection", "licences", "--create", "--share-with", "hpd"
    )
    assert result.exit_code == 0 and "applies only to a new collection" in result.stderr

    _run(
        "ingest",
        str(folder / "licences"),
        "--collection",
        "dsd-only",
        "--create",
        "--department",
        "dsd",
        "--share-with",
        "hpd",
    )
    hidden = CliRunner().invoke(main, ["search", "renewal fee", "--collection", "dsd-only", "--user", "tom"])
    assert hidden.exit_code != 0 and "Not found" in hidden.output


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--share-with", "nosuch"], "There is no department with the code nosuch."),
        (["--visibility", "public", "--share-with", "hpd"], "--share-with needs --visibility shared"),
    ],
)
def test_ingest_refuses_sharing_it_cannot_do_and_creates_nothing(folder, dsd, hpd, options, message):
    from aiplus.documents.models import Collection

    result = CliRunner().invoke(
        main, ["ingest", str(folder), "--collection", "c", "--create", "--department", "dsd", *options]
    )
    assert result.exit_code != 0 and message in result.output
    assert not Collection.objects.filter(slug="c").exists()


@pytest.mark.django_db(transaction=True)
def test_minutes_of_a_teams_webvtt_as_json(tmp_path, dsd):
    """`aiplus minutes` reads a Teams WebVTT and writes minutes with a summary, attendees, items, decisions and
    actions, without a language model."""
    transcript = tmp_path / "directorate.vtt"
    transcript.write_text(
        "WEBVTT\n\n"
        "1\n00:00:03.000 --> 00:00:08.000\n<v Margaret Leung>Item one, the counter queue system.</v>\n\n"
        "2\n00:00:08.500 --> 00:00:14.000\n"
        "<v Kenneth Lau>I'll send the updated overtime figures to all divisions by Friday.</v>\n\n"
        "3\n00:00:14.500 --> 00:00:20.000\n"
        "<v Margaret Leung>Agreed, we will install the queue system at the Kowloon office first.</v>\n\n"
        "4\n00:00:20.500 --> 00:00:26.000\n<v 陳主席>我哋 next week 再 follow up 呢個 item。</v>\n",
        encoding="utf-8",
    )
    output = tmp_path / "minutes.json"

    result = _run("minutes", str(transcript), "--format", "json", "-o", str(output), "--date", "2025-03-05")

    assert result.exit_code == 0, result.output
    minutes = json.loads(output.read_text("utf-8"))
    assert {"summary", "attendees", "items", "decisions", "actions"} <= set(minutes)
    assert minutes["summary"]
    assert {"Margaret Leung", "Kenneth Lau", "陳主席"} <= set(minutes["attendees"])
    assert minutes["items"] and minutes["decisions"] and minutes["actions"]
    assert any(action["owner"] == "Kenneth Lau" for action in minutes["actions"])
