"""The catalogue in a real browser: a vendor submits a solution, the innovation office publishes it, and an
officer finds it, posts a need, matches and shortlists it."""

import re

import pytest

from tests.browser.conftest import shot
from tests.catalogue.conftest import make_office_user, make_vendor_user

pytestmark = pytest.mark.browser


def _sign_in(page, url, username, next_path):
    page.goto(f"{url}/login/?next={next_path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("pass-" + username)
    page.get_by_role("button", name="Sign in").click()


def test_submit_publish_match_and_shortlist(live_server, transactional_db, amy, tmp_path, browser_page):
    from playwright.sync_api import expect

    make_vendor_user("vera", "Harbourlight Analytics Ltd", "61203451")
    make_office_user(amy.department)
    page = browser_page
    page.set_default_timeout(60_000)
    url = live_server.url

    # Vera writes a solution and submits it.
    _sign_in(page, url, "vera", "/catalogue/workspace/")
    page.get_by_role("link", name="New solution").click()
    page.get_by_label("Name in English").fill("Cantonese Hotline Transcriber")
    page.get_by_label("Name in Chinese").fill("粵語熱線轉錄")
    page.get_by_label("Summary in English").fill(
        "Transcribes Cantonese hotline calls and marks each request."
    )
    page.get_by_label("Summary in Chinese").fill("轉錄粵語熱線通話並標示每個要求。")
    page.get_by_label("Customer service").check()
    page.get_by_label("Speech recognition").check()
    for language in ("English", "Traditional Chinese", "Cantonese speech"):
        page.get_by_label(language, exact=True).check()
    page.get_by_label("Deployment").select_option("on_premises")
    page.get_by_label("Indicative annual price").fill("500000")
    page.get_by_role("button", name="Save solution").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft")
    page.get_by_role("button", name="Submitted").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submitted")
    shot(page, tmp_path, "catalogue-submitted")
    page.get_by_role("button", name="Sign out").click()

    # Olivia (innovation office) reviews and publishes it from her queue.
    _sign_in(page, url, "olivia", "/catalogue/workspace/")
    page.get_by_role("link", name="Cantonese Hotline Transcriber").click()
    page.get_by_role("button", name="Under review").click()
    page.get_by_label("Note (shown to the vendor)").fill("Security statement checked.")
    page.get_by_role("button", name="Published").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Published")
    page.get_by_role("button", name="Sign out").click()

    # Amy finds it in Chinese, posts a need, matches and shortlists it.
    _sign_in(page, url, "amy", "/catalogue/")
    page.get_by_label("Search solutions").fill("粵語熱線")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".hits")).to_contain_text("Cantonese Hotline Transcriber")
    page.get_by_role("link", name="Department needs").click()
    page.get_by_role("link", name="Post a need").click()
    page.get_by_label("Title").fill("Transcribe hotline calls")
    page.get_by_label("Problem statement").fill("Supervisors hear too few Cantonese hotline calls.")
    page.get_by_label(re.compile("Must-have requirements")).fill("Recognises Cantonese speech")
    page.get_by_label(re.compile("Nice-to-have requirements")).fill("Marks each request | 100")
    page.get_by_label("Data sensitivity").select_option("confidential")
    page.get_by_label("Cantonese speech", exact=True).check()
    page.get_by_role("button", name="Post need").click()
    page.get_by_role("button", name="Find matching solutions").click()
    match = page.locator(".match").first
    expect(match).to_contain_text("Cantonese Hotline Transcriber")
    match.get_by_text("Why").click()
    expect(match).to_contain_text("Recognises Cantonese speech")
    match.get_by_role("checkbox").check()
    page.get_by_role("button", name="Confirm shortlist").click()
    expect(page.locator(".match").first).to_have_attribute("data-stage", "shortlisted")
    shot(page, tmp_path, "catalogue-shortlisted")
