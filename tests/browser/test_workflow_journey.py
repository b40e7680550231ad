"""A records officer's journey: build the correspondence-triage workflow in the visual editor, drop a scanned
Chinese letter into the watched collection, and approve the drafted reply in the review queue."""

import pytest

from tests.browser.conftest import shot as _shot
from tests.support.fake_openai import FakeOpenAI

pytestmark = pytest.mark.browser


def _scanned_letter(path):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 34)
    image = Image.new("L", (1240, 700), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(
        [
            "投訴信",
            "參考編號 DSD-2026-0042",
            "屯門區渠務工程每晚十一時後仍然進行，",
            "造成嚴重噪音，請盡快處理。",
        ]
    ):
        draw.text((80, 80 + row * 120), line, fill=0, font=font)
    image.save(path)
    return path


def _add_step(page, label):
    page.get_by_label("Action", exact=True).select_option(label=label)
    page.get_by_role("button", name="Add step").click()


def test_build_triage_drop_a_scanned_letter_and_approve_the_reply(
    live_server, transactional_db, alice, tmp_path, browser_page, settings
):
    from playwright.sync_api import expect

    from aiplus.documents.services import collection_create, documents_process_queued
    from aiplus.pilot.draft import draft_template_create
    from aiplus.workflows.engine import steps_process_queued
    from aiplus.workflows.models import Run

    collection_create(actor=alice, slug="incoming", name="Incoming letters", department=alice.department)
    draft_template_create(actor=alice, name="Acknowledgement", body="敬啟者：\n\n{reply}\n\n示範服務署")
    letter = _scanned_letter(tmp_path / "投訴信.png")
    page = browser_page
    with FakeOpenAI() as model:
        settings.AIPLUS_LLM_BASE_URL = model.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        page.goto(live_server.url + "/login/")
        page.get_by_label("User name").fill("alice")
        page.get_by_label("Password").fill("pass-alice")
        page.get_by_role("button", name="Sign in").click()

        # Build the workflow in the editor: trigger, then the steps in order, one moved into place.
        page.get_by_role("link", name="Workflows").first.click()
        page.get_by_role("link", name="Start from an empty workflow").click()
        page.get_by_label("Name", exact=True).fill("Correspondence triage")
        page.get_by_label("Collection").select_option(label="Incoming letters")
        for label in ("Read the text (OCR for scans)", "Redact personal data", "Approval", "Draft a reply"):
            _add_step(page, label)
        steps = page.locator("li.step")
        expect(steps).to_have_count(4)
        steps.nth(3).get_by_role("button", name="Move up").click()
        expect(page.locator("li.step").nth(2)).to_have_attribute("data-action", "draft")
        page.locator("li.step").nth(2).get_by_label("template").fill("Acknowledgement")
        page.locator("li.step").nth(3).get_by_label("approvers").fill("alice")
        page.get_by_role("button", name="Save workflow").click()
        expect(page.get_by_text("Saved version 1.")).to_be_visible()
        _shot(page, tmp_path, "workflow-editor")

        # Drop the scanned letter into the collection; a worker would read it and run the workflow.
        page.goto(live_server.url + "/collections/incoming/")
        page.get_by_label("Choose files").set_input_files([str(letter)])
        page.get_by_role("button", name="Upload", exact=True).click()
        model.script("敬啟者：\n\n本署已收到 閣下有關屯門區渠務工程噪音的投訴。[1]\n\n示範服務署")
        assert documents_process_queued() == 1
        steps_process_queued()

        # The reply waits in the review queue; approve it there.
        page.get_by_role("link", name="Workflows").first.click()
        page.get_by_role("link", name="Review queue").click()
        task = page.locator("tr.task")
        expect(task).to_have_count(1)
        expect(task.get_by_text("Drafted reply")).to_be_visible()
        expect(task.locator("details[open] pre")).to_contain_text("示範服務署")
        task.get_by_role("checkbox").check()
        page.get_by_label("Comment (needed to reject)").fill("回覆可以發出")
        page.get_by_role("button", name="Approve chosen").click()
        expect(page.get_by_text("1 tasks updated.")).to_be_visible()
        steps_process_queued()

        run = Run.objects.get()
        page.goto(live_server.url + f"/workflows/runs/{run.pk}/")
        expect(page.locator("strong.status-done")).to_be_visible()
        expect(page.locator("li.step-run[data-status=done]")).to_have_count(4)
        expect(page.locator("li.step-run").first).to_contain_text("ocr_pages")
        _shot(page, tmp_path, "workflow-run")
    assert "DSD-2026-0042" in run.context["text"].replace(" ", "")
    assert run.context["draft"].strip()
