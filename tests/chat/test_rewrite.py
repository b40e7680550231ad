"""Follow-up questions are made searchable: with a model (the stand-in server) and without one (topics)."""

import pytest

from aiplus.chat.rewrite import PastTurn, is_follow_up, rewrite_question, topic_pieces
from aiplus.llm.models import ModelCall
from tests.support.fake_openai import FakeOpenAI

DOG = PastTurn("How do I renew a dog licence?", "How do I renew a dog licence?", "Renew once a year. [1]")
DOG_ZH = PastTurn("狗牌續期點做？", "狗牌續期點做？", "狗隻牌照每年須續期一次。[1]")


@pytest.mark.parametrize(
    "question",
    [
        "How much is it?",
        "咁要幾錢？",
        "Where do I renew it?",
        "How long does it take?",
        "佢幾時截止？",
        "And in Kowloon?",
    ],
)
def test_short_and_pointing_questions_are_follow_ups(question):
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "How do I apply for a hawker licence?",
        "申請小販牌照要咩文件？",
        "Is it possible to apply for a hawker licence online?",
        "點樣 renew 狗牌?",
    ],
)
def test_questions_with_their_own_topic_stand_alone(question):
    assert not is_follow_up(question)


def test_the_topic_is_the_content_words_as_written():
    assert topic_pieces("How do I renew a dog licence?") == ["renew", "dog licence"]
    assert topic_pieces("狗牌續期要幾錢？") == ["狗牌續期"]
    assert topic_pieces("申請小販牌照要咩文件？") == ["小販牌照"]


def test_without_a_model_a_follow_up_carries_the_previous_topic(db):
    rewrite = rewrite_question(actor=None, question="How much is it?", history=[DOG])
    assert rewrite.method == "topics"
    assert "dog licence" in rewrite.query and rewrite.query.startswith("How much is it?")
    # The topic carried is the one of the last query, which already carries older topics.
    second = rewrite_question(
        actor=None, question="Where do I pay?", history=[DOG, PastTurn("How much is it?", rewrite.query)]
    )
    assert "dog licence" in second.query


def test_a_cantonese_follow_up_to_a_chinese_question(db):
    rewrite = rewrite_question(actor=None, question="咁要幾錢？", history=[DOG_ZH])
    assert rewrite.method == "topics"
    assert rewrite.query == "咁要幾錢？ 狗牌續期"


def test_a_question_with_its_own_topic_is_searched_as_asked(db):
    question = "How do I apply for a hawker licence?"
    assert rewrite_question(actor=None, question=question, history=[DOG]).query == question
    assert rewrite_question(actor=None, question="How much is it?", history=[]).method == "none"


@pytest.fixture
def model(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        yield server


def test_with_a_model_the_model_rewrites_with_the_conversation(db, alice, model):
    model.script("How much does it cost to renew a dog licence?")
    rewrite = rewrite_question(actor=alice, question="How much is it?", history=[DOG])
    assert rewrite == type(rewrite)("How much does it cost to renew a dog licence?", "model")
    sent = model.requests[-1]["body"]["messages"]
    assert "How do I renew a dog licence?" in sent[-1]["content"]
    assert sent[-1]["content"].endswith("Last question: How much is it?")
    assert ModelCall.objects.filter(flow="chat.rewrite", ok=True, actor=alice).count() == 1


def test_the_model_writes_in_the_askers_script(db, alice, model):
    model.script("狗牌续期要几钱？")  # Simplified, though asked in Traditional
    rewrite = rewrite_question(actor=alice, question="咁要幾錢？", history=[DOG_ZH])
    assert rewrite.query == "狗牌續期要幾錢？"


def test_when_the_model_is_down_the_topics_are_used(db, alice, model):
    model.fail_next(503)
    rewrite = rewrite_question(actor=alice, question="How much is it?", history=[DOG])
    assert rewrite.method == "topics" and "dog licence" in rewrite.query
    assert ModelCall.objects.filter(flow="chat.rewrite", ok=False).count() == 1


def test_the_topic_never_makes_a_question_too_long(db, settings):
    settings.AIPLUS_MAX_QUESTION_CHARS = 30
    rewrite = rewrite_question(actor=None, question="How much is it, then?", history=[DOG])
    assert rewrite.query == "How much is it, then?" and rewrite.method == "none"
