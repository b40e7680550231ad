"""An officer proofreads a pasted notice in a real browser, sees the slips marked, and accepts a fix; the
department's glossary is checked too."""

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_paste_check_and_accept_a_fix(live_server, transactional_db, alice, dsd, tmp_path, browser_page):
    from playwright.sync_api import expect

    from aiplus.glossary.services import glossary_term_save

    glossary_term_save(
        actor=alice,
        department=dsd,
        channel="test",
        en="personal data",
        zh_hant="個人資料",
        forbidden=["個人數據"],
    )
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server.url + "/assistant/documents/proofread/")
    page.get_by_label("Text", exact=True).fill("部門將採購新的軟體,並保護個人數據。")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="3 issues")).to_be_visible()
    expect(page.locator("mark.issue")).to_have_count(3)
    expect(page.locator(".issue-item[data-kind=glossary]")).to_contain_text("個人資料")
    shot(page, tmp_path, "proofread-issues")

    regional = page.locator(".issue-item[data-kind=regional]")
    regional.get_by_role("button", name="Accept fix").click()
    expect(page.get_by_role("heading", name="2 issues")).to_be_visible()
    expect(page.get_by_label("Text", exact=True)).to_have_value("部門將採購新的軟件,並保護個人數據。")
    expect(page.locator(".issue-item[data-kind=regional]")).to_have_count(0)
    shot(page, tmp_path, "proofread-fixed")
