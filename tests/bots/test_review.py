"""The review queue: what the bot could not answer, what people disliked, and handoffs; an approved answer
goes into the FAQ, and the next asker gets it."""

import pytest

from aiplus.bots.review import handoff_create, review_answer, review_dismiss, review_queue
from aiplus.bots.services import bot_answer, bot_reply, exchange_rate
from aiplus.core.errors import AiplusError, ErrorCode
from tests.bots.test_services import SECRET_QUESTIONS

UNKNOWN = "Can I take my pet tortoise on the MTR?"


def test_faq_entries_answer_first_citing_the_entry(hotline_bot):
    answer = bot_answer(bot=hotline_bot, question="Where can I get my dog licensed?", client_id="t")
    assert answer.answered and answer.engine == "faq"
    assert answer.citations[0].source_id == "dog-licence"
    chinese = bot_answer(bot=hotline_bot, question="狗牌喺邊度申請？", client_id="t")
    assert chinese.answered and chinese.citations[0].source_id == "dog-licence"
    assert "八十" in chinese.answer


def test_faq_bot_never_tells_what_its_private_neighbours_hold(hotline_bot):
    """Whether or not the FAQ matches some entry to these questions, nothing comes from the private notes."""
    for question in SECRET_QUESTIONS:
        answer = bot_answer(bot=hotline_bot, question=question, client_id="t")
        assert {c.collection for c in answer.citations} <= {"dsd-faq", "guidance"}
        for secret in ("38", "4,200", "四千二百", "三千八百"):
            assert secret not in answer.answer


def test_an_approved_answer_reaches_the_next_asker(alice, hotline_bot):
    first = bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000001", client="c1")
    assert not first.exchange.answered
    queue = review_queue(actor=alice, bot=hotline_bot)
    assert [e.question for e in queue.declined] == [UNKNOWN]

    entry = review_answer(
        actor=alice,
        bot=hotline_bot,
        kind="exchange",
        item_id=first.exchange.pk,
        answer="Small pets in a closed carrier may travel on the MTR; tortoises are welcome in a box.",
    )
    assert not review_queue(actor=alice, bot=hotline_bot).declined

    again = bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000002", client="c2")
    assert again.exchange.answered
    assert again.answer.citations[0].source_id == entry
    assert "carrier" in again.answer.answer


def test_a_disliked_answer_becomes_another_wording_of_the_right_entry(alice, hotline_bot):
    asked = "My passport is about to run out, what now?"
    reply = bot_reply(bot=hotline_bot, question=asked, conversation="conv-00000003", client="c3")
    exchange_rate(bot=hotline_bot, exchange_id=reply.exchange.pk, rating="down", client="c3")
    queue = review_queue(actor=alice, bot=hotline_bot)
    disliked_or_declined = queue.disliked + queue.declined
    assert [e.question for e in disliked_or_declined] == [asked]

    review_answer(
        actor=alice, bot=hotline_bot, kind="exchange", item_id=reply.exchange.pk, entry_id="passport"
    )
    answer = bot_answer(bot=hotline_bot, question=asked, client_id="t")
    assert answer.answered
    assert answer.citations[0].source_id == "passport"


def test_a_handoff_is_answered_from_the_queue(alice, hotline_bot):
    bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000004", client="c4")
    ticket = handoff_create(
        bot=hotline_bot, conversation="conv-00000004", client="c4", contact="9123 4567", message=""
    )
    queue = review_queue(actor=alice, bot=hotline_bot)
    assert [h.pk for h in queue.handoffs] == [ticket.pk]
    assert queue.declined == []  # the same question is not listed twice
    review_answer(
        actor=alice,
        bot=hotline_bot,
        kind="handoff",
        item_id=ticket.pk,
        answer="Tortoises may travel in a box.",
    )
    ticket.refresh_from_db()
    assert ticket.status == "answered"
    assert len(review_queue(actor=alice, bot=hotline_bot)) == 0


def test_only_the_bots_department_sees_or_works_its_queue(amy, betty, hotline_bot):
    bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000005", client="c5")
    for outsider in (amy, betty):
        with pytest.raises(AiplusError) as caught:
            review_queue(actor=outsider, bot=hotline_bot)
        assert caught.value.code == ErrorCode.NOT_FOUND
        with pytest.raises(AiplusError):
            review_answer(actor=outsider, bot=hotline_bot, kind="exchange", item_id=1, answer="x")


def test_dismiss_takes_an_item_off_the_queue_and_adds_nothing(alice, hotline_bot, dsd_faq):
    from aiplus.faq.models import FaqEntry

    before = FaqEntry.objects.filter(collection=dsd_faq).count()
    reply = bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000006", client="c6")
    review_dismiss(actor=alice, bot=hotline_bot, kind="exchange", item_id=reply.exchange.pk)
    assert len(review_queue(actor=alice, bot=hotline_bot)) == 0
    assert FaqEntry.objects.filter(collection=dsd_faq).count() == before


def test_an_empty_approved_answer_is_refused_and_the_item_stays(alice, hotline_bot):
    reply = bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000007", client="c7")
    with pytest.raises(AiplusError) as caught:
        review_answer(actor=alice, bot=hotline_bot, kind="exchange", item_id=reply.exchange.pk, answer="  ")
    assert caught.value.code == ErrorCode.INVALID_FIELD
    assert len(review_queue(actor=alice, bot=hotline_bot).declined) == 1


def test_the_matcher_suggests_the_entry_a_queued_question_is_another_wording_of(alice, hotline_bot):
    from aiplus.bots.review import review_entries, review_suggestions

    entries = review_entries(hotline_bot)
    assert "passport" in entries and "dog-licence" in entries
    suggestions = review_suggestions(
        bot=hotline_bot, question="My passport is about to run out, what now?", entries=entries
    )
    assert suggestions[0].entry_id == "passport"
    assert len(suggestions) <= 3
    assert [s.confidence for s in suggestions] == sorted((s.confidence for s in suggestions), reverse=True)
    chinese = review_suggestions(bot=hotline_bot, question="狗牌喺邊度申請？", entries=entries)
    assert chinese[0].entry_id == "dog-licence"


def test_an_entry_of_another_departments_faq_cannot_be_picked(alice, betty, hotline_bot, dsd_faq):
    from aiplus.documents.services import collection_create
    from aiplus.faq.models import FaqEntry
    from aiplus.faq.services import faq_entry_create

    harbour = collection_create(
        actor=betty,
        slug="hpd-faq",
        name="HPD FAQ",
        department=betty.department,
        visibility="public",
        kind="faq",
    )
    faq_entry_create(
        actor=betty,
        collection=harbour,
        entry_id="pier-permit",
        question="Pier permit?",
        answer="Apply.",
        language="en",
    )
    reply = bot_reply(bot=hotline_bot, question=UNKNOWN, conversation="conv-00000008", client="c8")
    with pytest.raises(AiplusError) as caught:
        review_answer(
            actor=alice, bot=hotline_bot, kind="exchange", item_id=reply.exchange.pk, entry_id="pier-permit"
        )
    assert caught.value.code == ErrorCode.NOT_FOUND
    assert FaqEntry.objects.get(collection=harbour, entry_id="pier-permit").alternatives == []
    assert not FaqEntry.objects.filter(collection=dsd_faq, entry_id="pier-permit").exists()
    assert len(review_queue(actor=alice, bot=hotline_bot).declined) == 1
