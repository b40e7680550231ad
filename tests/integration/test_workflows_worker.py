"""Workflows run by a real Celery worker: a document uploaded to a watched collection is triaged and waits
for approval; and a worker killed in the middle of a batch of runs, then restarted, loses no run and does no
step twice."""

import io
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db.models import Count

from aiplus.documents.services import collection_create
from aiplus.workflows.models import ReviewTask, Run, RunStatus, StepRun, StepStatus
from aiplus.workflows.services import run_start_checked, workflow_save
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until
from tests.workflows.conftest import LETTER_ZH, api_client, triage_definition

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_document_uploaded_to_a_watched_collection_is_triaged_by_the_worker_and_approved(alice, settings):
    send_tasks_to_this_test(settings)
    letters = collection_create(actor=alice, slug="letters", name="Letters", department=alice.department)
    collection_create(actor=alice, slug="complaints", name="Complaints", department=alice.department)
    workflow_save(actor=alice, department=alice.department, data=triage_definition())
    api = api_client(alice)
    worker = start_worker(settings)
    try:
        uploaded = api.post(
            f"/api/v1/collections/{letters.slug}/documents",
            {"files": [_named(LETTER_ZH, "complaint.txt")]},
        )
        assert uploaded.status_code == 202, uploaded.content
        wait_until(lambda: ReviewTask.objects.exists(), timeout=120, what="the approval task")
        task = ReviewTask.objects.get()
        decided = api.post(
            f"/api/v1/review-tasks/{task.pk}/decision",
            json.dumps({"decision": "approve", "comment": "File it"}),
            content_type="application/json",
        )
        assert decided.status_code == 200
        wait_until(
            lambda: Run.objects.filter(status=RunStatus.DONE).exists(), timeout=60, what="the run to finish"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    run = Run.objects.get()
    assert run.document.collection.slug == "complaints"
    assert run.context["fields"]["reference"] == "DSD-2026-0042"
    assert list(run.step_runs.values_list("status", flat=True)) == ["done"] * 5


def _named(text: str, name: str):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return upload


class _SlowReceiver(BaseHTTPRequestHandler):
    """A webhook receiver that takes a while to answer, so a kill lands while a step is calling it."""

    keys: list = []

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).keys.append(self.headers["Idempotency-Key"])
        time.sleep(1)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_worker_killed_mid_run_loses_nothing_and_does_no_step_twice(alice, settings):
    """GIVEN 12 runs of a 3-step workflow (mask, call a slow webhook, summarise) WHEN the worker is killed
    while a step is running and a new worker starts THEN every run finishes, each step is recorded done
    exactly once, and the only step started twice is the one the kill interrupted (its webhook call carries
    the same idempotency key both times)."""
    send_tasks_to_this_test(settings)
    _SlowReceiver.keys = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.AIPLUS_WEBHOOK_ALLOW = ["127.0.0.1"]
    workflow = workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Slow",
            "trigger": {"type": "api"},
            "steps": [
                {"action": "redact"},
                {"action": "webhook", "settings": {"url": f"http://127.0.0.1:{server.server_port}/"}},
                {"action": "summarise"},
            ],
        },
    )
    runs = [
        run_start_checked(actor=alice, workflow=workflow, text=f"第{n}號信件：請致電 9123 456{n % 10} 聯絡。")
        for n in range(12)
    ]
    env = {"AIPLUS_WEBHOOK_ALLOW": "127.0.0.1"}
    worker = start_worker(settings, **env)
    try:
        wait_until(
            lambda: (
                StepRun.objects.filter(action="webhook", status=StepStatus.DONE).count() >= 2
                and StepRun.objects.filter(action="webhook", status=StepStatus.RUNNING).exists()
            ),
            timeout=120,
            what="the worker to be part-way through, inside a webhook step",
        )
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    held = list(StepRun.objects.filter(status=StepStatus.RUNNING).values_list("pk", flat=True))
    assert held, "the kill should land while a step is running"
    assert Run.objects.exclude(status=RunStatus.DONE).exists(), (
        "the kill should land before the batch is done"
    )

    worker = start_worker(settings, **env)
    try:
        wait_until(
            lambda: Run.objects.filter(status=RunStatus.DONE).count() == len(runs),
            timeout=180,
            what="every run",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.shutdown()
    steps = StepRun.objects.all()
    assert steps.count() == 3 * len(runs), "nothing lost, nothing recorded twice"
    assert not steps.exclude(status=StepStatus.DONE).exists()
    assert not steps.values("run", "position").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert set(steps.filter(attempts__gt=1).values_list("pk", flat=True)) == set(held), (
        "only the step the kill interrupted ran again"
    )
    repeated = {key for key in _SlowReceiver.keys if _SlowReceiver.keys.count(key) > 1}
    assert len(set(_SlowReceiver.keys)) == len(runs) and len(repeated) <= len(held)
