"""A records manager places a legal hold on a case file and proposes the disposal of what is past its
retention: the batch skips the held document. An approver (not the proposer) approves it in her own
browser; the manager carries it out, and the disposal record of the destroyed letter remains."""

import pytest

from aiplus.documents.models import Document
from aiplus.records.services import retention_set
from tests.browser.conftest import shot
from tests.records import conftest as story

pytestmark = pytest.mark.browser
# The records story's people and files, as fixtures here too.
rita, andy, files, seven_years = story.rita, story.andy, story.files, story.seven_years


def _sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("pass-" + username)
    page.get_by_role("button", name="Sign in").click()


def test_hold_skip_approve_execute_and_the_disposal_record(
    live_server,
    transactional_db,
    rita,
    andy,
    files,
    seven_years,
    tmp_path,
    browser_page,
):
    from playwright.sync_api import expect

    licence, pier = (Document.objects.get(source_id=s) for s in ("licence-2015.txt", "pier-2016.txt"))
    for document in (licence, pier):
        retention_set(actor=rita, document=document)

    page = browser_page
    _sign_in(page, live_server.url, "rita")
    page.goto(live_server.url + f"/records/documents/{pier.pk}/")
    expect(page.locator(".retain-until")).to_have_text("2023-02-28")

    page.get_by_role("link", name="Records").click()
    page.get_by_role("link", name="Legal holds").click()
    page.get_by_label("Name").fill("Pier relocation claim")
    page.get_by_label("Reason").fill("HCA 1234/2026: keep every record of the pier complaint.")
    page.get_by_label("Document numbers (separated by spaces or commas)").fill(str(pier.pk))
    page.get_by_role("button", name="Place hold").click()
    expect(page.locator("table.records-holds")).to_contain_text("Pier relocation claim")

    page.get_by_role("link", name="Due for disposal").click()
    due = page.locator("table.records-due tbody tr")
    expect(due).to_have_count(2)
    expect(page.locator(f"tr[data-document='{pier.pk}']")).to_contain_text("Under legal hold")
    page.get_by_role("button", name="Propose a disposal batch").click()
    expect(page.locator(".batch-status")).to_have_text("proposed")
    expect(page.locator("tr[data-state='held']")).to_contain_text(str(pier))
    expect(page.locator("tr[data-state='pending']")).to_contain_text(str(licence))
    expect(page.get_by_role("button", name="Approve disposal")).to_have_count(0)  # not her own batch
    batch_url = page.url
    shot(page, tmp_path, "records-batch-proposed")

    _sign_in(page, live_server.url, "andy")
    page.get_by_role("link", name="Records").click()
    batch_number = batch_url.rstrip("/").rsplit("/", 1)[-1]
    page.get_by_role("link", name=f"Batch {batch_number}", exact=True).click()
    page.get_by_label("Note").fill("Checked against the schedule GEN-7.")
    page.get_by_role("button", name="Approve disposal").click()
    expect(page.locator(".batch-status")).to_have_text("approved")

    _sign_in(page, live_server.url, "rita")
    page.goto(batch_url)
    page.get_by_role("button", name="Carry out disposal").click()
    expect(page.locator(".batch-status")).to_have_text("executed")
    expect(page.locator("tr[data-state='disposed']")).to_contain_text(str(licence))
    assert (
        not Document.objects.filter(pk=licence.pk).exists() and Document.objects.filter(pk=pier.pk).exists()
    )

    page.get_by_role("link", name="Disposal records").click()
    page.get_by_label("Title, source, collection or schedule").fill("licence")
    page.get_by_role("button", name="Search").click()
    records = page.locator("table.disposal-records tbody tr")
    expect(records).to_have_count(1)
    expect(records.first).to_contain_text("licence-2015.txt")
    expect(records.first).to_contain_text("rita · andy · rita")
    shot(page, tmp_path, "records-disposal-record")
