"""The engine in one process: a document dropped into a watched collection runs the workflow step by step,
waits for its approver, and is filed; each step is done once however often its task arrives."""

import pytest

from aiplus.core.workers import work_claim
from aiplus.workflows.engine import STEP_WORK, step_process, steps_process_queued, steps_recover
from aiplus.workflows.models import ReviewTask, Run, RunStatus, StepRun, StepStatus, TaskStatus
from aiplus.workflows.review import task_decide
from tests.conftest import add_text
from tests.workflows.conftest import LETTER_EN, LETTER_ZH

pytestmark = pytest.mark.django_db


def _only_run():
    runs = list(Run.objects.all())
    assert len(runs) == 1
    return runs[0]


def test_a_complaint_dropped_into_the_collection_is_triaged_approved_and_filed(alice, triage, letters, filed):
    """GIVEN a triage workflow on the letters collection WHEN a Chinese complaint becomes searchable THEN
    its reference is extracted, the phone number masked, a summary written, and after Alice approves it is
    moved to the complaints collection."""
    document = add_text(letters, alice, "complaint.txt", LETTER_ZH).document
    run = _only_run()
    assert run.document_id == document.pk and run.trigger == "document_added"
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == RunStatus.WAITING
    assert run.context["fields"]["reference"] == "DSD-2026-0042"
    assert "9123 4567" not in run.context["text"] and "9123 4567" not in run.context["summary"]
    assert run.context["summary"].strip()
    task = ReviewTask.objects.get(run=run)
    assert task.kind == "approval" and task.status == TaskStatus.OPEN

    task_decide(actor=alice, task_id=task.pk, decision="approve", comment="OK to file")
    steps_process_queued()
    run.refresh_from_db()
    document.refresh_from_db()
    assert run.status == RunStatus.DONE and run.finished_at is not None
    assert document.collection_id == filed.pk
    steps = list(run.step_runs.values_list("action", "status", "attempts"))
    assert steps == [
        ("extract", "done", 1),
        ("redact", "done", 1),
        ("summarise", "done", 1),
        ("approval", "done", 1),
        ("move", "done", 1),
    ]
    assert [e.action for e in task.events.all()] == ["created", "approve"]


def test_a_letter_that_meets_no_condition_starts_no_run(alice, triage, letters):
    add_text(letters, alice, "thanks.txt", LETTER_EN)
    assert not Run.objects.exists()


def test_a_step_delivered_twice_is_done_once(alice, triage, letters):
    add_text(letters, alice, "complaint.txt", LETTER_ZH)
    step = StepRun.objects.get()
    assert step_process(step_id=step.pk) == StepStatus.DONE
    assert step_process(step_id=step.pk) == "skipped"
    assert StepRun.objects.filter(position=1).count() == 1, "the next step is queued once"
    step.refresh_from_db()
    assert step.attempts == 1


def test_a_step_held_by_a_dead_worker_is_taken_back_and_done_once(alice, triage, letters):
    """GIVEN a worker that died holding a step WHEN the next worker starts THEN the step is given back and
    finished once."""
    add_text(letters, alice, "complaint.txt", LETTER_ZH)
    step = StepRun.objects.get()
    assert work_claim(STEP_WORK, step.pk, "gone-host:999999") is not None  # a worker on another machine
    StepRun.objects.filter(pk=step.pk).update(heartbeat_at=None)  # whose heartbeat has stopped
    assert step_process(step_id=step.pk) == "skipped", "held: nobody else does it meanwhile"
    assert steps_recover(enqueue=False) == [step.pk]
    steps_process_queued()
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and step.attempts == 2
    assert StepRun.objects.filter(action="extract").count() == 1


def test_a_rejection_ends_the_run(alice, triage, letters):
    add_text(letters, alice, "complaint.txt", LETTER_ZH)
    steps_process_queued()
    task = ReviewTask.objects.get()
    task_decide(actor=alice, task_id=task.pk, decision="reject", comment="Not a complaint")
    run = _only_run()
    assert run.status == RunStatus.REJECTED
    assert not StepRun.objects.filter(action="move").exists()


def test_a_rejection_can_send_the_run_back_to_an_earlier_step(alice, letters, filed):
    from aiplus.workflows.services import workflow_save
    from tests.workflows.conftest import triage_definition

    definition = triage_definition()
    definition["steps"][3]["settings"].update({"on_reject": "back", "back_to": 3})
    workflow_save(actor=alice, department=alice.department, data=definition)
    add_text(letters, alice, "complaint.txt", LETTER_ZH)
    steps_process_queued()
    task_decide(
        actor=alice, task_id=ReviewTask.objects.get().pk, decision="reject", comment="Shorter, please"
    )
    steps_process_queued()
    run = _only_run()
    assert run.round == 2 and run.status == RunStatus.WAITING
    assert list(run.step_runs.filter(round=2).values_list("action", flat=True)) == ["summarise", "approval"]
    assert ReviewTask.objects.filter(status=TaskStatus.OPEN).count() == 1


def test_a_refused_write_fails_the_run_with_its_reason_and_changes_nothing(alice, letters, filed):
    """GIVEN the complaints collection already holds a file of the same name WHEN the move step runs THEN
    the run fails with the conflict, and the document stays where it was."""
    from aiplus.workflows.services import run_start_checked, workflow_save

    add_text(filed, alice, "letter.txt", "An older letter")
    document = add_text(letters, alice, "letter.txt", "A new letter").document
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "File",
            "trigger": {"type": "api"},
            "steps": [{"action": "move", "settings": {"collection": "complaints"}}],
        },
    )
    run = run_start_checked(actor=alice, workflow=workflow, document_id=document.pk)
    steps_process_queued()
    run.refresh_from_db()
    document.refresh_from_db()
    assert run.status == RunStatus.FAILED and "conflicts" in run.error_message
    assert document.collection_id == letters.pk
    assert StepRun.objects.get(run=run).status == StepStatus.FAILED
