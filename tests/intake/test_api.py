"""Intake over the REST API: officers manage their own department's channels with a token; nobody reaches
another department's mailboxes, forms or submissions; the public submits a published form without one."""

import pytest
from django.test import Client

from aiplus.core.services import api_token_create
from tests.intake.conftest import make_message

from .test_forms import GOOD


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


@pytest.mark.django_db(transaction=True)
def test_an_officer_sets_up_a_mailbox_and_polls_it(
    alice, inbox_collection, dovecot, mail_account, monkeypatch
):
    monkeypatch.setenv("AIPLUS_API_MAIL_PASSWORD", mail_account[1])
    api = _client_for(alice)
    made = api.post(
        "/api/v1/intake/mailboxes",
        {
            "name": "licences",
            "host": dovecot.host,
            "port": dovecot.port,
            "security": "none",
            "username": mail_account[0],
            "password_env": "AIPLUS_API_MAIL_PASSWORD",
            "collection": "inbox",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert (
        api.post(
            "/api/v1/intake/mailboxes/licences/rules",
            {"collection": "inbox", "subject_contains": "licence"},
            content_type="application/json",
        ).status_code
        == 201
    )
    dovecot.deliver(*mail_account, make_message())
    polled = api.post("/api/v1/intake/mailboxes/licences/poll")
    assert polled.json() == {"stored": 1, "failed": 0, "error": "", "busy": False}
    listed = api.get("/api/v1/intake/mailboxes/licences/messages").json()
    assert listed[0]["subject"] == "Dog licence enquiry" and len(listed[0]["documents"]) == 1
    raw = api.get(f"/api/v1/intake/mailboxes/licences/messages/{listed[0]['id']}/raw")
    assert raw["Content-Type"] == "message/rfc822" and b"Dog licence enquiry" in b"".join(
        raw.streaming_content
    )
    shown = api.get("/api/v1/intake/mailboxes").json()
    assert shown[0]["last_status"] == "ok" and shown[0]["rules"][0]["subject_contains"] == "licence"


def test_a_bad_mailbox_is_refused_in_the_users_language(alice, inbox_collection):
    payload = {
        "name": "x",
        "host": "mail",
        "username": "u",
        "password_env": "lower-case",
        "collection": "inbox",
    }
    refused = _client_for(alice).post("/api/v1/intake/mailboxes", payload, content_type="application/json")
    assert refused.status_code == 400
    assert "capital letters" in refused.json()["error"]["message"]
    refused = _client_for(alice, "zh-hant").post(
        "/api/v1/intake/mailboxes",
        {**payload, "password_env": "", "password_file": ""},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "密碼" in refused.json()["error"]["message"]


def test_another_department_sees_nothing_of_ours(alice, betty, amy, enquiry_form, mailbox, inbox_collection):
    from aiplus.intake.services.forms import submission_create

    submission_create(form=enquiry_form, answers=GOOD, consent=True)
    other = _client_for(betty)
    assert other.get("/api/v1/intake/mailboxes").json() == []
    assert other.get("/api/v1/intake/forms").json() == []
    for path in [
        "/api/v1/intake/mailboxes/enquiries",
        "/api/v1/intake/mailboxes/enquiries/messages",
        "/api/v1/intake/forms/enquiry",
        "/api/v1/intake/forms/enquiry/submissions",
    ]:
        assert other.get(path).status_code == 404, path
    assert other.post("/api/v1/intake/mailboxes/enquiries/poll").status_code == 404
    assert other.delete("/api/v1/intake/mailboxes/enquiries").status_code == 404
    assert (
        other.post(
            "/api/v1/intake/forms/enquiry/fields",
            {"name": "x", "kind": "short_text", "label_en": "X", "label_zh": "X"},
            content_type="application/json",
        ).status_code
        == 404
    )
    # A member of the same department (not an officer) may not manage intake either.
    assert _client_for(amy).get("/api/v1/intake/forms/enquiry/submissions").status_code == 403
    # The owner sees the submission.
    rows = _client_for(alice).get("/api/v1/intake/forms/enquiry/submissions").json()
    assert rows[0]["answers"]["name"] == "陳大文"


def test_the_public_reads_and_submits_a_published_form_without_a_token(
    enquiry_form, inbox_collection, settings
):
    public = Client()
    shown = public.get("/api/v1/public/forms/enquiry").json()
    assert [f["name"] for f in shown["fields"]][:2] == ["name", "email"]
    made = public.post(
        "/api/v1/public/forms/enquiry/submissions",
        {"answers": GOOD, "consent": True},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["reference"].startswith("F-")
    refused = Client(headers={"Accept-Language": "zh-hant"}).post(
        "/api/v1/public/forms/enquiry/submissions",
        {"answers": {**GOOD, "email": "nope"}, "consent": True},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "電郵地址" in refused.json()["error"]["message"]
    assert inbox_collection.documents.count() == 1


def test_public_submissions_are_rate_limited_per_visitor(enquiry_form, settings):
    settings.AIPLUS_INTAKE_FORM_RATE_PER_CLIENT = "2/min"
    public = Client()
    codes = [
        public.post(
            "/api/v1/public/forms/enquiry/submissions",
            {"answers": GOOD, "consent": True},
            content_type="application/json",
        ).status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]


def test_an_unpublished_form_is_not_found_by_the_public(alice, enquiry_form):
    from aiplus.intake.services.forms import form_publish

    form_publish(actor=alice, form=enquiry_form, published=False)
    assert Client().get("/api/v1/public/forms/enquiry").status_code == 404
