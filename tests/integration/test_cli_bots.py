"""``aiplus bot add`` and ``aiplus eval``: a golden set run against a bot, kept over time, so a change that
makes the bot worse shows as a negative change against the run before."""

import json

import pytest
from click.testing import CliRunner

from aiplus.bots.models import Bot
from aiplus.cli import main

GOLDEN = """question,expected_id,wording
How much is the dog licence renewal fee?,dog-en.txt,en
狗隻牌照續期費用是多少？,dog-zh.txt,zh-Hant
What is the pier relocation budget?,,en
"""


@pytest.fixture(autouse=True)
def _answers_are_not_timed_here(settings):
    """Behaviour, not speed, is tested here (bench/bot_page.py measures speed)."""
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 300
    settings.AIPLUS_SEARCH_TIME_LIMIT_SECONDS = 300


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def golden(tmp_path):
    path = tmp_path / "golden.csv"
    path.write_text(GOLDEN, encoding="utf-8")
    return path


def test_publish_and_evaluate_a_bot_from_the_cli(guidance, pier_notes, golden):
    added = _run(
        "bot",
        "add",
        "dog-bot",
        "--name",
        "Dog licences",
        "--department",
        "dsd",
        "--collection",
        "guidance",
        "--json",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["widget"] == "/bots/dog-bot/widget.js"
    assert "dog-bot" in _run("bot", "list").stdout

    first = _run("eval", str(golden), "--bot", "dog-bot", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["hit_at_1"] == 1.0
    assert report["correct_declines"] == 1.0
    assert report["citation_precision"] > 0.5
    assert report["by_wording"]["zh-Hant"]["hit_at_1"] == 1.0
    assert "change" not in report

    # A change that makes the bot worse: its English guidance is taken away.
    from aiplus.documents.models import Document
    from aiplus.search.services import drop_cached_indexes

    Document.objects.filter(source_id="dog-en.txt").delete()
    drop_cached_indexes()
    second = json.loads(_run("eval", str(golden), "--bot", "dog-bot", "--json").stdout)
    assert second["hit_at_1"] < 1.0
    assert second["change"]["hit_at_1"] < 0
    assert second["previous_run"] == report["run"]
    readable = _run("eval", str(golden), "--bot", "dog-bot")
    assert "hit@1" in readable.stdout and "since run" in readable.stdout


def test_eval_refuses_a_file_that_is_not_a_golden_set(guidance, tmp_path):
    _run("bot", "add", "dog-bot", "--name", "Dog", "--department", "dsd", "--collection", "guidance")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,query\n1,hello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(wrong), "--bot", "dog-bot"])
    assert result.exit_code != 0
    assert "question,expected_id" in result.output


def test_bot_add_names_an_unknown_collection(dsd):
    result = CliRunner().invoke(
        main, ["bot", "add", "b", "--name", "B", "--department", "dsd", "--collection", "nothing-here"]
    )
    assert result.exit_code != 0
    assert "nothing-here" in result.output
    assert not Bot.objects.exists()
