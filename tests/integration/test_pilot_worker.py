"""Document assistant jobs run by a real Celery worker: a summary written by the model part by part with
its progress recorded, and a job cancelled while the model is still writing."""

import time

import pytest
from django.test import Client

from aiplus.core.services import api_token_create
from aiplus.pilot.models import Job, JobStatus
from tests.pilot.conftest import NOTICE_EN
from tests.support.fake_openai import FakeOpenAI
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LONG_NOTICE = "\n\n".join(NOTICE_EN.split("\n\n")[1:]) * 40  # more than one part for the model


def _client_for(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.fixture
def model_worker(settings):
    with FakeOpenAI() as server:
        send_tasks_to_this_test(settings)
        worker = start_worker(
            settings,
            AIPLUS_LLM_BASE_URL=server.base_url,
            AIPLUS_LLM_API_KEY="k",
            AIPLUS_LLM_MODEL="fake-chat",
        )
        try:
            yield server
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def test_a_worker_summarises_a_long_document_in_parts(amy, model_worker):
    created = _client_for(amy).post(
        "/api/v1/pilot/jobs", {"task": "summarise", "text": LONG_NOTICE}, content_type="application/json"
    )
    job_id = created.json()["id"]
    wait_until(lambda: Job.objects.get(pk=job_id).status == JobStatus.READY, timeout=120, what="the summary")
    job = Job.objects.get(pk=job_id)
    assert job.result["engine"] == "model" and job.result["sentences"]
    assert job.progress_total >= 2 and job.progress_done == job.progress_total and job.claimed_by == ""
    assert (
        len([r for r in model_worker.requests if r["path"].endswith("/chat/completions")])
        == job.progress_total
    )


def test_a_job_cancelled_while_the_model_writes_stops_and_keeps_no_result(amy, model_worker):
    model_worker.delay_next(4)
    api = _client_for(amy)
    job_id = api.post(
        "/api/v1/pilot/jobs", {"task": "summarise", "text": LONG_NOTICE}, content_type="application/json"
    ).json()["id"]
    wait_until(
        lambda: Job.objects.get(pk=job_id).status == JobStatus.RUNNING, timeout=60, what="the job to start"
    )
    assert api.post(f"/api/v1/pilot/jobs/{job_id}/cancel").json()["status"] == "cancelled"
    wait_until(lambda: len(model_worker.requests) >= 1, timeout=30, what="the first model call")
    time.sleep(6)  # the delayed first part returns; the worker must stop before the next one
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.CANCELLED and job.result is None
    assert len(model_worker.requests) == 1, "no part is sent to the model after the cancel"
