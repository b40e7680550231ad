"""The classify and set-retention steps: a workflow routes on the classifier's label and its confidence,
leaves exactly one unreviewed prediction per document for a person, and files the document under its
department's retention schedule."""

import pytest

from aiplus.classifier.models import LabelledExample, Prediction
from aiplus.records.models import DocumentRetention, RetentionSchedule
from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import RunStatus, StepRun
from aiplus.workflows.services import run_start_checked, workflow_save
from tests.classifier.conftest import make_classifier
from tests.conftest import add_text
from tests.workflows.conftest import LETTER_ZH

pytestmark = pytest.mark.django_db

NOISE = "樓上單位每晚十二點後仍然大聲播音樂，嘈到我哋成家人瞓唔到覺，請派人處理。"
REFUND = "I paid the licence fee twice last week; please refund the second payment to my account."


@pytest.fixture
def classifier(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = make_classifier(alice)
    made.refresh_from_db()
    return made


def _workflow(alice, name, *steps):
    return workflow_save(
        actor=alice,
        department=alice.department,
        data={"name": name, "trigger": {"type": "api"}, "steps": list(steps)},
    )


def _routing(alice, min_confidence=0.0):
    return _workflow(
        alice,
        "Letter routing",
        {"action": "classify", "settings": {"classifier": "letters"}},
        {
            "action": "assign",
            "settings": {"user": "alice"},
            "when": [{"kind": "label", "equals": ["noise"], "min_confidence": min_confidence}],
        },
    )


def _run_on_letter(alice, letters, workflow):
    document = add_text(letters, alice, "letter.txt", LETTER_ZH).document
    run = run_start_checked(actor=alice, workflow=workflow, document_id=document.pk)
    steps_process_queued()
    run.refresh_from_db()
    return document, run


def _run(alice, workflow, text):
    run = run_start_checked(actor=alice, workflow=workflow, text=text)
    steps_process_queued()
    run.refresh_from_db()
    return run


def test_a_noise_complaint_is_routed_and_a_refund_request_is_not(alice, classifier):
    workflow = _routing(alice)
    noise, refund = _run(alice, workflow, NOISE), _run(alice, workflow, REFUND)
    assert noise.status == refund.status == RunStatus.DONE
    assert noise.context["classification"]["label"] == "noise"
    assert noise.context["assignee"] == {"user": "alice", "team": ""}
    assert refund.context["classification"]["label"] == "refund" and "assignee" not in refund.context
    step = StepRun.objects.get(run=noise, position=0)
    assert step.output["label"] == "noise" and 0 < step.output["confidence"] <= 1


def test_a_label_the_classifier_is_not_sure_enough_of_does_not_route(alice, classifier):
    run = _run(alice, _routing(alice, min_confidence=1.0), NOISE)
    assert run.status == RunStatus.DONE
    assert run.context["classification"]["label"] == "noise" and "assignee" not in run.context


def test_each_document_leaves_one_unreviewed_prediction_that_does_not_teach_the_classifier(alice, classifier):
    examples = LabelledExample.objects.filter(classifier=classifier).count()
    run = _run(alice, _routing(alice), NOISE)
    [prediction] = Prediction.objects.filter(classifier=classifier)
    assert prediction.label == run.context["classification"]["label"] and not prediction.reviewed
    assert LabelledExample.objects.filter(classifier=classifier).count() == examples


def test_an_unknown_classifier_fails_the_run_with_the_reason(alice, classifier):
    workflow = _workflow(alice, "Wrong", {"action": "classify", "settings": {"classifier": "nothing-here"}})
    run = _run(alice, workflow, NOISE)
    assert run.status == RunStatus.FAILED
    assert StepRun.objects.get(run=run).error_code == "not_found"


def test_the_retention_step_files_the_document_under_the_departments_schedule(alice, letters):
    RetentionSchedule.objects.create(
        department=alice.department, code="CORR-2", title_en="Correspondence", years=2, action="destroy"
    )
    workflow = _workflow(alice, "File letters", {"action": "retention", "settings": {"schedule": "CORR-2"}})
    document, run = _run_on_letter(alice, letters, workflow)
    assert run.status == RunStatus.DONE
    retention = DocumentRetention.objects.get(document=document)
    assert retention.schedule.code == "CORR-2"
    assert retention.retain_until.year == document.document_date.year + 2


def test_a_retention_step_naming_no_schedule_of_the_department_is_refused(alice, letters):
    workflow = _workflow(alice, "File letters", {"action": "retention", "settings": {"schedule": "NOPE"}})
    document, run = _run_on_letter(alice, letters, workflow)
    assert run.status == RunStatus.FAILED
    step = StepRun.objects.get(run=run)
    assert step.error_code == "invalid_field" and step.error_params.get("code") == "NOPE"
    assert not DocumentRetention.objects.filter(document=document).exists()
