"""Issue #12 as a newcomer meets it on the demo: amy finds the letters the triage workflow routed to her teams,
opens a run, follows it to the classifier's review queue and corrects a prediction, then approves the
routing; alice cannot delete the letter under the legal hold; a member of the public reports a blocked drain
in Chinese."""

import pytest
from playwright.sync_api import expect

from aiplus.classifier.models import Prediction
from aiplus.demo.correspondence import load_demo_correspondence
from aiplus.documents.models import Document
from aiplus.documents.services import documents_process_queued
from aiplus.workflows.engine import steps_process_queued
from aiplus.workflows.models import Run
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def _sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("pass-" + username)
    page.get_by_role("button", name="Sign in").click()


def test_the_demo_letters_are_reviewed_held_and_the_public_reports_in_chinese(
    live_server, transactional_db, dsd, alice, amy, browser_page, tmp_path
):
    load_demo_correspondence(dsd)
    documents_process_queued()
    steps_process_queued()
    page, url = browser_page, live_server.url

    # amy's own tasks: the four letters' approvals, for her teams.
    _sign_in(page, url, "amy")
    page.get_by_role("link", name="Workflows").first.click()
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Show only my tasks and my teams'").click()
    expect(page.locator("tr.task")).to_have_count(4)
    # Each approval names its letter, so four tasks of the same title can be told apart.
    expect(
        page.locator("tr.task small.task-document", has_text="Blocked drain outside 12 Sample Road")
    ).to_have_count(1)
    shot(page, tmp_path, "demo-review-queue")

    # The compliment letter's run, then its prediction: amy says it was a compliment (whatever was guessed).
    compliment = Run.objects.get(document__filename="2026-12-03-counter-compliment-zh.txt")
    page.locator(f'tr.task a[href="/workflows/runs/{compliment.pk}/"]').click()
    expect(page.locator("li.step-run[data-status=done]")).to_have_count(6)
    page.get_by_role("link", name="Confirm or correct the prediction").click()
    prediction = Prediction.objects.get(document=compliment.document)
    card = page.locator(f'li[data-prediction="{prediction.pk}"]')
    card.get_by_label("Label").select_option("compliment")
    card.get_by_role("button", name="Save label").click()
    expect(page.locator(f'li[data-prediction="{prediction.pk}"]')).to_have_count(0)
    prediction.refresh_from_db()
    assert prediction.reviewed and prediction.example.label == "compliment"

    # Approve the complaint's routing; its run finishes.
    complaint = Run.objects.get(document__filename="2026-12-01-blocked-drain-complaint.txt")
    page.goto(url + "/workflows/queue/?mine=1")
    page.locator(f'tr.task:has(a[href="/workflows/runs/{complaint.pk}/"])').get_by_role("checkbox").check()
    page.get_by_role("button", name="Approve chosen").click()
    expect(page.get_by_text("1 tasks updated.")).to_be_visible()
    steps_process_queued()
    complaint.refresh_from_db()
    assert complaint.status == "done"

    # alice, records manager, tries to delete the held letter: refused, naming the hold, nothing deleted.
    _sign_in(page, url, "alice")
    page.goto(url + "/collections/incoming/")
    held = complaint.document
    page.get_by_role("link", name=f"Delete {held.title}").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Sample Road flooding claim").first).to_be_visible()
    assert Document.objects.filter(pk=held.pk).exists()
    shot(page, tmp_path, "demo-held-delete-refused")

    # A member of the public, in Chinese: a bad telephone number is explained, then the report goes in.
    page.context.clear_cookies()
    chinese = page.context.new_page()
    chinese.set_extra_http_headers({"Accept-Language": "zh-HK"})
    chinese.goto(url + "/forms/drainage-complaint/")
    expect(chinese.get_by_role("heading", name="報告渠道淤塞")).to_be_visible()
    chinese.get_by_label("渠道位置").fill("屯門示範街八號")
    chinese.get_by_label("問題").select_option(label="水浸")
    chinese.get_by_label("姓名").fill("陳大文")
    chinese.get_by_label("電話").fill("12")
    chinese.get_by_role("checkbox").check()
    chinese.get_by_role("button", name="遞交").click()
    expect(chinese.get_by_role("alert").first).to_contain_text("電話")
    chinese.get_by_label("電話").fill("6123 4567")
    chinese.get_by_role("checkbox").check()
    chinese.get_by_role("button", name="遞交").click()
    expect(chinese.get_by_text("F-", exact=False).first).to_be_visible()
    shot(chinese, tmp_path, "demo-form-received-zh")
    assert Document.objects.filter(collection__slug="public-forms").count() == 1
