"""The REST API and the CLI: the same briefs, the same access rules, the same errors."""

import io
import json

from click.testing import CliRunner
from docx import Document as DocxDocument

from aiplus.briefs.models import Brief
from aiplus.cli import main
from tests.catalogue.conftest import client_for


def test_api_makes_lists_reads_and_downloads_a_brief(press, olivia):
    client = client_for(olivia)
    made = client.post(
        "/api/v1/briefs",
        {"collection": "press", "date_from": "2026-08-01", "date_to": "2026-09-30"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    brief = made.json()
    assert brief["headline"] and 3 <= len(brief["signals"]) <= 5 and brief["agencies"] and brief["vendors"]
    assert all("2026-08-01" <= s["date"] <= "2026-09-30" for s in brief["sources"])
    assert [b["id"] for b in client.get("/api/v1/briefs").json()] == [brief["id"]]
    assert client.get(f"/api/v1/briefs/{brief['id']}").json()["sources"] == brief["sources"]
    markdown = client.get(f"/api/v1/briefs/{brief['id']}/download?format=md")
    assert markdown.status_code == 200 and brief["headline"] in markdown.content.decode()
    word = client.get(f"/api/v1/briefs/{brief['id']}/download?format=docx")
    assert brief["headline"] in [p.text for p in DocxDocument(io.BytesIO(word.content)).paragraphs]


def test_api_refuses_bad_input_with_the_field_in_the_callers_language(press, olivia):
    client = client_for(olivia, language="zh-hant")
    bad = client.post(
        "/api/v1/briefs", {"collection": "press", "date_from": "2026-02-30"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "brief.from" and "日期" in bad.json()["error"]["message"]
    empty = client.post(
        "/api/v1/briefs",
        {"collection": "press", "date_from": "2025-01-01", "date_to": "2025-02-01"},
        content_type="application/json",
    )
    assert empty.status_code == 400 and empty.json()["error"]["field"] == "brief.from"
    huge = client.post(
        "/api/v1/briefs", {"collection": "press", "query": "AI " * 500}, content_type="application/json"
    )
    assert huge.status_code == 400 and huge.json()["error"]["field"] == "brief.query"
    assert Brief.objects.count() == 0


def test_api_hides_another_departments_collection_and_briefs(press, olivia, bob):
    brief = client_for(olivia).post(
        "/api/v1/briefs", {"collection": "press"}, content_type="application/json"
    )
    outsider = client_for(bob)
    assert (
        outsider.post("/api/v1/briefs", {"collection": "press"}, content_type="application/json").status_code
        == 404
    )
    assert outsider.get(f"/api/v1/briefs/{brief.json()['id']}").status_code == 404
    assert outsider.get(f"/api/v1/briefs/{brief.json()['id']}/download?format=md").status_code == 404
    assert outsider.get("/api/v1/briefs").json() == []
    assert client_for(olivia).get("/api/v1/briefs/999999").status_code == 404


def test_cli_prints_a_brief_and_writes_markdown_and_word(press, olivia, tmp_path):
    runner = CliRunner()
    printed = runner.invoke(
        main, ["brief", "--collection", "press", "--from", "2026-12-01", "--user", "olivia"]
    )
    assert printed.exit_code == 0, printed.output
    assert "## Key signals" in printed.stdout and "## Sources" in printed.stdout
    as_json = runner.invoke(main, ["brief", "--collection", "press", "--query", "forecasting", "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["sources"] and data["query"] == "forecasting"
    markdown = tmp_path / "brief.md"
    word = tmp_path / "brief.docx"
    assert runner.invoke(main, ["brief", "--collection", "press", "-o", str(markdown)]).exit_code == 0
    assert runner.invoke(main, ["brief", "--collection", "press", "-o", str(word)]).exit_code == 0
    assert "## Agencies" in markdown.read_text("utf-8")
    assert "Agencies" in [p.text for p in DocxDocument(str(word)).paragraphs]
    assert Brief.objects.count() == 4


def test_cli_errors_say_what_is_wrong(press, olivia, bob, tmp_path):
    runner = CliRunner()
    outsider = runner.invoke(main, ["brief", "--collection", "press", "--user", "bob"])
    assert outsider.exit_code != 0 and "Not found" in outsider.output
    backwards = runner.invoke(
        main, ["brief", "--collection", "press", "--from", "2026-12-01", "--to", "2026-11-01"]
    )
    assert backwards.exit_code != 0 and "to date" in backwards.output
    missing = runner.invoke(main, ["brief", "--collection", "nothing-here"])
    assert missing.exit_code != 0 and "Not found" in missing.output
    wrong_file = runner.invoke(main, ["brief", "--collection", "press", "-o", str(tmp_path / "brief.pdf")])
    assert wrong_file.exit_code != 0 and ".md or .docx" in wrong_file.output
    assert Brief.objects.count() == 0
