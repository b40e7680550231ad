"""An officer's chat in a real browser (Debian chromium, driven by Playwright): start a chat over a collection,
ask, ask a follow-up, see each answer stream in with citations that open the passage, rename, delete."""

import re

import pytest

from tests.browser.conftest import shot as _shot

pytestmark = pytest.mark.browser


def test_start_a_chat_ask_a_follow_up_rename_and_delete(
    live_server, transactional_db, amy, guidance, tmp_path, browser_page
):
    from playwright.sync_api import expect

    from aiplus.chat.models import Conversation

    page = browser_page
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("pass-amy")
    page.get_by_role("button", name="Sign in").click()

    # Start a chat over the guidance, from the main navigation, with the keyboard.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Chats").click()
    expect(page.get_by_role("heading", name="Chats", level=1)).to_be_visible()
    page.get_by_label("Guidance").check()
    page.get_by_role("button", name="Start chat").press("Enter")
    expect(page.get_by_role("heading", name="New chat", level=1)).to_be_visible()
    chat_url = page.url

    # Ask: the answer streams into the page (no reload), then its citations.
    question = page.get_by_label("Your question (English or Chinese)")
    question.fill("How do I renew a dog licence?")
    question.press("Enter")
    first = page.locator("#turns .turn").nth(0)
    expect(first).to_have_attribute("data-done", "true")
    expect(first.locator(".answer-text")).to_contain_text("renewed once a year")
    expect(first.locator(".citation a").first).to_be_visible()
    expect(page.get_by_role("heading", name="How do I renew a dog licence?", level=1)).to_be_visible()
    assert page.url == chat_url

    # A follow-up is understood with the conversation.
    question.fill("How much is it?")
    question.press("Enter")
    second = page.locator("#turns .turn").nth(1)
    expect(second).to_have_attribute("data-done", "true")
    expect(second.locator(".turn-query")).to_contain_text("dog licence")
    expect(second.locator(".answer-text")).to_contain_text("HK$80")
    expect(question).to_be_focused()
    _shot(page, tmp_path, "chat")

    # The citation opens the passage; the chat is still there on return.
    second.locator(".citation a").first.click()
    expect(page.locator("mark#passage")).to_contain_text(re.compile(r"HK\$80"))
    page.go_back()
    expect(page.locator("#turns .turn")).to_have_count(2)

    # Rename, then delete (confirming).
    page.get_by_text("Rename or delete this chat").click()
    page.get_by_label("New title").fill("Dog licence fees")
    page.get_by_role("button", name="Rename").click()
    expect(page.get_by_role("heading", name="Dog licence fees", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Chats").click()
    expect(page.get_by_role("link", name="Dog licence fees")).to_be_visible()
    page.get_by_role("link", name="Dog licence fees").click()
    page.get_by_text("Rename or delete this chat").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete chat").click()
    expect(page.get_by_text("You have no chats yet.")).to_be_visible()
    assert not Conversation.objects.filter(owner=amy).exists()
