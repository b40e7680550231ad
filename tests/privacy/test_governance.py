"""The personal-data audit: model calls and redactions with counts per type (never the values), filtered,
totalled and exported; a department administrator sees their own department only."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import translation

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role
from aiplus.core.services import api_token_create, audit_record, user_create
from aiplus.llm import services as llm
from aiplus.privacy.governance import governance_csv, governance_filter, governance_report
from tests.support.fake_openai import FakeOpenAI

HKID = "A123456(3)"


@pytest.fixture
def dora(dsd):
    """The Demo Services Department's administrator, who answers for its personal data."""
    return user_create(username="dora", password="pass-dora", department=dsd, role=Role.DEPARTMENT_ADMIN)


@pytest.fixture
def history(settings, amy, bob, alice):
    """Amy (dsd) and Bob (hpd) each asked a model about a card number; Alice redacted a letter."""
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        for actor in (amy, bob):
            llm.chat(
                actor=actor,
                flow="assistant.answer",
                messages=[{"role": "user", "content": f"Is {HKID} on file? Call 9123 4567."}],
            )
        llm.chat(actor=amy, flow="chat.rewrite", messages=[{"role": "user", "content": "Opening hours?"}])
    audit_record(
        actor=alice,
        action="privacy.redact",
        target="=letter.pdf",
        feature="redact",
        counts={"HKID": 2, "PERSON": 1},
    )


def report(actor, **asked):
    return governance_report(governance_filter(actor=actor, **asked))


def test_a_department_administrator_sees_their_own_department_with_totals_per_type(dora, history):
    seen = report(dora)
    assert seen.matched == 3
    assert {e.department for e in seen.entries} == {"dsd"}
    totals = {row["type"]: row for row in seen.totals}
    assert totals["HKID"] == {"type": "HKID", "found": 1, "masked": 1, "refused": 0, "redacted": 2}
    assert totals["PERSON"]["redacted"] == 1 and totals["PHONE"]["masked"] == 1
    assert seen.entries[0].kind == "redaction"  # newest first


def test_another_departments_records_are_refused_and_members_see_nothing(dora, amy, history, hpd):
    with pytest.raises(AiplusError) as refused:
        governance_filter(actor=dora, department="hpd")
    assert refused.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(AiplusError):
        governance_filter(actor=amy)


def test_a_platform_administrator_sees_every_department_and_filters(admin, history):
    assert report(admin).matched == 4
    assert {e.department for e in report(admin, department="hpd").entries} == {"hpd"}
    assert [e.kind for e in report(admin, feature="redact").entries] == ["redaction"]
    assert {e.action for e in report(admin, feature="chat").entries} == {"chat.rewrite"}
    assert report(admin, type="PERSON").matched == 1
    assert report(admin, type="HKID").matched == 3
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert report(admin, until=yesterday).matched == 0
    assert report(admin, since=date.today().isoformat(), until=date.today().isoformat()).matched == 4


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        ({"since": "31/12/2026"}, "governance.since"),
        ({"since": "2026-12-07", "until": "2026-12-01"}, "governance.until"),
        ({"type": "SHOE_SIZE"}, "governance.type"),
        ({"feature": "weather"}, "governance.feature"),
    ],
)
def test_a_bad_filter_names_the_field_in_the_users_language(admin, asked, field):
    with pytest.raises(AiplusError) as refused:
        governance_filter(actor=admin, **asked)
    assert refused.value.field == field
    with translation.override("zh-hant"):
        assert not refused.value.message.isascii()


def test_the_csv_has_counts_and_never_a_value_and_no_formula(admin, history):
    text = "".join(governance_csv(governance_filter(actor=admin)))
    assert HKID not in text and "9123" not in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 4
    redaction = next(r for r in rows if r["kind"] == "redaction")
    assert redaction["target"] == "'=letter.pdf" and redaction["HKID"] == "2" and redaction["PERSON"] == "1"
    assert sum(int(r["HKID"]) for r in rows) == 4


def test_the_rest_endpoint_and_the_csv_export_keep_to_the_department(dora, history):
    key = api_token_create(user=dora, name="audit")[1]
    client = Client(headers={"Authorization": f"Bearer {key}"})
    body = client.get("/api/v1/governance", {"type": "HKID"}).json()
    assert body["matched"] == 2 and {e["department"] for e in body["entries"]} == {"dsd"}
    assert {t["type"]: t["redacted"] for t in body["totals"]}["HKID"] == 2
    refused = client.get("/api/v1/governance", {"department": "hpd"}, headers={"Accept-Language": "zh-hant"})
    assert refused.status_code == 403 and not refused.json()["error"]["message"].isascii()
    exported = client.get("/api/v1/governance.csv")
    assert exported["Content-Type"].startswith("text/csv")
    assert b"".join(exported.streaming_content).decode().count("\n") == 4  # header and dsd's three


def test_the_page_is_for_administrators(client, dora, amy, history):
    client.force_login(amy)
    assert client.get("/governance/").status_code == 403
    client.force_login(dora)
    page = client.get("/governance/", {"type": "HKID"})
    assert page.status_code == 200 and "assistant.answer" in page.content.decode()
    assert HKID not in page.content.decode()
    bad = client.get("/governance/", {"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.content.decode()
