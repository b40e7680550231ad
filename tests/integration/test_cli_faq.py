"""The CLI contract for FAQ collections: ``aiplus faq import`` and ``aiplus ask --json`` / ``--queries``."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from tests.faq.conftest import FAQ_CSV


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.django_db(transaction=True)
def test_faq_import_and_ask_give_the_contracted_json(tmp_path, dsd):
    path = tmp_path / "faq.csv"
    path.write_text(FAQ_CSV + "bad,,No question.,en\n", encoding="utf-8")
    result = _run(
        "faq", "import", str(path), "--collection", "dsd-faq", "--create", "--department", "dsd", "--json"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"] == 6 and report["problems"][0]["row"] == 8

    answer = json.loads(
        _run("ask", "How can I renew my passport?", "--collection", "dsd-faq", "--json").stdout
    )
    assert set(answer) >= {"id", "answer", "answered", "confidence", "citations", "engine", "grounded"}
    assert answer["engine"] == "faq" and answer["answered"] is True
    assert answer["citations"][0]["source_id"] == "passport"

    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "question": "點樣申請狗牌？"}\n{"id": "q2", "question": "What is the capital of France?"}\n',
        encoding="utf-8",
    )
    lines = [
        json.loads(line)
        for line in _run(
            "ask", "--queries", str(queries), "--collection", "dsd-faq", "--json"
        ).stdout.splitlines()
    ]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    assert lines[0]["citations"][0]["source_id"] == "dog-licence" and lines[0]["answered"]
    assert lines[1]["answered"] is False and lines[1]["citations"] == []


@pytest.mark.django_db(transaction=True)
def test_importing_into_a_missing_collection_says_how_to_create_it(tmp_path, dsd):
    path = tmp_path / "faq.csv"
    path.write_text(FAQ_CSV, encoding="utf-8")
    result = CliRunner().invoke(main, ["faq", "import", str(path), "--collection", "nowhere"])
    assert result.exit_code != 0 and "--create" in result.output
