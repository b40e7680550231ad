"""A public bot of the Demo Services Department over its public guidance, and private collections planted
beside it (one of its own department, one of another) that the bot must never reach."""

import pytest

from tests.conftest import add_text


@pytest.fixture(autouse=True)
def _answers_are_not_timed_here(settings):
    """These tests show what a bot answers, not how fast (bench/bot_page.py measures that); on a busy shared
    machine a first answer, which builds the indexes, can pass the 30-second limit."""
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 300
    settings.AIPLUS_SEARCH_TIME_LIMIT_SECONDS = 300


STAFF_SECRET = (
    "Staff roster note\n\nThe counter staff bonus pool for the dog licence team is HK$4,200 per officer "
    "this year and is confidential. 狗隻牌照組員工獎金每人四千二百元，屬機密。"
)


@pytest.fixture
def staff_notes(alice):
    """The Demo Services Department's own private notes: readable by its staff, not by its public bot."""
    from aiplus.documents.services import collection_create

    collection = collection_create(
        actor=alice, slug="staff-notes", name="Staff notes", department=alice.department, visibility="private"
    )
    add_text(collection, alice, "roster.txt", STAFF_SECRET)
    return collection


@pytest.fixture
def dog_bot(alice, guidance, staff_notes, pier_notes):
    from aiplus.bots.services import bot_create

    return bot_create(
        actor=alice,
        slug="dog-bot",
        name="Dog licence helper",
        department=alice.department,
        collections=["guidance"],
        greeting="Ask me about dog licences.",
        allowed_origins=["https://www.example.gov.hk"],
    )


@pytest.fixture
def dsd_faq(alice, tmp_path):
    """The Demo Services Department's FAQ (a FAQ collection, imported from CSV as officers write it)."""
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import
    from tests.faq.conftest import FAQ_CSV

    collection = collection_create(
        actor=alice,
        slug="dsd-faq",
        name="DSD FAQ",
        department=alice.department,
        visibility="public",
        kind="faq",
    )
    path = tmp_path / "faq.csv"
    path.write_text(FAQ_CSV, encoding="utf-8")
    faq_import(actor=alice, collection=collection, path_or_file=path, filename="faq.csv")
    return collection


@pytest.fixture
def hotline_bot(alice, dsd_faq, guidance, staff_notes, pier_notes):
    """A bilingual hotline bot over the FAQ and the guidance documents."""
    from aiplus.bots.services import bot_create

    return bot_create(
        actor=alice,
        slug="hotline",
        name="DSD hotline",
        department=alice.department,
        collections=["dsd-faq", "guidance"],
    )
