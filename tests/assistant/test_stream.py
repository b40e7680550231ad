"""Streamed answers: pieces as they are written, then the whole answer; the extractive answer, with a notice,
when the model is down."""

import socket

import pytest

from aiplus.assistant.models import AnswerRecord
from aiplus.assistant.services import Answer, answer_stream
from aiplus.core.errors import AiplusError
from aiplus.llm.models import ModelCall
from tests.support.fake_openai import FakeOpenAI

QUESTION = "How much is the dog licence renewal fee?"


def events_of(stream):
    events = list(stream)
    deltas = [value for kind, value in events if kind == "delta"]
    assert [kind for kind, _value in events][-1] == "done"
    assert all(kind in {"delta", "done"} for kind, _value in events)
    return deltas, events[-1][1]


@pytest.fixture
def model(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 10
        yield server


def test_without_a_model_the_extractive_answer_arrives_as_one_delta(guidance, amy):
    deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert isinstance(answer, Answer)
    assert answer.engine == "extractive" and answer.found and not answer.notice
    assert deltas == [answer.answer]
    assert "HK$80" in answer.answer


def test_nothing_found_is_said_in_one_delta(guidance, amy):
    deltas, answer = events_of(answer_stream(actor=amy, question="法國的首都是哪裡？"))
    assert not answer.found
    assert deltas == [answer.answer] and "找不到" in answer.answer


def test_with_a_model_the_answer_streams_piece_by_piece(guidance, amy, model):
    deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert answer.engine == "generative" and answer.grounded and not answer.notice
    assert len(deltas) > 3, "the answer should arrive in several pieces"
    assert "".join(deltas) == answer.answer
    assert "dog licence" in answer.answer and answer.citations[0].source_id == "dog-en.txt"
    assert model.requests[-1]["body"]["stream"] is True
    call = ModelCall.objects.get()
    assert call.streamed and call.ok and call.actor == amy
    assert call.completion_tokens > 0 and call.prompt_tokens > 0
    assert call.first_token_milliseconds is not None
    assert call.first_token_milliseconds <= call.milliseconds


def test_the_conversation_so_far_goes_to_the_model(guidance, amy, model):
    history = [
        {"role": "user", "content": "Tell me about dog licences."},
        {"role": "assistant", "content": "A dog licence must be renewed once a year. [1]"},
    ]
    events_of(answer_stream(actor=amy, question=QUESTION, history=history))
    sent = model.requests[-1]["body"]["messages"]
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[1]["content"] == "Tell me about dog licences."


def test_a_model_that_answers_not_found_gives_the_not_found_text(guidance, amy, model):
    model.script("NOT_FOUND")
    deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert not answer.found and deltas == [answer.answer]
    assert "NOT_FOUND" not in "".join(deltas)


def test_a_model_that_is_down_gives_the_extractive_answer_and_says_so(guidance, amy, model):
    model.fail_next(503)
    deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert answer.engine == "extractive" and answer.found
    assert deltas == [answer.answer] and "HK$80" in answer.answer
    assert answer.notice == "The language model is unavailable, so this answer quotes the documents directly."
    assert not ModelCall.objects.get().ok


def test_the_notice_is_in_the_askers_language(guidance, amy, model):
    model.fail_next(503)
    _deltas, answer = events_of(answer_stream(actor=amy, question="狗隻牌照續期費用是多少？"))
    assert "港幣八十元" in answer.answer
    assert "語言模型" in answer.notice


def test_a_refused_connection_gives_the_extractive_answer(guidance, amy, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.AIPLUS_LLM_BASE_URL = f"http://127.0.0.1:{port}/v1"
    settings.AIPLUS_LLM_MODEL = "fake-chat"
    settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 10
    _deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert answer.engine == "extractive" and answer.notice and "HK$80" in answer.answer
    call = ModelCall.objects.get()
    assert not call.ok and call.attempts == settings.AIPLUS_LLM_MAX_RETRIES + 1


def test_bad_input_fails_before_anything_is_streamed(guidance, amy):
    with pytest.raises(AiplusError):
        answer_stream(actor=amy, question="   ")


def test_a_model_that_breaks_off_mid_answer_is_replaced_by_the_extractive_answer(guidance, amy, model):
    model.break_next_stream(3)
    deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert len(deltas) == 4, "three streamed pieces, then the extractive answer"
    assert answer.engine == "extractive" and answer.notice
    assert deltas[-1] == answer.answer and "HK$80" in answer.answer


def test_a_model_slower_than_the_answer_time_limit_is_given_up(guidance, amy, model, settings):
    events_of(answer_stream(actor=amy, question=QUESTION))  # the search index is built and warm
    AnswerRecord.objects.all().delete()
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 10  # room for a search on a busy machine
    settings.AIPLUS_LLM_TIMEOUT_SECONDS = 30
    model.delay_next(12)
    _deltas, answer = events_of(answer_stream(actor=amy, question=QUESTION))
    assert answer.engine == "extractive" and answer.notice and "HK$80" in answer.answer
    record = AnswerRecord.objects.get()
    assert record.model_unavailable


def test_the_record_of_an_answer_keeps_its_flags_and_whether_the_model_failed(guidance, amy, model):
    model.fail_next(503)
    events_of(answer_stream(actor=amy, question=QUESTION))
    record = AnswerRecord.objects.get()
    assert record.model_unavailable and record.flagged_chunk_ids == []
