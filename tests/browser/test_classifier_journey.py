"""A knowledge owner builds a document classifier in a real browser: creates it, imports labelled letters,
tries a letter, corrects the prediction in the review queue, and sees the label count grow and the
classifier retrained."""

import re

import pytest

from tests.browser.conftest import shot
from tests.classifier.conftest import EXAMPLES

pytestmark = pytest.mark.browser


def test_correct_a_prediction_and_see_the_classifier_retrained(
    live_server, transactional_db, alice, tmp_path, browser_page
):
    from playwright.sync_api import expect

    examples = tmp_path / "letters.csv"
    examples.write_text(
        "text,label\n" + "".join(f'"{t}",{label}\n' for t, label in EXAMPLES), encoding="utf-8"
    )
    page = browser_page
    page.set_default_timeout(120_000)  # training runs in the request; a busy two-core machine is slow
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Classifiers").click()
    expect(page.get_by_text("Your department has no document classifier yet.")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Incoming letters")
    page.get_by_label("Short name (letters, digits, hyphens)").fill("letters")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Incoming letters", level=1)).to_be_visible()
    expect(page.get_by_test_id("model-state")).to_contain_text("Not trained yet.")

    page.get_by_label("CSV or Excel file").set_input_files(str(examples))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("15 examples imported.")
    expect(page.get_by_test_id("model-state")).to_contain_text("Model version 1, trained on 15 examples")
    refund_row = page.locator("tr[data-label=refund]")
    expect(refund_row.locator(".count")).to_have_text("5")

    # Try a letter: the label and its confidence are shown, and the prediction waits for review.
    letter = "隔籬單位成晚裝修，電鑽聲好嘈，但我其實係想退返上個月多交嘅按金。"
    page.get_by_label("Text of a letter or document").fill(letter)
    page.get_by_role("button", name="Classify").click()
    prediction = page.get_by_test_id("prediction")
    expect(prediction).to_contain_text("Confidence")
    predicted = prediction.locator(".predicted-label").inner_text()
    confidence = float(prediction.locator(".confidence").inner_text())
    assert predicted in {"noise", "refund", "renewal"} and 0 < confidence <= 1
    shot(page, tmp_path, "classifier-try")

    page.get_by_role("link", name=re.compile("Review queue: 1 prediction")).click()
    item = page.locator(".review-queue li").first
    expect(item).to_contain_text("電鑽聲")
    corrected = "renewal" if predicted != "renewal" else "refund"
    item.get_by_label("Label").select_option(corrected)
    item.get_by_role("button", name="Save label").click()
    expect(page.get_by_text(f"Corrected to {corrected}.")).to_be_visible()
    expect(page.get_by_text("No predictions are waiting for review.")).to_be_visible()

    page.get_by_role("link", name="letters").click()
    expect(page.locator(f"tr[data-label={corrected}] .count")).to_have_text("6")
    expect(page.get_by_test_id("model-state")).to_contain_text("Model version 2, trained on 16 examples")
    expect(page.locator(".examples li").first).to_contain_text("電鑽聲")
    shot(page, tmp_path, "classifier-retrained")

    page.get_by_role("button", name="繁體中文").click()
    expect(page.get_by_role("link", name=re.compile("覆核隊列"))).to_be_visible()
