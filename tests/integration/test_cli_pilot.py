"""``aiplus summarize`` and ``aiplus translate``: the CLI contract of the document assistant."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from tests.pilot.conftest import NOTICE_EN, NOTICE_HANS

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_summarize_prints_cited_sentences_and_json(tmp_path):
    notice = tmp_path / "ferry.md"
    notice.write_text(NOTICE_EN, encoding="utf-8")
    shown = _run("summarize", str(notice), "--length", "brief")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("- ") and "[p. 1 ¶" in shown.stdout

    data = json.loads(_run("summarize", str(notice), "--json").stdout)
    assert data["engine"] == "extractive" and data["language"] == "en"
    first = data["sentences"][0]
    assert set(first["cites"][0]) == {"sentence", "page", "paragraph", "start", "end"}
    assert " ".join(NOTICE_EN[first["cites"][0]["start"] : first["cites"][0]["end"]].split()) == first["text"]


def test_summarize_a_chinese_file_in_traditional(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE_HANS, encoding="utf-8")
    data = json.loads(_run("summarize", str(notice), "--language", "zh-Hant", "--json").stdout)
    assert data["language"] == "zh-Hant" and "渡輪" in "".join(s["text"] for s in data["sentences"])


def test_translate_writes_the_file_and_refuses_english_without_a_model(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE_HANS, encoding="utf-8")
    out = tmp_path / "notice-hk.txt"
    done = _run("translate", str(notice), "--to", "zh-Hant", "-o", str(out))
    assert done.exit_code == 0, done.output
    assert out.read_text("utf-8").startswith("政府今日宣佈，由三月一日起延長大嶼山渡輪服務。")
    assert out.read_text("utf-8").count("\n\n") == NOTICE_HANS.count("\n\n")

    english = tmp_path / "en.txt"
    english.write_text(NOTICE_EN, encoding="utf-8")
    refused = _run("translate", str(english), "--to", "zh-Hant")
    assert refused.exit_code == 1 and "needs a language model" in refused.output


def test_bad_files_are_refused_plainly(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"this is not a PDF")
    refused = _run("summarize", str(fake))
    assert refused.exit_code == 1 and "damaged" in refused.output
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert "No text" in _run("summarize", str(empty)).output
    assert _run("translate", str(empty), "--to", "xx").exit_code == 2
