"""The demo's incoming correspondence (issue #12): after `aiplus setup` a newcomer finds a trained classifier,
letters that went through the triage workflow as far as its approval, a published bilingual form, retention
schedules and a hold, and people to act on them; another department sees none of it."""

import pytest
from django.test import Client

from aiplus.classifier.models import Classifier
from aiplus.classifier.services import predictions_unreviewed
from aiplus.core.errors import AiplusError
from aiplus.demo.correspondence import INCOMING, load_demo_correspondence
from aiplus.documents.models import Document
from aiplus.documents.services import document_delete, documents_process_queued
from aiplus.records.models import DocumentRetention, RetentionSchedule
from aiplus.records.selectors import holds_on
from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import ReviewTask, Run
from aiplus.workflows.review import task_decide, tasks_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(dsd, alice, amy, bob):
    """The demo loaded and its letters read, as `aiplus setup` does."""
    load_demo_correspondence(dsd)
    documents_process_queued()
    steps_process_queued()
    return dsd


def _run_of(filename: str) -> Run:
    return Run.objects.get(document__filename=filename)


def test_each_demo_letter_is_triaged_to_its_team_and_waits_for_approval(demo, amy, bob):
    runs = Run.objects.filter(document__collection__slug=INCOMING)
    assert runs.count() == 4 and {run.status for run in runs} == {"waiting"}
    complaint = _run_of("2026-12-01-blocked-drain-complaint.txt")
    assert complaint.context["classification"]["label"] == "complaint"
    assert [
        step.output.get("team")
        for step in complaint.step_runs.order_by("position")
        if step.action == "assign"
    ] == [
        "Complaints",
        None,
    ]
    scanned = _run_of("2026-12-04-drain-complaint-scanned-zh.png")
    ocr = scanned.step_runs.get(action="ocr")
    extract = scanned.step_runs.get(action="extract")
    assert ocr.output["ocr_pages"] == 1
    assert extract.output["fields"]["reference"] == "DSD/C/2026/0452"
    assert "draft" not in [step["action"] for step in complaint.steps]  # no model in the demo: said so
    assert "language model" in complaint.workflow.description
    # amy is in both teams the approval names; bob, of another department, sees no task
    assert len(tasks_queue(amy, mine=True)) == 4 and tasks_queue(bob) == []
    reviewer = Client()
    reviewer.force_login(amy)
    run_page = reviewer.get(f"/workflows/runs/{complaint.pk}/").content.decode()
    assert "/classifiers/dsd/correspondence/review/" in run_page  # the prediction waits there
    task = ReviewTask.objects.get(run=complaint)
    task_decide(actor=amy, task_id=task.pk, decision="approve", comment="Routed right")
    steps_process_queued()
    complaint.refresh_from_db()
    assert complaint.status == "done"


def test_the_classifier_is_trained_and_its_workflow_predictions_wait_for_a_person(demo, bob):
    classifier = Classifier.objects.get(department=demo, slug="correspondence")
    assert classifier.model_version >= 1 and classifier.trained_examples == 36
    assert sorted(classifier.labels) == ["application", "complaint", "compliment", "enquiry"]
    waiting = predictions_unreviewed(classifier)
    assert waiting.count() == 4 and all(p.document_id for p in waiting)
    assert Client().get("/classifiers/").status_code in {302, 403}
    hpd_page = Client()
    hpd_page.force_login(bob)
    assert hpd_page.get(f"/classifiers/dsd/{classifier.slug}/").status_code == 404


def test_the_public_form_takes_a_chinese_report_into_the_department(demo):
    public = Client(headers={"Accept-Language": "zh-hant"})
    page = public.get("/forms/drainage-complaint/")
    assert page.status_code == 200
    assert "報告渠道淤塞" in page.content.decode() and "根據《個人資料（私隱）條例》" in page.content.decode()
    answers = {"location": "屯門示範街八號", "problem": "水浸", "name": "陳大文", "phone": "6123 4567"}
    made = public.post(
        "/api/v1/public/forms/drainage-complaint/submissions",
        {"answers": answers, "consent": True},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    refused = public.post(
        "/api/v1/public/forms/drainage-complaint/submissions",
        {"answers": {**answers, "phone": "12"}, "consent": True},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "電話" in refused.json()["error"]["message"]
    assert Document.objects.filter(collection__slug="public-forms").count() == 1


def test_the_letters_have_retention_and_the_held_one_cannot_be_deleted(demo, alice):
    assert RetentionSchedule.objects.filter(department=demo).count() == 4
    letters = Document.objects.filter(collection__slug=INCOMING)
    assert DocumentRetention.objects.filter(document__in=letters, schedule__code="corr-2").count() == 4
    held = letters.get(filename="2026-12-01-blocked-drain-complaint.txt")
    assert [hold.name for hold in holds_on(held)] == ["Sample Road flooding claim"]
    with pytest.raises(AiplusError) as refused:
        document_delete(actor=alice, document_id=held.pk)
    assert "Sample Road flooding claim" in str(refused.value.params)
    assert Document.objects.filter(pk=held.pk).exists()
    assert alice.has_perm("records.manage_records")


def test_loading_twice_changes_nothing(demo):
    before = (Run.objects.count(), Document.objects.count(), Classifier.objects.count())
    load_demo_correspondence(demo)
    assert (Run.objects.count(), Document.objects.count(), Classifier.objects.count()) == before
