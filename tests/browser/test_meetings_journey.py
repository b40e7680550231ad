"""A secretary's journey through the meeting pages in a real browser: upload a transcript, watch the minutes
being written, open an action's evidence, name the speakers, write the minutes again in Chinese, download."""

import pytest

from tests.browser.conftest import shot as _shot
from tests.meetings.test_services import VTT

pytestmark = pytest.mark.browser


def _process_pending() -> int:
    """What a worker would do: write every meeting's minutes that is waiting."""
    from aiplus.meetings.models import PENDING_STATUSES, Meeting
    from aiplus.meetings.services import meeting_process

    pending = list(Meeting.objects.filter(status__in=PENDING_STATUSES).values_list("pk", flat=True))
    for meeting_id in pending:
        meeting_process(meeting_id=meeting_id)
    return len(pending)


def test_upload_a_transcript_open_evidence_edit_speakers_and_download(
    live_server,
    transactional_db,
    amy,
    tmp_path,
    browser_page,
):
    from playwright.sync_api import expect

    transcript = tmp_path / "counter-meeting.vtt"
    transcript.write_text(VTT, encoding="utf-8")
    page = browser_page
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("pass-amy")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Meetings").first.click()
    expect(page.get_by_role("heading", name="Meetings", level=1)).to_be_visible()
    page.get_by_label("Transcript or recording").set_input_files(str(transcript))
    page.get_by_label("Title").fill("Counter arrangements")
    page.get_by_label("Meeting date").fill("2027-01-18")
    page.get_by_role("button", name="Write minutes").click()
    expect(page.get_by_role("heading", name="Counter arrangements", level=1)).to_be_visible()
    expect(page.locator("#meeting-status")).to_contain_text("Queued for minutes")

    # The page's polling reloads it once a worker has written the minutes.
    assert _process_pending() == 1
    expect(page.get_by_role("heading", name="Action items")).to_be_visible(timeout=15000)
    _shot(page, tmp_path, "minutes")

    # An action's evidence opens the turn where it was said.
    notice = page.locator(".actions-table tr", has_text="notice")
    notice.locator("a.evidence").first.click()
    said = page.locator(".transcript li:target")
    expect(said).to_contain_text("Mary, please put up the notice")
    expect(said).to_be_in_viewport()

    # Name the speakers in the transcript editor.
    page.get_by_role("link", name="Edit transcript and speakers").click()
    page.get_by_label("Speaker 1 →").fill("陳主席")
    page.get_by_label("Speaker 2 →").fill("Mary Wong")
    page.get_by_role("button", name="Save speaker names").click()
    expect(page.get_by_role("status")).to_contain_text("Transcript saved")
    expect(page.get_by_label("Speaker of turn 0")).to_have_value("陳主席")
    _shot(page, tmp_path, "transcript-editor")

    # Write the minutes again, in Traditional Chinese.
    page.get_by_role("link", name="Back to the minutes").click()
    expect(page.get_by_role("note")).to_contain_text("edited since these minutes were written")
    page.get_by_label("Minutes language").select_option("zh-Hant")
    page.get_by_role("button", name="Write minutes").click()
    assert _process_pending() == 1
    expect(page.get_by_role("heading", name="Action items")).to_be_visible(timeout=15000)
    expect(page.locator(".minutes")).to_contain_text("陳主席")
    expect(page.get_by_role("note")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download Word (DOCX)").click()
    assert download.value.suggested_filename == "Counter-arrangements-minutes.docx"
    _shot(page, tmp_path, "minutes-zh")
