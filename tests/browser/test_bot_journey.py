"""A member of the public asks a department's bot in a real browser (Debian chromium, driven by Playwright),
dislikes an answer and asks for a person; the knowledge owner answers in the review queue, and the next
visitor gets that answer. The widget also works from another web site that the department allowed."""

import http.server
import re
import socket
import threading

import pytest

from tests.browser.conftest import shot as _shot

pytestmark = pytest.mark.browser

UNKNOWN = "Can I take my pet tortoise on the MTR?"
APPROVED = "Small pets may travel on the MTR in a closed carrier; tortoises are welcome in a box."


@pytest.fixture(autouse=True)
def _answers_are_not_timed_here(settings):
    """Behaviour, not speed, is tested here (bench/bot_page.py measures speed)."""
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 300
    settings.AIPLUS_SEARCH_TIME_LIMIT_SECONDS = 300


@pytest.fixture
def hotline(transactional_db, alice, tmp_path):
    """The Demo Services Department's FAQ behind a public bot, with private notes planted beside it."""
    from aiplus.bots.services import bot_create
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import
    from tests.bots.conftest import STAFF_SECRET
    from tests.conftest import add_text
    from tests.faq.conftest import FAQ_CSV

    faq = collection_create(
        actor=alice,
        slug="dsd-faq",
        name="DSD FAQ",
        department=alice.department,
        visibility="public",
        kind="faq",
    )
    path = tmp_path / "faq.csv"
    path.write_text(FAQ_CSV, encoding="utf-8")
    faq_import(actor=alice, collection=faq, path_or_file=path, filename="faq.csv")
    notes = collection_create(
        actor=alice, slug="staff-notes", name="Staff notes", department=alice.department, visibility="private"
    )
    add_text(notes, alice, "roster.txt", STAFF_SECRET)
    return bot_create(
        actor=alice,
        slug="hotline",
        name="DSD hotline",
        department=alice.department,
        collections=["dsd-faq"],
        greeting="Hello, ask me about licences and passports.",
    )


def _ask(page, question):
    page.get_by_label("Your question").fill(question)
    page.get_by_label("Your question").press("Enter")


def test_public_asks_dislikes_hands_off_and_the_approved_answer_reaches_the_next_visitor(
    live_server, hotline, tmp_path, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(live_server.url + "/bots/hotline/")
    expect(page.get_by_role("heading", name="DSD hotline", level=1)).to_be_visible()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Hello, ask me about licences")

    # An FAQ question, in the visitor's own words: answered, with the source and a read-aloud button.
    _ask(page, "Where can I license my dog?")
    answer = page.locator(".aiplus-bot-answered").last
    expect(answer).to_contain_text("HK$80")
    expect(answer.locator("p[lang='en-GB']")).to_have_count(1)
    expect(answer.get_by_role("button", name="Read aloud")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_focused()

    # Thumbs down on it.
    dislike = answer.get_by_role("button", name=re.compile("Not helpful"))
    dislike.click()
    expect(dislike).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("status")).to_contain_text("Thank you for your feedback")

    # A question the bot cannot answer: it declines and offers a person, and reveals nothing private.
    _ask(page, UNKNOWN)
    declined = page.locator(".aiplus-bot-declined").last
    expect(declined).to_contain_text("talk to a person")
    declined.get_by_role("button", name="Talk to a person").click()
    expect(page.get_by_label("How can we reach you? (optional)")).to_be_focused()
    page.get_by_label("How can we reach you? (optional)").fill("chan@example.com")
    page.get_by_role("button", name="Send to a person").click()
    expect(log).to_contain_text("passed to our staff")
    _shot(page, tmp_path, "bot-handoff")

    # The knowledge owner answers the handoff in the review queue.
    owner = page.context.browser.new_context().new_page()
    owner.goto(live_server.url + "/bots/hotline/review/")
    owner.get_by_label("User name").fill("alice")
    owner.get_by_label("Password").fill("pass-alice")
    owner.get_by_role("button", name="Sign in").click()
    item = owner.locator(".review-item", has_text="chan@example.com")
    expect(item).to_contain_text(UNKNOWN)
    expect(owner.locator(".review-item", has_text="Disliked answer")).to_have_count(1)
    item.get_by_label("Approved answer (for a new FAQ entry)").fill(APPROVED)
    item.get_by_role("button", name="Approve").click()
    expect(owner.get_by_role("status").first).to_contain_text("The bot now gives this answer")
    # The disliked answer still waits for its own review: the matcher suggests the entry it is a wording of.
    disliked = owner.locator(".review-item", has_text="Disliked answer")
    expect(disliked).to_have_count(1)
    _shot(owner, tmp_path, "bot-review")
    disliked.get_by_label(re.compile(r"Another wording of dog-licence: .* \(match \d+%\)")).check()
    disliked.get_by_role("button", name="Approve").click()
    expect(owner.get_by_role("status").first).to_contain_text("entry dog-licence")
    expect(owner.locator(".review-item", has_text="Disliked answer")).to_have_count(0)

    # The next visitor (a new conversation) gets the approved answer.
    visitor = page.context.browser.new_context().new_page()
    visitor.goto(live_server.url + "/bots/hotline/")
    _ask(visitor, UNKNOWN)
    expect(visitor.locator(".aiplus-bot-answered").last).to_contain_text("closed carrier")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def other_site(tmp_path):
    """Another web site (another origin: 127.0.0.1 on its own port) that serves whatever page it is given."""
    folder = tmp_path / "site"
    folder.mkdir()
    port = _free_port()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def test_the_widget_works_on_an_allowed_site_and_not_on_another(
    live_server, hotline, other_site, browser_page
):
    from playwright.sync_api import expect

    from aiplus.bots.services import bot_update

    folder, origin = other_site
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Dept site</title></head><body><h1>Dept site</h1>"
        f'<script src="{live_server.url}/bots/hotline/widget.js" defer></script></body></html>',
        encoding="utf-8",
    )
    page = browser_page

    # Not yet allowed: the widget shows, but the bot refuses this site's questions.
    page.goto(origin + "/index.html")
    page.get_by_role("button", name="Ask DSD hotline").click()
    _ask(page, "Where can I license my dog?")
    expect(page.locator(".aiplus-bot-error").last).to_be_visible()

    bot_update(actor=hotline.created_by, bot=hotline, allowed_origins=[origin])
    page.reload()
    launcher = page.get_by_role("button", name="Ask DSD hotline")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Your question")).to_be_focused()
    _ask(page, "Where can I license my dog?")
    expect(page.locator(".aiplus-bot-answered").last).to_contain_text("HK$80")

    # Escape closes the panel and gives focus back to the button.
    page.keyboard.press("Escape")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
