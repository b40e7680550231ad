"""An officer pulls the fields out of an application letter in a real browser: uploads it with a schema,
reads each value with where it was found, checked (HKID check digit, dates as ISO), and sees a missing
required field called out; a schema with a mistake is explained."""

import json

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

LETTER = """Application for a hawker licence

Name of Applicant: Chan Tai Man
HKID: A123456(3)
Date of application: 3 May 2026
Fee paid: HK$300
"""
SCHEMA = {
    "fields": [
        {"name": "applicant", "type": "name", "required": True, "label": "Name of Applicant"},
        {"name": "hkid", "type": "hkid", "required": True},
        {"name": "applied_on", "type": "date", "label": "Date of application"},
        {"name": "fee", "type": "amount"},
        {"name": "email", "type": "email", "required": True},
    ]
}


def test_upload_a_letter_with_a_schema_and_read_the_fields(
    live_server, transactional_db, amy, tmp_path, browser_page
):
    from playwright.sync_api import expect

    letter = tmp_path / "application.txt"
    letter.write_text(LETTER, encoding="utf-8")
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("pass-amy")
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server.url + "/assistant/documents/extract/")
    page.get_by_label("Form or letter (PDF, DOCX, text or a scanned image)").set_input_files(str(letter))
    page.get_by_label("Schema (JSON)").fill(json.dumps(SCHEMA))
    page.get_by_role("button", name="Extract").click()

    rows = page.locator("table.extract-results tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.filter(has_text="applicant")).to_contain_text("Chan Tai Man")
    expect(rows.filter(has_text="hkid")).to_contain_text("A123456(3)")
    expect(rows.filter(has_text="applied_on")).to_contain_text("2026-05-03")
    expect(rows.filter(has_text="fee")).to_contain_text("300.00")
    expect(rows.filter(has_text="email")).to_contain_text("Required, not found")
    expect(page.locator("mark#field-hkid")).to_have_text("A123456(3)")
    shot(page, tmp_path, "extract-fields")

    page.get_by_label("Form or letter (PDF, DOCX, text or a scanned image)").set_input_files(str(letter))
    page.get_by_label("Schema (JSON)").fill('{"fields": [{"name": "x", "type": "shoe size"}]}')
    page.get_by_role("button", name="Extract").click()
    expect(page.get_by_role("alert")).to_contain_text("use one of")
