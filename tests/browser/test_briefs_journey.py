"""Market briefs in a real browser: the innovation officer briefs the press releases of a date range, sees the
agencies and vendors linked, and downloads the brief."""

import pytest

from tests.briefs.conftest import agencies, olivia, press, vendors  # noqa: F401  (the briefs story's fixtures)
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("press", "olivia")
def test_officer_makes_a_brief_for_a_date_range_and_downloads_it(
    live_server, transactional_db, tmp_path, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/login/?next=/briefs/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill("pass-olivia")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_label("Collection").select_option("press")
    page.get_by_label("From date").fill("2026-10-01")
    page.get_by_label("To date").fill("2026-11-30")
    page.get_by_role("button", name="Make brief").click()

    expect(page.get_by_role("heading", name="Key signals")).to_be_visible()
    signals = page.locator(".brief-signals li")
    assert 3 <= signals.count() <= 5
    expect(
        page.locator(".brief-agencies").get_by_role("link", name="Digital Innovation Office")
    ).to_be_visible()
    vendor = page.locator(".brief-vendors").get_by_role("link", name="Mong Kok Chatworks Ltd")
    expect(vendor).to_have_attribute("href", "/catalogue/?q=Mong+Kok+Chatworks+Ltd")
    dates = page.locator(".brief-sources li").all_inner_texts()
    assert dates and all("2026-10" in d or "2026-11" in d for d in dates)
    shot(page, tmp_path, "brief")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Word").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with page.expect_download() as markdown_info:
        page.get_by_role("link", name="Download Markdown").click()
    saved = tmp_path / "brief.md"
    markdown_info.value.save_as(saved)
    assert "## Agencies" in saved.read_text("utf-8")

    page.locator(".brief-agencies").get_by_role("link", name="Digital Innovation Office").click()
    expect(page.get_by_role("heading", name="Saved briefs")).to_be_visible()
    expect(page.locator("table.briefs")).to_contain_text("2026-10-01")
