"""Governance officers: appointed by the operator, they audit every department's model calls and redactions
(counts per type, never the values) by page, API and CSV; a plain user sees none of it by any door."""

import csv
import io

import pytest
from click.testing import CliRunner
from django.test import Client

from aiplus.cli import main
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role
from aiplus.core.services import api_token_create, user_create
from aiplus.privacy.governance import governance_officer_add
from tests.privacy.conftest import HKID

pytestmark = pytest.mark.django_db


@pytest.fixture
def grace(trd):
    """A member of the Transport Records Department, appointed governance officer by the operator's CLI."""
    user = user_create(username="grace", password="pass-grace", department=trd, role=Role.MEMBER)
    result = CliRunner().invoke(main, ["governance", "officer-add", "grace"])
    assert result.exit_code == 0, result.output
    assert "grace is a governance officer" in result.output
    user.refresh_from_db()
    return user


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='audit')[1]}"})


def test_an_officer_sees_every_departments_calls_and_redactions_by_page_api_and_csv(grace, history):
    page = Client()
    page.force_login(grace)
    html = page.get("/governance/").content.decode()
    assert "assistant.answer" in html and "chat.rewrite" in html and "letter.pdf" in html
    assert 'value="hpd"' in html, "an officer may filter by any department"
    assert HKID not in html and "9123" not in html
    assert 'href="/governance/"' in page.get("/").content.decode(), "the menu offers the audit"

    body = _api(grace).get("/api/v1/governance").json()
    assert body["matched"] == 4 and {e["department"] for e in body["entries"]} == {"dsd", "hpd"}
    totals = {t["type"]: t for t in body["totals"]}
    assert totals["HKID"]["found"] == 2 and totals["PERSON"]["redacted"] == 3
    assert _api(grace).get("/api/v1/governance", {"department": "hpd"}).json()["matched"] == 1

    exported = _api(grace).get("/api/v1/governance.csv")
    text = b"".join(exported.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 4 and sum(int(r["HKID"]) for r in rows) == 2
    assert HKID not in text and "9123" not in text
    assert b"".join(page.get("/governance/", {"format": "csv"}).streaming_content).decode() == text


def test_a_plain_user_sees_none_of_it_by_any_door(amy, bob, history):
    page = Client()
    page.force_login(bob)
    assert page.get("/governance/").status_code == 403
    assert page.get("/governance/", {"format": "csv"}).status_code == 403
    assert 'href="/governance/"' not in page.get("/").content.decode()
    assert _api(bob).get("/api/v1/governance").status_code == 403
    refused = _api(amy).get("/api/v1/governance.csv", headers={"Accept-Language": "zh-hant"})
    assert refused.status_code == 403 and not refused.json()["error"]["message"].isascii()


def test_only_the_operator_or_a_platform_administrator_appoints_one(amy, bob, admin):
    with pytest.raises(AiplusError) as refused:
        governance_officer_add(actor=amy, username="bob")
    assert refused.value.code == ErrorCode.FORBIDDEN
    assert not bob.has_perm("privacy.audit_governance")
    governance_officer_add(actor=admin, username="bob")
    assert type(bob).objects.get(pk=bob.pk).has_perm("privacy.audit_governance")  # a fresh copy: no cache
    unknown = CliRunner().invoke(main, ["governance", "officer-add", "nobody"])
    assert unknown.exit_code != 0 and "nobody" in unknown.output


def test_an_officer_stood_down_sees_nothing_again(grace, history):
    page = Client()
    page.force_login(grace)
    assert page.get("/governance/").status_code == 200
    result = CliRunner().invoke(main, ["governance", "officer-remove", "grace"])
    assert result.exit_code == 0 and "no longer" in result.output
    assert page.get("/governance/").status_code == 403
    assert _api(grace).get("/api/v1/governance.csv").status_code == 403


def test_the_document_assistants_model_calls_are_a_feature_to_filter_by(grace, amy, settings):
    """A translation sent to the model is audited as the feature ``pilot``, which the filter accepts."""
    from aiplus.llm import services as llm
    from aiplus.privacy.governance import governance_filter, governance_report
    from tests.support.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        llm.chat(actor=amy, flow="pilot.translate", messages=[{"role": "user", "content": f"ID {HKID}"}])
    seen = governance_report(governance_filter(actor=grace, feature="pilot"))
    assert [(e.action, e.counts) for e in seen.entries] == [("pilot.translate", {"HKID": 1})]
