"""An officer's journey through the Document assistant in a real browser: paste a notice, summarise it,
watch the job finish, see each sentence's citation, and download the summary as Word."""

import io
import zipfile

import pytest

from tests.browser.conftest import shot as _shot
from tests.pilot.conftest import NOTICE_EN

pytestmark = pytest.mark.browser


def _process_pending() -> int:
    """What a worker would do: run every waiting job."""
    from aiplus.pilot.jobs import job_process
    from aiplus.pilot.models import Job, JobStatus

    pending = list(Job.objects.filter(status=JobStatus.QUEUED).values_list("pk", flat=True))
    for job_id in pending:
        job_process(job_id=job_id)
    return len(pending)


def test_paste_text_summarise_and_download_docx(live_server, transactional_db, amy, tmp_path, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("pass-amy")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Document assistant").first.click()
    expect(page.get_by_role("heading", name="Document assistant", level=1)).to_be_visible()
    page.get_by_label("Summarise").check()
    page.get_by_label("Pasted text").check()
    page.get_by_label("Text to work on").fill(NOTICE_EN)
    page.get_by_label("Length").select_option("brief")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Summarise: Pasted text", level=1)).to_be_visible()
    expect(page.locator("#pilot-status")).to_contain_text("Queued")

    # The page's polling reloads it once a worker has finished the job.
    assert _process_pending() == 1
    expect(page.get_by_role("heading", name="Result")).to_be_visible(timeout=15000)
    expect(page.locator("#result-text li").first).to_contain_text("Lantau ferry")
    expect(page.locator("#result-text .cite").first).to_contain_text("p. 1 ¶ 2")
    _shot(page, tmp_path, "pilot-summary")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download Word (DOCX)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".docx"
    xml = zipfile.ZipFile(io.BytesIO(saved.read_bytes())).read("word/document.xml").decode()
    assert "Lantau ferry" in xml and "Microsoft JhengHei" in xml

    page.get_by_role("link", name="Document assistant").first.click()
    expect(page.get_by_role("link", name="Summarise: Pasted text")).to_be_visible()
