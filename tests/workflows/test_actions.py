"""Actions that reach outside: e-mail to a real local SMTP server, webhooks (internal addresses refused unless
allowed, failures retried with backoff until the run reaches the dead-letter list), and the periodic runner."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from aiplus.core.errors import AiplusError
from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import PeriodicRun, ReviewTask, Run, RunStatus, StepRun, StepStatus, TaskEvent
from aiplus.workflows.periodic import periodic_tick
from aiplus.workflows.services import dead_letters, run_retry, run_start_checked, workflow_save

pytestmark = pytest.mark.django_db


def _workflow(alice, *steps, name="Notify"):
    return workflow_save(
        actor=alice,
        department=alice.department,
        data={"name": name, "trigger": {"type": "api"}, "steps": list(steps)},
    )


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Idempotency-Key"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    _Receiver.received, _Receiver.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()


def test_the_email_step_sends_the_summary_to_a_real_smtp_server(alice, smtp_server):
    workflow = _workflow(
        alice,
        {"action": "summarise", "settings": {}},
        {
            "action": "email",
            "settings": {
                "to": ["duty@example.gov.hk"],
                "subject": "New letter",
                "body": "Summary:\n$summary",
            },
        },
    )
    run = run_start_checked(
        actor=alice, workflow=workflow, text="Please repair the drain on Castle Peak Road. It floods."
    )
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    [message] = smtp_server.messages
    assert message["To"] == "duty@example.gov.hk" and message["Subject"] == "New letter"
    assert "Castle Peak Road" in message.get_payload()
    assert message["Message-ID"] == f"<aiplus-run-{run.pk}-r1-s1@aiplus>"


def test_a_webhook_to_an_internal_address_is_refused_unless_allowed(alice, receiver, settings):
    url = f"http://127.0.0.1:{receiver.server_port}/hook"
    workflow = _workflow(alice, {"action": "webhook", "settings": {"url": url}})
    run = run_start_checked(actor=alice, workflow=workflow, text="A letter")
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "internal address" in run.error_message
    assert _Receiver.received == []

    settings.AIPLUS_WEBHOOK_ALLOW = ["127.0.0.1"]
    run = run_start_checked(actor=alice, workflow=workflow, text="A letter")
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    [(key, payload)] = _Receiver.received
    assert key == f"aiplus-run-{run.pk}-r1-s0" and payload["run"] == run.pk


def test_a_failing_webhook_is_retried_with_backoff_then_dead_lettered_and_retried_by_an_officer(
    alice, receiver, settings
):
    settings.AIPLUS_WEBHOOK_ALLOW = ["127.0.0.0/8"]
    settings.AIPLUS_WORKFLOW_MAX_ATTEMPTS = 3
    settings.AIPLUS_WORKFLOW_RETRY_SECONDS = 10
    _Receiver.status = 503
    workflow = _workflow(
        alice, {"action": "webhook", "settings": {"url": f"http://127.0.0.1:{receiver.server_port}/"}}
    )
    run = run_start_checked(actor=alice, workflow=workflow, text="A letter")
    step = StepRun.objects.get(run=run)
    waits = []
    for _attempt in range(3):
        steps_process_queued()
        step.refresh_from_db()
        if step.status == StepStatus.RETRYING:
            waits.append(round((step.retry_at - timezone.now()).total_seconds()))
            StepRun.objects.filter(pk=step.pk).update(
                retry_at=timezone.now() - timedelta(seconds=1)
            )  # waited
    assert 5 <= waits[0] <= 10 and 15 <= waits[1] <= 20, "each wait is twice the last (10 s, then 20 s)"
    run.refresh_from_db()
    assert run.status == RunStatus.DEAD and step.attempts == 3 and len(_Receiver.received) == 3
    assert list(dead_letters(alice)) == [run]

    _Receiver.status = 200
    run_retry(actor=alice, run=run)
    steps_process_queued()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and not dead_letters(alice).exists()
    assert StepRun.objects.filter(run=run).count() == 1, "the same step, not a second one"


def test_only_a_stopped_run_can_be_retried(alice):
    workflow = _workflow(alice, {"action": "redact", "settings": {}})
    run = run_start_checked(actor=alice, workflow=workflow, text="Call 9123 4567")
    with pytest.raises(AiplusError) as caught:
        run_retry(actor=alice, run=run)
    assert "failed or stopped" in caught.value.message


def test_tick_runs_due_periodic_tasks_once_per_period(alice, amy, settings, smtp_server):
    """GIVEN a review task past its due time WHEN tick runs THEN its assignee is reminded once, and a second
    tick in the same period runs nothing."""
    amy.email = "amy@example.gov.hk"
    amy.save()
    workflow = _workflow(alice, {"action": "review", "settings": {"user": "amy", "due_hours": 1}})
    run_start_checked(actor=alice, workflow=workflow, text="Please check")
    steps_process_queued()
    ReviewTask.objects.update(due_at=timezone.now() - timedelta(minutes=5))
    settings.AIPLUS_PERIODIC_TASKS = {"aiplus.workflows.reminders": 300}
    assert periodic_tick(send=False) == {"aiplus.workflows.reminders": "done: 1"}
    assert periodic_tick(send=False) == {}
    assert [m["To"] for m in smtp_server.messages] == ["amy@example.gov.hk"]
    assert TaskEvent.objects.filter(action="reminded").count() == 1
    PeriodicRun.objects.update(last_run_at=timezone.now() - timedelta(seconds=301))
    assert periodic_tick(send=False) == {"aiplus.workflows.reminders": "done: 0"}, "reminded once only"


def test_a_scheduled_workflow_runs_over_the_documents_added_since_its_last_run(alice, letters):
    from aiplus.workflows.services import schedules_run
    from tests.conftest import add_text

    workflow_save(
        actor=alice,
        department=alice.department,
        data={
            "name": "Nightly",
            "trigger": {"type": "schedule", "every_minutes": 60, "collection": "letters"},
            "steps": [{"action": "redact"}],
        },
    )
    add_text(letters, alice, "one.txt", "First letter")
    assert schedules_run() == 1
    assert schedules_run() == 0, "not due again within the hour"
    add_text(letters, alice, "two.txt", "Second letter")
    assert schedules_run(now=timezone.now() + timedelta(minutes=61)) == 1
    assert sorted(Run.objects.values_list("document__source_id", flat=True)) == ["one.txt", "two.txt"]


def test_a_retry_whose_delayed_message_died_with_its_worker_is_sent_again(alice, settings):
    from aiplus.workflows.engine import steps_retry_overdue

    workflow = _workflow(alice, {"action": "redact", "settings": {}})
    run = run_start_checked(actor=alice, workflow=workflow, text="Call 9123 4567")
    step = StepRun.objects.get(run=run)
    StepRun.objects.filter(pk=step.pk).update(
        status=StepStatus.RETRYING, retry_at=timezone.now() - timedelta(minutes=5)
    )
    assert steps_retry_overdue() == [step.pk]
    StepRun.objects.filter(pk=step.pk).update(retry_at=timezone.now())
    assert steps_retry_overdue() == [], "not before its grace time has passed"
