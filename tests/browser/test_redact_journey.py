"""An officer redacts a PDF in a real browser: uploads it, rejects a detection, adds a name by selecting it in
the text, downloads the file, and the downloaded file's text has lost exactly what was chosen."""

from pathlib import Path

import pytest

from tests.browser.conftest import shot
from tests.privacy.files import EMAIL, HKID, KEPT_ZH, NAME, PHONE, REFERENCE, ZH_PHONE, pdf_text, text_pdf

pytestmark = pytest.mark.browser

SELECT = """([container, value]) => {
  const element = document.querySelector(container);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(value);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + value.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


def _work_pending() -> int:
    """What a worker would do: run every waiting step of a review."""
    from aiplus.privacy.models import RedactJob, RedactStatus
    from aiplus.privacy.redact.jobs import redact_job_process

    pending = list(RedactJob.objects.filter(status=RedactStatus.QUEUED).values_list("pk", flat=True))
    for job_id in pending:
        redact_job_process(job_id=job_id)
    return len(pending)


def test_upload_review_and_download_a_redacted_pdf(
    live_server, transactional_db, amy, tmp_path, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("pass-amy")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Redact").click()
    page.get_by_label("PDF or Word (DOCX) file").set_input_files(str(text_pdf(tmp_path / "application.pdf")))
    page.get_by_role("button", name="Find personal data").click()
    expect(page.get_by_role("heading", name="Review: application.pdf")).to_be_visible()
    # The file is read in the background; the page follows it and shows the review when it is read.
    expect(page.locator("#redact-status")).to_contain_text("Reading the file and finding personal data")
    expect(page.get_by_role("button", name="Cancel")).to_be_visible()
    assert _work_pending() == 1
    expect(page.locator("#redact-text mark.pii-HKID")).to_have_count(2)
    expect(page.locator("#redact-text mark.pii-PHONE")).to_have_count(2)

    # The phone number in the English line is not to be removed: untick it, with the keyboard.
    phone_box = page.locator("tr", has_text=PHONE).get_by_role("checkbox")
    phone_box.focus()
    page.keyboard.press("Space")
    expect(phone_box).not_to_be_checked()

    # The case reference is not personal data to the detector, but it identifies the applicant: select it
    # in the text and add it; the name too, if the detector did not find it.
    add = page.get_by_role("button", name="Remove the selected text")
    expect(add).to_be_disabled()
    assert page.evaluate(SELECT, ["#redact-text", REFERENCE])
    expect(add).to_be_enabled()
    page.get_by_label("Kind").select_option("OTHER")
    add.click()
    expect(page.locator("#redact-text mark.pii-OTHER")).to_have_text(REFERENCE)
    if not page.locator("#redact-text mark", has_text=NAME).count():
        assert page.evaluate(SELECT, ["#redact-text", NAME])
        page.get_by_role("button", name="Remove the selected text").click()
    expect(page.locator("#redact-text mark", has_text=NAME)).to_have_count(1)
    expect(page.locator("tr", has_text=PHONE).get_by_role("checkbox")).not_to_be_checked()
    shot(page, tmp_path, "redact-review")

    page.get_by_role("button", name="Write the redacted file").click()
    expect(page.locator("#redact-status")).to_contain_text("Writing the redacted file")
    assert _work_pending() == 1
    expect(page.get_by_role("status").filter(has_text="The redacted file is ready.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the redacted file").click()
    download = download_info.value
    assert download.suggested_filename == "application-redacted.pdf"
    text = pdf_text(Path(download.path()).read_bytes())
    compact = "".join(text.split())
    assert (
        NAME not in text
        and HKID not in compact
        and EMAIL not in text
        and ZH_PHONE.replace(" ", "") not in compact
    )
    assert PHONE in text and KEPT_ZH in text and "Applicant" in text
