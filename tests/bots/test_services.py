"""Publishing a bot and its answers: from its own collections only, declining with an offer of a person."""

import pytest

from aiplus.bots.models import BotExchange
from aiplus.bots.services import bot_answer, bot_create, bot_get, bot_reply, bot_update, exchange_rate
from aiplus.core.errors import AiplusError, ErrorCode

SECRET_QUESTIONS = [
    "What is the pier relocation budget?",
    "碼頭遷移預算是多少？",
    "How much is the counter staff bonus pool for the dog licence team?",
    "狗隻牌照組員工獎金每人幾多錢？",
]


def test_bot_answers_from_its_collection_with_a_citation(dog_bot):
    answer = bot_answer(bot=dog_bot, question="How much is the dog licence renewal fee?", client_id="t")
    assert answer.found
    assert "80" in answer.answer
    assert answer.citations and answer.citations[0].collection == "guidance"


def test_bot_answers_chinese_in_chinese(dog_bot):
    answer = bot_answer(bot=dog_bot, question="狗隻牌照續期費用是多少？", client_id="t")
    assert answer.found
    assert "八十" in answer.answer


def test_bot_never_reaches_a_private_collection_of_its_own_or_another_department(dog_bot, alice, betty):
    """The staff bonus (its own department's private notes) and the pier budget (another department's) are
    found by the staff who may read them, but not by the department's public bot."""
    from aiplus.assistant.services import answer_question

    assert answer_question(actor=alice, question=SECRET_QUESTIONS[2]).found
    assert answer_question(actor=betty, question=SECRET_QUESTIONS[0]).found
    for question in SECRET_QUESTIONS:
        answer = bot_answer(bot=dog_bot, question=question, client_id="t")
        assert not answer.found, question
        assert {c.collection for c in answer.citations} <= {"guidance"}
        for secret in ("38", "4,200", "四千二百", "三千八百"):
            assert secret not in answer.answer
        assert "person" in answer.answer or "人" in answer.answer


def test_decline_uses_the_bots_own_words(alice, guidance):
    bot = bot_create(
        actor=alice,
        slug="quiet-bot",
        name="Quiet",
        department=alice.department,
        collections=["guidance"],
        decline_message="Please call 1823.",
    )
    answer = bot_answer(bot=bot, question="When does the moon landing museum open?", client_id="t")
    assert not answer.found
    assert answer.answer == "Please call 1823."


def test_a_follow_up_is_answered_with_the_question_before_it(dog_bot):
    alone = bot_answer(bot=dog_bot, question="How much is it?", client_id="t")
    assert not alone.found
    follow_up = bot_answer(
        bot=dog_bot, question="How much is it?", history=["How do I renew a dog licence?"], client_id="t"
    )
    assert follow_up.found
    assert "80" in follow_up.answer


def test_a_new_topic_is_never_answered_with_the_question_before_it(dog_bot):
    answer = bot_answer(
        bot=dog_bot,
        question="Can I take my pet tortoise on the MTR?",
        history=["How do I renew a dog licence?"],
        client_id="t",
    )
    assert not answer.found


def test_a_department_cannot_publish_a_bot_over_another_departments_collection(alice, pier_notes):
    with pytest.raises(AiplusError) as caught:
        bot_create(
            actor=alice, slug="leaky", name="Leaky", department=alice.department, collections=["pier-notes"]
        )
    assert caught.value.code == ErrorCode.NOT_FOUND


def test_a_member_cannot_publish_a_bot(amy, guidance):
    with pytest.raises(AiplusError) as caught:
        bot_create(actor=amy, slug="b", name="B", department=amy.department, collections=["guidance"])
    assert caught.value.code == ErrorCode.FORBIDDEN


def test_a_bad_origin_is_refused_and_nothing_is_stored(alice, guidance):
    with pytest.raises(AiplusError) as caught:
        bot_create(
            actor=alice,
            slug="b",
            name="B",
            department=alice.department,
            collections=["guidance"],
            allowed_origins=["javascript:alert(1)"],
        )
    assert caught.value.code == ErrorCode.INVALID_FIELD
    assert "origin" in caught.value.message


def test_withdrawn_sharing_takes_the_collection_away_from_the_bot(alice, betty, hpd):
    """A collection another department shared can be given to a bot; when the sharing ends, so does access."""
    from aiplus.documents.services import collection_create
    from tests.conftest import DOG_EN, add_text

    shared = collection_create(
        actor=betty,
        slug="hpd-shared",
        name="Shared",
        department=hpd,
        visibility="shared",
        shared_with=[alice.department],
    )
    add_text(shared, betty, "dog.txt", DOG_EN)
    bot = bot_create(
        actor=alice, slug="sb", name="SB", department=alice.department, collections=["hpd-shared"]
    )
    assert bot_answer(bot=bot, question="How much is the dog licence renewal fee?", client_id="t").found
    shared.shared_with.clear()
    assert not bot_answer(bot=bot, question="How much is the dog licence renewal fee?", client_id="t").found


def test_a_paused_bot_is_not_found(alice, dog_bot):
    bot_update(actor=alice, bot=dog_bot, active=False)
    with pytest.raises(AiplusError) as caught:
        bot_get("dog-bot")
    assert caught.value.code == ErrorCode.NOT_FOUND


def test_replies_are_kept_and_only_the_asker_can_rate_them(dog_bot):
    reply = bot_reply(
        bot=dog_bot, question="How do I renew a dog licence?", conversation="conv-0001", client="c1"
    )
    assert reply.exchange.answered
    assert reply.as_dict()["speech_language"] == "en-GB"
    with pytest.raises(AiplusError):
        exchange_rate(bot=dog_bot, exchange_id=reply.exchange.pk, rating="down", client="someone-else")
    exchange_rate(bot=dog_bot, exchange_id=reply.exchange.pk, rating="down", client="c1")
    assert BotExchange.objects.get(pk=reply.exchange.pk).rating == -1


def test_bad_question_is_refused_in_the_users_terms(dog_bot):
    with pytest.raises(AiplusError) as caught:
        bot_reply(bot=dog_bot, question="   ", conversation="conv-0001", client="c1")
    assert caught.value.code == ErrorCode.INVALID_FIELD
    assert BotExchange.objects.count() == 0
