"""A knowledge owner's journey through the pages in a real browser (Debian chromium, driven by Playwright).

The live server runs in the test process, so no worker processes the uploads: the test does it, as a worker
would, and the page's own polling shows the documents becoming ready.
"""

import re

import pytest

from tests.browser.conftest import shot as _shot

pytestmark = pytest.mark.browser

DOG_ZH = (
    "狗隻牌照續期\n\n狗隻牌照每年須續期一次。續期費用為港幣八十元，可於任何示範服務署辦事處辦理。"
    "市民亦可郵寄續期表格及支票辦理狗牌續期。"
)
DOG_EN = (
    "# Dog licence renewal\n\nEvery dog licence must be renewed once a year. The renewal fee is HK$80. "
    "Renew at any Demo Services Department office, Monday to Friday."
)


def test_upload_ask_and_open_citation(live_server, transactional_db, alice, tmp_path, browser_page):
    from playwright.sync_api import expect

    from aiplus.documents.services import collection_create, documents_process_queued
    from aiplus.search.vectors import vectors_wait

    collection = collection_create(
        actor=alice,
        slug="licensing",
        name="Licensing guides",
        department=alice.department,
        visibility="public",
    )
    zh_file = tmp_path / "狗牌續期.txt"
    zh_file.write_text(DOG_ZH, encoding="utf-8")
    en_file = tmp_path / "dog-licence-renewal.md"
    en_file.write_text(DOG_EN, encoding="utf-8")
    page = browser_page

    # Sign in.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Collections", level=1)).to_be_visible()

    # Open the collection and upload two files in one go.
    page.get_by_role("link", name="Licensing guides").click()
    expect(page.get_by_role("heading", name="Licensing guides")).to_be_visible()
    page.get_by_label("Choose files").set_input_files([str(zh_file), str(en_file)])
    page.get_by_role("button", name="Upload", exact=True).click()
    outcomes = page.locator(".outcome-queued")
    expect(outcomes).to_have_count(2)
    expect(page.locator("#documents .badge-queued")).to_have_count(2)

    # A worker would do this; the page's polling then shows both documents ready.
    assert documents_process_queued() == 2
    expect(page.locator("#documents .badge-ready")).to_have_count(2, timeout=15000)
    # Keyword search works at once; the vectors for search by meaning follow (a worker's low-priority job).
    expect(page.get_by_text("Keyword search works meanwhile")).to_be_visible()
    vectors_wait(collection=collection)
    expect(page.locator("#documents")).not_to_have_attribute("data-pending", "true", timeout=15000)
    _shot(page, tmp_path, "collection")

    # Ask in this collection, in Cantonese mixed with English.
    page.get_by_label("Search or ask a question in Licensing guides").fill("點樣 renew 狗牌?")
    page.get_by_label("Search or ask a question in Licensing guides").press("Enter")
    expect(page.get_by_role("heading", name="Answer")).to_be_visible()
    citation = page.locator(".citation a").first
    expect(citation).to_be_visible()
    _shot(page, tmp_path, "answer")

    # The citation opens the page text with the passage highlighted.
    citation.click()
    mark = page.locator("mark#passage")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text(re.compile("八十元|HK\\$80"))
    expect(mark).to_be_in_viewport()
    # A text file has no pages: the original file is offered, not a page of it.
    expect(page.get_by_role("link", name="Open the original file", exact=True)).to_be_visible()
    _shot(page, tmp_path, "passage")

    # Switch the interface to Traditional Chinese; the same page comes back, in Chinese.
    passage_url = page.url.split("#")[0]
    page.get_by_role("button", name="繁體中文").click()
    expect(page.get_by_role("link", name="開啟原始檔案", exact=True)).to_be_visible()
    assert page.url.split("#")[0] == passage_url
    page.get_by_role("link", name="文件庫").first.click()
    expect(page.get_by_role("heading", name="文件庫", level=1)).to_be_visible()
    expect(page.get_by_text("示範服務署").first).to_be_visible()
    _shot(page, tmp_path, "collections-zh")

    # The same page works on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Licensing guides").click()
    expect(page.locator("#documents .badge-ready")).to_have_count(2)
    _shot(page, tmp_path, "collection-phone")
    assert (tmp_path / "collections-zh.png").stat().st_size > 0


def test_share_a_collection_and_delete_a_document(
    live_server, transactional_db, alice, hpd, guidance, tmp_path, browser_page
):
    """Alice shares her department's collection with Harbour Planning, then deletes one document."""
    from playwright.sync_api import expect

    from aiplus.documents.models import Document
    from aiplus.documents.services import collection_visibility_update

    collection_visibility_update(actor=alice, collection=guidance, visibility="private")
    page = browser_page
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Guidance").click()

    sharing = page.get_by_role("region", name="Who can read this collection")
    sharing.get_by_label("Shared with named departments").check()
    sharing.get_by_label("Harbour Planning Department").check()
    sharing.get_by_role("button", name="Save sharing").click()
    expect(page.get_by_role("status")).to_have_text("Sharing saved.")
    expect(page.locator(".meta")).to_contain_text("Shared with Harbour Planning Department")
    expect(sharing.get_by_label("Harbour Planning Department")).to_be_checked()
    _shot(page, tmp_path, "sharing")

    page.get_by_role("link", name="Delete dog licence renewal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete")
    _shot(page, tmp_path, "delete-confirm")
    page.get_by_role("button", name="Delete document").click()
    expect(page.get_by_role("status")).to_contain_text("Deleted")
    expect(page.locator("#documents tbody tr")).to_have_count(2)
    assert not Document.objects.filter(collection=guidance, source_id="dog-en.txt").exists()
    guidance.refresh_from_db()
    assert guidance.visibility == "shared" and list(guidance.shared_with.values_list("code", flat=True)) == [
        "hpd"
    ]
