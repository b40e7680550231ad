"""The review queue: an assign step routes the review task to a person or team; only they (or the approvers)
may decide; reassigning hands it over with the history kept; serve's periodic runner sends due tasks."""

import json

import pytest
from django.contrib.auth.models import Group

from aiplus.core.errors import AiplusError
from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import ReviewTask, Run
from aiplus.workflows.review import can_act_on, task_decide
from aiplus.workflows.services import run_start_checked, workflow_save
from tests.workflows.conftest import api_client

pytestmark = pytest.mark.django_db


def _routed(alice, assign: dict):
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Route",
            "trigger": {"type": "api"},
            "steps": [
                {"action": "assign", "settings": assign},
                {"action": "review", "settings": {"due_hours": 8}},
            ],
        },
    )
    run_start_checked(actor=alice, workflow=workflow, text="An enquiry about drainage works")
    steps_process_queued()
    return ReviewTask.objects.get()


def test_an_assigned_person_gets_the_review_task_and_only_they_may_decide(alice, amy):
    task = _routed(alice, {"user": "amy"})
    assert task.assignee == amy and task.due_at is not None
    assert can_act_on(amy, task) and not can_act_on(alice, task)
    with pytest.raises(AiplusError) as caught:
        task_decide(actor=alice, task_id=task.pk, decision="approve")
    assert caught.value.code == "forbidden"
    task_decide(actor=amy, task_id=task.pk, decision="approve")
    assert Run.objects.get().status == "done"


def test_a_team_task_is_for_the_teams_members(alice, amy):
    team = Group.objects.create(name="Drainage")
    amy.groups.add(team)
    task = _routed(alice, {"team": "Drainage"})
    assert task.team == team and can_act_on(amy, task) and not can_act_on(alice, task)


def test_my_tasks_include_the_approvals_naming_my_team(alice, amy):
    """An approval for a team appears under "my tasks" of its members, as they may decide it, not others'."""
    Group.objects.create(name="Complaints").user_set.add(amy)
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Approve",
            "trigger": {"type": "api"},
            "steps": [{"action": "approval", "settings": {"approver_teams": ["Complaints"]}}],
        },
    )
    run_start_checked(actor=alice, workflow=workflow, text="A complaint about a blocked drain")
    steps_process_queued()
    task = ReviewTask.objects.get()
    assert [row["id"] for row in api_client(amy).get("/api/v1/review-tasks?mine=true").json()] == [task.pk]
    assert api_client(alice).get("/api/v1/review-tasks?mine=true").json() == []


def test_an_unknown_person_fails_the_run_with_the_reason(alice):
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Route",
            "trigger": {"type": "api"},
            "steps": [{"action": "assign", "settings": {"user": "nobody"}}],
        },
    )
    run = run_start_checked(actor=alice, workflow=workflow, text="An enquiry")
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == "failed" and "nobody is not an active user" in run.error_message


def test_reassigning_hands_the_task_over_and_keeps_the_history(alice, amy):
    task = _routed(alice, {"user": "alice"})
    response = api_client(alice).post(
        f"/api/v1/review-tasks/{task.pk}/reassign",
        json.dumps({"user": "amy"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["assignee"] == "amy"
    assert [h["action"] for h in response.json()["history"]] == ["created", "reassigned"]
    assert api_client(amy).get("/api/v1/review-tasks?mine=true").json()[0]["id"] == task.pk
    refused = api_client(alice).post(
        f"/api/v1/review-tasks/{task.pk}/reassign",
        json.dumps({"user": "bob"}),
        content_type="application/json",
    )
    assert refused.status_code == 400 and "bob is not an active user" in refused.json()["error"]["message"]


def test_serve_sends_due_periodic_tasks_to_the_workers(settings, db):
    from aiplus.workflows.periodic import periodic_tick
    from tests.support.worker import send_tasks_to_this_test

    send_tasks_to_this_test(settings)
    settings.AIPLUS_PERIODIC_TASKS = {"aiplus.workflows.schedules": 60}
    broker = settings.AIPLUS_HOME / "broker"
    before = len(list(broker.glob("*.msg")))
    assert periodic_tick(send=True) == {"aiplus.workflows.schedules": "sent"}
    assert periodic_tick(send=True) == {}, "not again within its period"
    messages = [p.read_text() for p in broker.glob("*.msg")]
    assert len(messages) == before + 1 and any("aiplus.workflows.schedules" in m for m in messages)
