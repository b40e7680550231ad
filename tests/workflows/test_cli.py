"""The CLI: import a workflow from JSON, export it, run it on a document, decide its task, list the dead
letters and retry one, and run the due periodic tasks once."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from aiplus.workflows.models import ReviewTask, Run, StepRun
from tests.conftest import add_text
from tests.workflows.conftest import LETTER_ZH, triage_definition

pytestmark = pytest.mark.django_db


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_export_run_and_decide(alice, amy, letters, filed, tmp_path):
    source = tmp_path / "triage.json"
    source.write_text(json.dumps(triage_definition(), ensure_ascii=False), "utf-8")
    imported = _run("workflows", "import", source, "--department", "dsd")
    assert imported.exit_code == 0, imported.output
    assert "version 1" in imported.output

    exported = tmp_path / "out.json"
    assert _run("workflows", "export", "Complaint triage", "-o", exported).exit_code == 0
    assert [s["action"] for s in json.loads(exported.read_text("utf-8"))["steps"]] == [
        "extract",
        "redact",
        "summarise",
        "approval",
        "move",
    ]

    document = add_text(letters, alice, "complaint.txt", LETTER_ZH).document
    Run.objects.all().delete()  # the trigger's own run; this test starts one by hand
    ran = _run("workflows", "run", "Complaint triage", "--document", document.pk, "--wait", "--json")
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["status"] == "waiting"

    task = ReviewTask.objects.get()
    refused = _run("workflows", "decide", task.pk, "--approve", "--user", "amy")
    assert refused.exit_code == 1 and "permission" in refused.output
    decided = _run("workflows", "decide", task.pk, "--approve", "--user", "alice", "--comment", "OK")
    assert decided.exit_code == 0 and f"Task {task.pk}: done." in decided.output


def test_bad_json_is_refused_with_its_reason(alice, tmp_path):
    source = tmp_path / "bad.json"
    source.write_text('{"name": "x", "trigger": {"type": "api"}, "steps": [{"action": "fax"}]}', "utf-8")
    result = _run("workflows", "import", source, "--department", "dsd")
    assert result.exit_code == 1 and "steps.0.action must be one of" in result.output
    source.write_text("not json", "utf-8")
    assert "JSON object" in _run("workflows", "import", source, "--department", "dsd").output


def test_the_dead_letter_list_and_retry(alice, letters, settings, tmp_path):
    settings.AIPLUS_WORKFLOW_MAX_ATTEMPTS = 1
    source = tmp_path / "hook.json"
    source.write_text(
        json.dumps(
            {
                "name": "Hook",
                "trigger": {"type": "api"},
                "steps": [{"action": "webhook", "settings": {"url": "http://unreachable.invalid/hook"}}],
            }
        ),
        "utf-8",
    )
    assert _run("workflows", "import", source, "--department", "dsd").exit_code == 0
    document = add_text(letters, alice, "letter.txt", "A letter").document
    ran = _run("workflows", "run", "Hook", "--document", document.pk, "--wait")
    assert "dead" in ran.output
    run = Run.objects.get()
    listed = _run("workflows", "runs", "--dead")
    assert f"{run.pk}\tHook\tdead" in listed.output
    assert _run("workflows", "retry", run.pk).exit_code == 0
    assert StepRun.objects.get().status == "queued"
    assert "only a failed or stopped run" in _run("workflows", "retry", run.pk).output


def test_tick_reports_what_it_ran(settings, db):
    settings.AIPLUS_PERIODIC_TASKS = {"aiplus.workflows.schedules": 60}
    first = _run("tick")
    assert first.exit_code == 0 and "aiplus.workflows.schedules: done: 0" in first.output
    assert "Nothing is due" in _run("tick").output


def test_another_departments_officer_cannot_reach_the_workflow_from_the_cli(
    alice, betty, letters, filed, tmp_path
):
    source = tmp_path / "triage.json"
    source.write_text(json.dumps(triage_definition(), ensure_ascii=False), "utf-8")
    assert _run("workflows", "import", source, "--department", "dsd", "--user", "alice").exit_code == 0
    refused = _run("workflows", "import", source, "--department", "dsd", "--user", "betty")
    assert refused.exit_code == 1 and "permission" in refused.output
    assert "Not found" in _run("workflows", "export", "Complaint triage", "-o", "-", "--user", "betty").output
    assert "Complaint triage" not in _run("workflows", "list", "--user", "betty").output
    document = add_text(letters, alice, "complaint.txt", LETTER_ZH).document
    assert (
        "Not found"
        in _run("workflows", "run", "Complaint triage", "--document", document.pk, "--user", "betty").output
    )
    assert _run("workflows", "runs", "--user", "betty", "--json").stdout.strip() == "[]"
