"""An officer builds a bilingual public form in a real browser and publishes it; a member of the public fills it
in in Chinese with a file, without signing in, and gets a reference number; the officer then finds the
submission's documents in the collection."""

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_build_a_form_submit_it_in_chinese_and_find_the_documents(
    live_server, transactional_db, alice, tmp_path, browser_page
):
    from playwright.sync_api import expect

    from aiplus.documents.services import collection_create

    collection_create(actor=alice, slug="enquiries", name="Public enquiries", department=alice.department)
    attachment = tmp_path / "狗隻牌照.txt"
    attachment.write_text("牌照號碼：DL-2026-0042", encoding="utf-8")
    page = browser_page

    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Intake").click()

    # The officer creates the form, in both languages.
    page.get_by_text("Create a form").click()
    page.get_by_label("Short name (in the public address)").fill("dog-licence")
    page.get_by_label("Title in English").fill("Dog licence enquiry")
    page.get_by_label("Title in Chinese").fill("狗隻牌照查詢")
    page.get_by_label("Personal information collection statement in English").fill(
        "Used only to reply to you."
    )
    page.get_by_label("Personal information collection statement in Chinese").fill("只用於回覆你。")
    page.get_by_label("Collection (short name) for submissions").fill("enquiries")
    page.get_by_role("button", name="Create form").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dog licence enquiry")

    fields = [
        ("name", "Short text", "Name", "姓名", True),
        ("email", "E-mail address", "E-mail", "電郵", False),
        ("question", "Long text", "Your question", "你的問題", True),
        ("papers", "File upload", "Supporting papers", "證明文件", False),
    ]
    for name, kind, label_en, label_zh, required in fields:
        page.get_by_label("Field name (letters, digits, _)").fill(name)
        page.get_by_label("Kind of field").select_option(label=kind)
        page.get_by_label("Label in English").fill(label_en)
        page.get_by_label("Label in Chinese").fill(label_zh)
        page.get_by_label("Required").set_checked(required)
        page.get_by_role("button", name="Add field").click()
        expect(page.get_by_role("list").filter(has_text=label_zh)).to_be_visible()
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_label("Your question *")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Publish").click()
    public_url = page.locator("#public-link").get_attribute("href")
    shot(page, tmp_path, "intake-form-built")

    # A member of the public, not signed in, answers in Chinese with a file.
    visitor = page.context.browser.new_context().new_page()
    visitor.goto(live_server.url + public_url)
    visitor.get_by_role("button", name="繁體中文").click()
    expect(visitor.get_by_role("heading", name="狗隻牌照查詢", level=1)).to_be_visible()
    visitor.get_by_role("button", name="遞交").click()  # the browser's own check is off: the server's answers
    expect(visitor.get_by_role("alert")).to_contain_text("姓名")
    visitor.get_by_label("姓名").fill("陳大文")
    visitor.get_by_label("電郵").fill("chan.tai.man@example.com")
    visitor.get_by_label("你的問題").fill("我的狗隻牌照下月到期，可以網上續期嗎？")
    visitor.get_by_label("證明文件").set_input_files(str(attachment))
    visitor.get_by_label("我已閱讀並同意收集個人資料聲明。").check()
    visitor.get_by_role("button", name="遞交").click()
    expect(visitor.get_by_role("status")).to_contain_text("你的參考編號")
    reference = visitor.locator("#reference").inner_text()
    assert reference.startswith("F-")
    shot(visitor, tmp_path, "intake-form-received")

    # The officer sees the submission and its documents in the collection.
    page.reload()
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("chan.tai.man@example.com")
    expect(row.get_by_role("link", name="狗隻牌照.txt")).to_be_visible()
    page.goto(live_server.url + "/collections/enquiries/")
    expect(page.get_by_text("狗隻牌照", exact=False).first).to_be_visible()
    expect(page.get_by_text(reference, exact=False).first).to_be_visible()
