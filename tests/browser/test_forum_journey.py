"""A member of the public registers for a forum in a real browser and gets a QR code; at the entrance an
organiser opens the code's check-in link on a phone-sized screen and checks the visitor in; the organiser's
page then counts the arrival."""

import pytest

from tests.browser.conftest import shot
from tests.forums.conftest import make_event

pytestmark = pytest.mark.browser


def test_register_for_a_forum_and_check_in_by_qr_code(
    live_server, transactional_db, admin, tmp_path, browser_page
):
    from playwright.sync_api import expect

    make_event(admin, slug="ai-forum", capacity_in_person=1)
    page = browser_page

    # The visitor registers in Chinese, without signing in.
    page.goto(live_server.url + "/forums/ai-forum/")
    page.get_by_role("button", name="繁體中文").click()
    expect(page.get_by_role("heading", name="AI+ 科技論壇", level=1)).to_be_visible()
    page.get_by_label("親身出席").check()
    page.get_by_label("姓名", exact=True).fill("陳大文")
    page.get_by_label("電郵地址").fill("chan.tai.man@example.com")
    page.get_by_label("機構類別").select_option("vendor")
    page.get_by_label("機構", exact=True).fill("港灣人工智能有限公司")
    page.get_by_label("我已閱讀並同意收集個人資料聲明。").check()
    page.get_by_role("button", name="登記").click()

    expect(page.locator("#registration-status")).to_have_text("已確認")
    qr = page.get_by_role("img", name="簽到用二維碼")
    expect(qr).to_be_visible()
    check_in_link = qr.get_attribute("data-check-in-url")
    shot(page, tmp_path, "forum-registered")

    # The organiser scans it: the phone opens the link, signs in, and confirms.
    phone = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-GB"
    ).new_page()
    phone.goto(check_in_link)
    phone.get_by_label("User name").fill("admin")
    phone.get_by_label("Password").fill("pass-admin")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_text("陳大文")).to_be_visible()
    phone.get_by_role("button", name="Check in").click()
    expect(phone.locator(".notice[role=status]")).to_contain_text("陳大文 is checked in.")
    shot(phone, tmp_path, "forum-checked-in")

    phone.goto(live_server.url + "/forums/ai-forum/manage/")
    expect(phone.locator("#figure-attended")).to_have_text("1")
    # A second arrival with the same code is shown as already checked in, not counted twice.
    phone.goto(check_in_link)
    expect(phone.locator(".notice[role=status]")).to_contain_text("Already checked in")
