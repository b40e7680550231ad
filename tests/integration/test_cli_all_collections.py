"""`aiplus search` and `aiplus ask` without --collection look in every collection the user may read, as the web
page and the API do, and in nothing else."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main

pytestmark = pytest.mark.django_db(transaction=True)

DSD_SECRET = "Internal note: the licence renewal fee will rise to HK$95 next year. This is not yet public."


@pytest.fixture
def dsd_internal(tmp_path, alice):
    """The Demo Services Department's private notes, which mention the renewal fee too, added by the CLI."""
    note = tmp_path / "fee-review.txt"
    note.write_text(DSD_SECRET)
    result = CliRunner().invoke(
        main,
        ["ingest", str(note), "--collection", "dsd-internal", "--create", "--department", "dsd", "--wait"],
    )
    assert result.exit_code == 0, result.output


def _json(*args):
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_without_a_collection_reaches_every_readable_collection_and_no_other(
    guidance, dsd_internal, pier_notes, amy, bob
):
    amy_sees = {
        (hit["collection"], hit["source_id"]) for hit in _json("search", "renewal fee", "--user", "amy")
    }
    assert {("guidance", "dog-en.txt"), ("dsd-internal", "fee-review.txt")} <= amy_sees

    bob_sees = {
        (hit["collection"], hit["source_id"]) for hit in _json("search", "renewal fee", "--user", "bob")
    }
    assert ("guidance", "dog-en.txt") in bob_sees
    assert not {collection for collection, _ in bob_sees} & {"dsd-internal"}

    pier = _json("search", "pier relocation budget", "--user", "bob")
    assert pier[0]["collection"] == "pier-notes"
    assert "pier-notes" not in {
        hit["collection"] for hit in _json("search", "pier relocation budget", "--user", "amy")
    }

    everything = {hit["collection"] for hit in _json("search", "renewal fee budget", "--k", "20")}
    assert everything == {"guidance", "dsd-internal", "pier-notes"}  # the operator reads every collection


def test_the_human_readable_search_names_each_hit_s_collection(guidance, pier_notes, bob):
    result = CliRunner().invoke(main, ["search", "pier relocation budget", "--user", "bob"])

    assert result.exit_code == 0, result.output
    assert " 1. " in result.stdout and "pier-notes: pier.txt" in result.stdout


def test_ask_without_a_collection_answers_from_what_the_user_may_read(
    guidance, dsd_internal, pier_notes, amy, bob
):
    answer = _json("ask", "What is the pier relocation budget?", "--user", "bob")
    assert answer["found"] and answer["citations"][0]["collection"] == "pier-notes"

    hidden = _json("ask", "What is the pier relocation budget?", "--user", "amy")
    assert "pier-notes" not in {citation["collection"] for citation in hidden["citations"]}
    assert "38" not in hidden["answer"]

    fee = _json("ask", "How much will the renewal fee rise to next year?", "--user", "bob")
    assert "dsd-internal" not in {citation["collection"] for citation in fee["citations"]}
    assert "95" not in fee["answer"]
