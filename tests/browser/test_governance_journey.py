"""A department's administrator, answering for its personal data, opens the audit in a real browser: sees the
model calls and a redaction with counts per type, filters to HKIDs sent by the assistant, and downloads the
CSV of what the filters select. The values themselves appear nowhere."""

import csv

import pytest

from aiplus.core.models import Role
from aiplus.core.services import user_create
from tests.browser.conftest import shot
from tests.privacy.conftest import HKID, record_history

pytestmark = pytest.mark.browser


def test_a_governance_officer_filters_the_audit_and_downloads_it(
    live_server, transactional_db, settings, dsd, amy, bob, alice, tmp_path, browser_page
):
    from playwright.sync_api import expect

    record_history(settings, amy=amy, bob=bob, alice=alice)
    dora = user_create(username="dora", password="pass-dora", department=dsd, role=Role.DEPARTMENT_ADMIN)

    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill(dora.username)
    page.get_by_label("Password").fill("pass-dora")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Personal data audit").click()
    expect(page.get_by_role("heading", name="Personal data audit", level=1)).to_be_visible()

    # Her department's three records: two model calls and the redaction; Bob's department is not there.
    records = page.locator("table.governance-records tbody tr")
    expect(records).to_have_count(3)
    expect(page.locator("table.governance-records")).not_to_contain_text("bob")
    totals = page.locator("table.governance-totals")
    expect(totals.get_by_role("row", name="PERSON")).to_contain_text("3")
    shot(page, tmp_path, "governance-all")

    # Only HKIDs, only the assistant.
    page.get_by_label("Personal data type").select_option("HKID")
    page.get_by_label("Feature").select_option("assistant")
    page.get_by_role("button", name="Show").click()
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text("assistant.answer")
    expect(records.first).to_contain_text("HKID 1")
    expect(page.get_by_label("Personal data type")).to_have_value("HKID")

    with page.expect_download() as caught:
        page.get_by_role("link", name="Download CSV").click()
    path = tmp_path / "audit.csv"
    caught.value.save_as(path)
    rows = list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))
    assert [(r["department"], r["action"], r["HKID"], r["policy"]) for r in rows] == [
        ("dsd", "assistant.answer", "1", "mask")
    ]
    assert HKID not in path.read_text("utf-8-sig") and HKID not in page.content()

    # A date the wrong way round is explained, in Chinese for a Chinese reader.
    page.get_by_role("button", name="繁體中文").click()
    page.goto(live_server.url + "/governance/?since=2026-12-07&until=2026-12-01")
    expect(page.get_by_role("alert")).to_contain_text("結束日期")
    shot(page, tmp_path, "governance-zh-error")


def test_a_governance_officer_audits_every_department(
    live_server, transactional_db, settings, dsd, hpd, trd, amy, bob, alice, tmp_path, browser_page
):
    """GIVEN Grace, appointed governance officer, of a third department WHEN she opens the audit THEN she sees
    both departments' model calls and the redaction, can narrow to one department, and downloads it."""
    from playwright.sync_api import expect

    from aiplus.core.access import OPERATOR
    from aiplus.privacy.governance import governance_officer_add

    record_history(settings, amy=amy, bob=bob, alice=alice)
    user_create(username="grace", password="pass-grace", department=trd, role=Role.MEMBER)
    governance_officer_add(actor=OPERATOR, username="grace")

    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("grace")
    page.get_by_label("Password").fill("pass-grace")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Personal data audit").click()
    records = page.locator("table.governance-records tbody tr")
    expect(records).to_have_count(4)
    expect(page.locator("table.governance-records")).to_contain_text("bob")
    shot(page, tmp_path, "governance-officer")

    page.get_by_label("Department").select_option("hpd")
    page.get_by_role("button", name="Show").click()
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text("bob")
    with page.expect_download() as caught:
        page.get_by_role("link", name="Download CSV").click()
    path = tmp_path / "officer.csv"
    caught.value.save_as(path)
    rows = list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))
    assert [(r["department"], r["user"], r["HKID"]) for r in rows] == [("hpd", "bob", "1")]
    assert HKID not in path.read_text("utf-8-sig")
