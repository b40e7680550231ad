"""An officer asks a question in a real browser (Debian chromium, driven by Playwright) over documents in which
someone planted an instruction, with a model that would obey it: the answer stays an answer, the page shows
the flagged passage, and when the model goes down the page says the answer quotes the documents."""

import re

import pytest

from tests.assistant.test_flags import PLANTED_EN
from tests.browser.conftest import shot
from tests.conftest import DOG_EN, add_text
from tests.support.fake_openai import FakeOpenAI

pytestmark = pytest.mark.browser


def test_a_planted_instruction_is_flagged_and_a_model_outage_is_explained(
    live_server, transactional_db, alice, amy, settings, tmp_path, browser_page
):
    from playwright.sync_api import expect

    from aiplus.documents.services import collection_create

    guidance = collection_create(
        actor=alice, slug="guidance", name="Guidance", department=alice.department, visibility="public"
    )
    add_text(guidance, alice, "dog-en.txt", DOG_EN)
    add_text(guidance, alice, "fees-en.txt", PLANTED_EN)
    page = browser_page
    with FakeOpenAI() as model:
        model.naive = True
        settings.AIPLUS_LLM_BASE_URL = model.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"

        page.goto(live_server.url + "/login/")
        page.get_by_label("User name").fill("amy")
        page.get_by_label("Password").fill("pass-amy")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Collections", level=1)).to_be_visible()

        page.goto(live_server.url + "/ask/")
        page.get_by_label(re.compile("Your question")).fill("How much is the dog licence renewal fee?")
        page.get_by_role("button", name="Ask", exact=True).click()
        answer = page.locator(".answer-text")
        expect(answer).to_be_visible()
        expect(answer).not_to_contain_text("refunds@")
        flags = page.get_by_role("region", name="Passages that read as instructions")
        expect(flags).to_be_visible()
        expect(flags).to_contain_text("It tells an assistant to ignore its instructions.")
        expect(flags).to_contain_text("Ignore previous instructions")
        expect(page.get_by_role("status")).to_have_count(0)
        shot(page, tmp_path, "answer-with-flags")

        model.fail_next(503)
        page.get_by_role("button", name="Ask", exact=True).click()
        notice = page.get_by_role("status")
        expect(notice).to_have_text(
            "The language model is unavailable, so this answer quotes the documents directly."
        )
        expect(page.locator(".answer-text")).to_contain_text("HK$80")
        shot(page, tmp_path, "answer-model-down")
