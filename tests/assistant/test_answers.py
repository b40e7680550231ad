"""Cited answers: extractive with no model, generated and grounding-checked with one."""

import pytest

from aiplus.assistant.models import AnswerRecord
from aiplus.assistant.services import answer_question
from aiplus.llm.models import ModelCall
from tests.support.fake_openai import FakeOpenAI


def test_extractive_answer_cites_the_passage_it_quotes(guidance, amy):
    answer = answer_question(actor=amy, question="How much is the dog licence renewal fee?")
    assert answer.engine == "extractive"
    assert answer.found and answer.grounded
    assert "HK$80" in answer.answer
    assert answer.citations[0].source_id == "dog-en.txt"
    assert "[1]" in answer.answer
    assert "HK$80" in answer.citations[0].quote


FEES_CSV = """id,question,answer,language,alternatives,url
dog-licence-fees,How much does a dog licence cost?,"A three-year dog licence costs HK$120, or HK$60 for a desexed dog. A rabies vaccination costs HK$90 per dose.",en,,https://www.example.gov.hk/en/licensing/dog-licence-fees.html
"""


def test_a_line_that_is_only_a_web_address_is_cited_not_read_out(guidance, amy, alice, tmp_path):
    """Asked over every collection, an FAQ entry is a passage like any other, and it ends with its link: the
    answer quotes the entry's sentences and leaves the link to the citation."""
    from aiplus.faq.services import faq_import
    from tests.faq.conftest import make_collection

    fees = make_collection(alice, "fees", "faq")
    path = tmp_path / "fees.csv"
    path.write_text(FEES_CSV, encoding="utf-8")
    faq_import(actor=alice, collection=fees, path_or_file=path, filename="fees.csv")
    answer = answer_question(actor=amy, question="How much does a dog licence cost?")
    assert answer.engine == "extractive" and "HK$120" in answer.answer
    assert "example.gov.hk" not in answer.answer
    assert answer.citations[0].collection == fees.slug


def test_answer_comes_back_in_the_askers_script(guidance, amy):
    traditional = answer_question(actor=amy, question="狗隻牌照續期費用是多少？")
    simplified = answer_question(actor=amy, question="狗只牌照续期费用是多少？")
    assert "港幣八十元" in traditional.answer
    assert "港币八十元" in simplified.answer
    assert traditional.citations[0].source_id == simplified.citations[0].source_id == "dog-zh.txt"


def test_a_cantonese_code_mixed_question_gets_a_chinese_answer(guidance, amy):
    answer = answer_question(actor=amy, question="點樣 renew 狗牌?")
    assert answer.found
    assert answer.citations[0].source_id == "dog-zh.txt"
    assert "續期" in answer.answer


def test_nothing_relevant_means_saying_so_not_guessing(guidance, amy):
    answer = answer_question(actor=amy, question="What is the capital of France?")
    assert not answer.found and not answer.citations
    assert "could not find" in answer.answer
    chinese = answer_question(actor=amy, question="法國的首都是哪裡？")
    assert "找不到" in chinese.answer


def test_every_answer_is_recorded(guidance, amy):
    answer_question(actor=amy, question="dog licence fee", channel="test")
    record = AnswerRecord.objects.get()
    assert record.actor == amy and record.found and record.chunk_ids


def test_answers_never_cite_another_departments_private_passages(guidance, pier_notes, amy):
    answer = answer_question(actor=amy, question="What is the pier relocation budget?")
    assert not answer.found
    assert "38" not in answer.answer
    assert all(c.collection != "pier-notes" for c in answer.citations)


@pytest.fixture
def model(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        yield server


def test_with_a_model_the_answer_is_generated_from_numbered_passages(guidance, amy, model):
    answer = answer_question(actor=amy, question="How much is the dog licence renewal fee?")
    assert answer.engine == "generative"
    assert answer.grounded
    assert answer.citations and answer.citations[0].source_id == "dog-en.txt"
    sent = model.requests[-1]["body"]["messages"][-1]["content"]
    assert "[1]" in sent and "HK$80" in sent
    call = ModelCall.objects.get()
    assert call.flow == "assistant.answer" and call.actor == amy and call.ok


def test_an_answer_citing_nothing_that_supports_it_is_marked_ungrounded(guidance, amy, model):
    model.script("Dog licences are free for everyone this year [7].")
    answer = answer_question(actor=amy, question="How much is the dog licence renewal fee?")
    assert answer.engine == "generative"
    assert not answer.grounded


def test_a_model_that_does_not_answer_falls_back_to_the_extractive_engine(guidance, amy, model):
    model.fail_next(503)
    answer = answer_question(actor=amy, question="How much is the dog licence renewal fee?")
    assert answer.engine == "extractive" and answer.found
    assert not ModelCall.objects.get().ok
