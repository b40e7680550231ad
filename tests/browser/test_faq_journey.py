"""A knowledge owner builds a FAQ in a real browser: creates a FAQ collection, imports a CSV, edits an entry,
and asks a question that the edited entry answers."""

import re

import pytest

from tests.browser.conftest import shot
from tests.faq.conftest import FAQ_CSV

pytestmark = pytest.mark.browser


def test_import_edit_and_ask_a_faq(live_server, transactional_db, alice, tmp_path, browser_page):
    from playwright.sync_api import expect

    csv_file = tmp_path / "dsd-faq.csv"
    csv_file.write_text(FAQ_CSV + "broken,,No question here.,en\n", encoding="utf-8")
    page = browser_page
    # Importing and saving embed every wording with the bundled model, in the request: on a busy two-core
    # machine that can take a minute.
    page.set_default_timeout(240_000)

    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("pass-alice")
    page.get_by_role("button", name="Sign in").click()

    # Create a FAQ collection; its entries page opens.
    page.get_by_label("Short name for the address").fill("dsd-faq")
    page.get_by_label("Name", exact=True).fill("Public FAQ")
    page.get_by_label("What it holds").select_option("faq")
    page.get_by_role("button", name="Create collection").click()
    expect(page.get_by_role("heading", name="Public FAQ", level=1)).to_be_visible()

    # Import the file: the report counts the entries and names the bad row.
    page.get_by_label("CSV or Excel file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("6 created")
    expect(page.get_by_role("list", name="Rows not imported")).to_contain_text("Row 8")
    # The two language versions of one entry sit together.
    row = page.locator("#entry-dog-licence")
    expect(row.locator(".faq-version")).to_have_count(2)
    shot(page, tmp_path, "faq-imported")

    # Edit the English version's answer.
    page.get_by_role("link", name="Edit dog-licence (en)").click()
    expect(page.get_by_role("heading", name=re.compile("Entry dog-licence"))).to_be_visible()
    expect(page.get_by_role("heading", name="Linked language versions")).to_be_visible()
    page.get_by_label("Answer", exact=True).fill(
        "Apply online at the Demo licensing portal. The fee is HK$95."
    )
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#entry-dog-licence")).to_contain_text("HK$95")

    # Ask in other words: the edited answer comes back, citing the entry.
    page.get_by_label("Ask Public FAQ a question").fill("What do I need to do to license my puppy?")
    page.get_by_label("Ask Public FAQ a question").press("Enter")
    answer = page.locator(".answer")
    expect(answer).to_contain_text("HK$95")
    expect(answer.locator(".citation")).to_contain_text("How do I apply for a dog licence?")
    shot(page, tmp_path, "faq-answer")
