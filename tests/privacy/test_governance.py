"""The personal-data audit: model calls and redactions with counts per type (never the values), filtered,
totalled and exported; a department administrator sees their own department only."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import translation

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import api_token_create
from aiplus.privacy.governance import governance_csv, governance_filter, governance_report
from tests.privacy.conftest import HKID


def report(actor, **asked):
    return governance_report(governance_filter(actor=actor, **asked))


def test_a_department_administrator_sees_their_own_department_with_totals_per_type(dora, history):
    seen = report(dora)
    assert seen.matched == 3
    assert {e.department for e in seen.entries} == {"dsd"}
    totals = {row["type"]: row for row in seen.totals}
    assert totals["HKID"] == {"type": "HKID", "found": 1, "masked": 1, "refused": 0, "redacted": 0}
    assert totals["PERSON"]["redacted"] == 3 and totals["PHONE"]["masked"] == 1
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
    assert report(admin, type="HKID").matched == 2
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
    assert redaction["target"] == "'=letter.pdf" and redaction["PERSON"] == "3" and redaction["HKID"] == "0"
    assert sum(int(r["HKID"]) for r in rows) == 2


def test_the_rest_endpoint_and_the_csv_export_keep_to_the_department(dora, history):
    key = api_token_create(user=dora, name="audit")[1]
    client = Client(headers={"Authorization": f"Bearer {key}"})
    body = client.get("/api/v1/governance", {"type": "HKID"}).json()
    assert body["matched"] == 1 and [e["department"] for e in body["entries"]] == ["dsd"]
    body = client.get("/api/v1/governance").json()
    assert {t["type"]: t["redacted"] for t in body["totals"]}["PERSON"] == 3
    refused = client.get("/api/v1/governance", {"since": "7/12/2026"})
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "governance.since"
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
