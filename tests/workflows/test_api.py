"""The REST API: import a workflow as JSON, start runs on a document, text or a file, follow the run's steps,
decide review tasks (one, or in bulk), and nothing of another department's is reachable."""

import json

import pytest

from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import ReviewTask, Run, Workflow
from tests.conftest import add_text
from tests.workflows.conftest import LETTER_ZH, api_client, triage_definition

pytestmark = pytest.mark.django_db


def _post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


def test_import_run_on_a_document_and_approve_through_the_api(alice, letters, filed):
    api = api_client(alice)
    created = _post(api, "/api/v1/workflows", triage_definition(trigger={"type": "api"}))
    assert created.status_code == 201, created.content
    workflow = created.json()
    assert workflow["version"] == 1 and workflow["steps"][0]["action"] == "extract"
    exported = api.get(f"/api/v1/workflows/{workflow['id']}").json()
    assert exported["steps"] == workflow["steps"]

    document = add_text(letters, alice, "complaint.txt", LETTER_ZH).document
    started = _post(api, f"/api/v1/workflows/{workflow['id']}/runs", {"document_id": document.pk})
    assert started.status_code == 202, started.content
    steps_process_queued()
    run = api.get(f"/api/v1/workflow-runs/{started.json()['id']}").json()
    assert run["status"] == "waiting"
    assert [(s["action"], s["status"]) for s in run["steps"]][:3] == [
        ("extract", "done"),
        ("redact", "done"),
        ("summarise", "done"),
    ]
    assert run["steps"][0]["output"]["fields"]["reference"] == "DSD-2026-0042"
    assert "投訴" in run["steps"][0]["input_summary"]

    [task] = api.get("/api/v1/review-tasks").json()
    assert task["kind"] == "approval" and task["may_act"] is True
    decided = _post(
        api, f"/api/v1/review-tasks/{task['id']}/decision", {"decision": "approve", "comment": "Fine"}
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert [h["action"] for h in decided.json()["history"]] == ["created", "approve"]
    again = _post(api, f"/api/v1/review-tasks/{task['id']}/decision", {"decision": "reject", "comment": "No"})
    assert again.status_code == 400 and "already been decided" in again.json()["error"]["message"]
    steps_process_queued()
    assert api.get(f"/api/v1/workflow-runs/{run['id']}").json()["status"] == "done"


def test_a_run_on_an_uploaded_file(alice, tmp_path):
    api = api_client(alice)
    workflow = _post(
        api,
        "/api/v1/workflows",
        {"name": "Mask", "trigger": {"type": "api"}, "steps": [{"action": "redact"}]},
    ).json()
    upload = tmp_path / "letter.txt"
    upload.write_text("請致電 9123 4567 聯絡本人。", "utf-8")
    with upload.open("rb") as stream:
        started = api.post(f"/api/v1/workflows/{workflow['id']}/runs/upload", {"file": stream})
    assert started.status_code == 202, started.content
    steps_process_queued()
    run = Run.objects.get(pk=started.json()["id"])
    assert (
        run.status == "done" and "9123 4567" not in run.context["text"] and "聯絡本人" in run.context["text"]
    )


def test_bad_json_is_refused_in_the_users_language_and_nothing_is_saved(alice):
    response = api_client(alice, "zh-hant").post(
        "/api/v1/workflows",
        json.dumps({"name": "x", "trigger": {"type": "api"}, "steps": [{"action": "fax"}]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "工作流程" in response.json()["error"]["message"]
    assert not Workflow.objects.exists()


def test_bulk_approve_decides_each_task_or_says_why_not(alice, amy):
    api = api_client(alice)
    workflow = _post(
        api,
        "/api/v1/workflows",
        {
            "name": "Check",
            "trigger": {"type": "api"},
            "steps": [{"action": "approval", "settings": {"approvers": ["alice"]}}],
        },
    ).json()
    for text in ("First", "Second"):
        _post(api, f"/api/v1/workflows/{workflow['id']}/runs", {"text": text})
    steps_process_queued()
    ids = list(ReviewTask.objects.values_list("pk", flat=True))
    refused = _post(api_client(amy), "/api/v1/review-tasks/bulk", {"ids": ids, "action": "approve"}).json()
    assert refused["done"] == [] and len(refused["refused"]) == 2, "Amy is not an approver"
    result = _post(api, "/api/v1/review-tasks/bulk", {"ids": ids, "action": "approve"}).json()
    assert sorted(result["done"]) == sorted(ids)
    steps_process_queued()
    assert set(Run.objects.values_list("status", flat=True)) == {"done"}


def test_another_department_sees_nothing_by_any_path(alice, betty, letters, filed):
    """Betty (Harbour Planning) gets 404 for Alice's workflow, its runs and its tasks, and cannot run it on
    her own document or run Alice's workflows on Alice's documents."""
    api = api_client(alice)
    workflow = _post(api, "/api/v1/workflows", triage_definition(trigger={"type": "api"})).json()
    document = add_text(letters, alice, "complaint.txt", LETTER_ZH).document
    run = _post(api, f"/api/v1/workflows/{workflow['id']}/runs", {"document_id": document.pk}).json()
    steps_process_queued()
    task = ReviewTask.objects.get()

    outsider = api_client(betty)
    assert outsider.get("/api/v1/workflows").json() == []
    assert outsider.get(f"/api/v1/workflows/{workflow['id']}").status_code == 404
    assert (
        outsider.put(f"/api/v1/workflows/{workflow['id']}", "{}", content_type="application/json").status_code
        == 404
    )
    assert (
        _post(outsider, f"/api/v1/workflows/{workflow['id']}/runs", {"document_id": document.pk}).status_code
        == 404
    )
    assert outsider.get(f"/api/v1/workflow-runs/{run['id']}").status_code == 404
    assert outsider.get("/api/v1/workflow-runs").json() == []
    assert outsider.post(f"/api/v1/workflow-runs/{run['id']}/retry").status_code == 404
    assert outsider.get("/api/v1/review-tasks").json() == []
    decided = _post(outsider, f"/api/v1/review-tasks/{task.pk}/decision", {"decision": "approve"})
    assert decided.status_code == 404
    task.refresh_from_db()
    assert task.status == "open"

    # Betty's own workflow cannot take Alice's document either.
    own = _post(
        outsider,
        "/api/v1/workflows",
        {"name": "Hers", "trigger": {"type": "api"}, "steps": [{"action": "redact"}]},
    ).json()
    assert (
        _post(outsider, f"/api/v1/workflows/{own['id']}/runs", {"document_id": document.pk}).status_code
        == 404
    )
