"""The pages: build a workflow in the editor (add, move, remove steps; save), copy a shipped template, read a
run's steps with their input and output, and decide tasks in the review queue; other departments get 404."""

import pytest
from django.test import Client

from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.library import library_templates
from aiplus.workflows.models import ReviewTask, Run, Workflow
from aiplus.workflows.services import run_start_checked, workflow_save
from tests.workflows.conftest import triage_definition

pytestmark = pytest.mark.django_db


def _signed_in(user, language="en"):
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def _form(**fields):
    base = {
        "name": "Mask and check",
        "description": "",
        "enabled": "on",
        "trigger_type": "api",
        "conditions": "",
    }
    return {**base, **fields}


def test_building_a_workflow_in_the_editor(alice):
    page = _signed_in(alice)
    added = page.post("/workflows/new/", _form(step_count="0", op="add", new_action="summarise"))
    assert added.status_code == 200 and b'data-action="summarise"' in added.content
    two = page.post(
        "/workflows/new/",
        _form(
            step_count="1",
            **{"step-0-action": "summarise", "step-0-length": "brief"},
            op="add",
            new_action="redact",
        ),
    )
    assert two.content.index(b'data-action="summarise"') < two.content.index(b'data-action="redact"')
    moved = page.post(
        "/workflows/new/",
        _form(step_count="2", **{"step-0-action": "summarise", "step-1-action": "redact"}, op="up:1"),
    )
    assert moved.content.index(b'data-action="redact"') < moved.content.index(b'data-action="summarise"')
    assert not Workflow.objects.exists(), "nothing is saved before Save"
    saved = page.post(
        "/workflows/new/",
        _form(
            step_count="2",
            **{"step-0-action": "redact", "step-1-action": "summarise", "step-1-length": "brief"},
            op="save",
        ),
    )
    assert saved.status_code == 302
    workflow = Workflow.objects.get()
    assert [s["action"] for s in workflow.steps] == ["redact", "summarise"]
    assert workflow.steps[1]["settings"]["length"] == "brief"


def test_a_bad_setting_is_shown_on_the_page_in_chinese_and_nothing_is_saved(alice):
    page = _signed_in(alice, "zh-hant")
    response = page.post(
        "/workflows/new/",
        _form(
            step_count="1",
            **{"step-0-action": "email", "step-0-to": "not-an-address", "step-0-subject": "Hi"},
            op="save",
        ),
    )
    assert response.status_code == 400
    assert "工作流程" in response.content.decode() and "steps.0.settings.to" in response.content.decode()
    assert not Workflow.objects.exists()


def test_copying_a_shipped_template(alice, letters):
    assert len(library_templates()) >= 4
    response = _signed_in(alice).post(
        "/workflows/", {"template": "licence-application-intake", "collection": "letters"}
    )
    workflow = Workflow.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workflows/{workflow.pk}/"
    assert workflow.trigger == {"type": "document_added", "collection": "letters", "every_minutes": None}
    assert workflow.steps[0]["action"] == "ocr"


def test_the_run_page_shows_each_steps_input_and_output_and_the_queue_approves(alice, betty):
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Check",
            "trigger": {"type": "api"},
            "steps": [{"action": "redact"}, {"action": "approval", "settings": {"approvers": ["alice"]}}],
        },
    )
    run = run_start_checked(actor=alice, workflow=workflow, text="請致電 9123 4567。")
    steps_process_queued()
    page = _signed_in(alice)
    shown = page.get(f"/workflows/runs/{run.pk}/").content.decode()
    assert "9123 4567" in shown and "PHONE" in shown, "the redact step's input and what it masked"
    queue = page.get("/workflows/queue/").content.decode()
    task = ReviewTask.objects.get()
    assert f'value="{task.pk}"' in queue
    page.post("/workflows/queue/", {"task": [task.pk], "action": "approve", "comment": "fine"})
    steps_process_queued()
    assert Run.objects.get().status == "done"

    outsider = _signed_in(betty)
    assert outsider.get(f"/workflows/runs/{run.pk}/").status_code == 404
    assert outsider.get(f"/workflows/{workflow.pk}/").status_code == 404
    assert "Check" not in outsider.get("/workflows/runs/").content.decode()
    assert str(task.title) not in outsider.get("/workflows/queue/").content.decode()


def test_the_approver_opens_the_run_from_the_queue_but_may_not_retry_it(alice, amy, bob, letters):
    """A member asked to approve reads the run (with links to the document and its retention); another
    department does not; only a workflow manager retries."""
    from tests.conftest import add_text

    document = add_text(letters, alice, "letter.txt", "A complaint about a blocked drain.").document
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Check",
            "trigger": {"type": "api"},
            "steps": [{"action": "approval", "settings": {"approvers": ["amy"]}}],
        },
    )
    run = run_start_checked(actor=alice, workflow=workflow, document_id=document.pk)
    steps_process_queued()
    shown = _signed_in(amy).get(f"/workflows/runs/{run.pk}/")
    assert shown.status_code == 200
    assert f"/documents/{document.pk}/file/" in shown.content.decode()
    assert f"/records/documents/{document.pk}/" in shown.content.decode()
    Run.objects.filter(pk=run.pk).update(status="failed")
    assert _signed_in(amy).post(f"/workflows/runs/{run.pk}/retry").status_code == 404
    assert Run.objects.get(pk=run.pk).status == "failed"
    assert _signed_in(bob).get(f"/workflows/runs/{run.pk}/").status_code == 404


def test_the_dead_letter_page_retries(alice, settings):
    settings.AIPLUS_WORKFLOW_MAX_ATTEMPTS = 1
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data=triage_definition(
            name="Hook",
            trigger={"type": "api"},
            conditions=[],
            steps=[{"action": "webhook", "settings": {"url": "http://unreachable.invalid/"}}],
        ),
    )
    run = run_start_checked(actor=alice, workflow=workflow, text="A letter")
    steps_process_queued()
    page = _signed_in(alice)
    assert f"/workflows/runs/{run.pk}/retry" in page.get("/workflows/runs/?status=dead").content.decode()
    assert page.post(f"/workflows/runs/{run.pk}/retry").status_code == 302
    run.refresh_from_db()
    assert run.status == "running"
