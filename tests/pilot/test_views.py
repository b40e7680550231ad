"""The Document assistant page: the task picker, errors in the user's language, a job's page, history."""

import pytest
from django.test import Client

from aiplus.pilot.jobs import job_process
from aiplus.pilot.models import DraftTemplate, Job
from tests.pilot.conftest import NOTICE_EN

pytestmark = pytest.mark.django_db


def _signed_in(user, language="en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def test_the_page_offers_the_tasks_and_links_from_the_menu(amy):
    page = _signed_in(amy).get("/assistant/documents/")
    html = page.content.decode()
    assert page.status_code == 200
    for label in ("Summarise", "Translate", "Draft a reply", "Pasted text", "Uploaded file"):
        assert label in html
    assert 'href="/assistant/documents/"' in html
    assert "Reply letter (English)" in html and "內部備忘（中文）" in html


def test_pasted_text_becomes_a_job_with_its_own_page(amy, bob):
    client = _signed_in(amy)
    posted = client.post("/assistant/documents/", {"task": "summarise", "source": "text", "text": NOTICE_EN})
    job = Job.objects.get()
    assert posted.status_code == 302 and posted["Location"] == f"/assistant/documents/jobs/{job.pk}/"
    assert "data-pending" in client.get(f"/assistant/documents/jobs/{job.pk}/status/").content.decode()
    job_process(job_id=job.pk)
    html = client.get(f"/assistant/documents/jobs/{job.pk}/").content.decode()
    assert "Lantau ferry" in html and "result.docx" in html and "data-pending" not in html
    assert "Summarise: Pasted text" in client.get("/assistant/documents/").content.decode()
    assert _signed_in(bob).get(f"/assistant/documents/jobs/{job.pk}/").status_code == 404


def test_errors_are_shown_in_chinese_and_nothing_is_kept(amy):
    client = _signed_in(amy, "zh-hant")
    control = client.post(
        "/assistant/documents/", {"task": "summarise", "source": "text", "text": "bell\x07"}
    )
    assert control.status_code == 400 and "文件文字" in control.content.decode()
    no_model = client.post(
        "/assistant/documents/",
        {
            "task": "draft",
            "source": "text",
            "text": NOTICE_EN,
            "template_id": str(DraftTemplate.objects.first().pk),
        },
    )
    assert no_model.status_code == 503 and "需要語言模型" in no_model.content.decode()
    assert not Job.objects.exists()
