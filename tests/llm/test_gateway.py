"""The model gateway: the department's own endpoint, bounded retries that honour Retry-After, timeouts, and
tokens and latency recorded for every call, streamed ones included."""

import time
from email.utils import formatdate

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm import services as llm
from aiplus.llm.endpoints import chat_endpoint
from aiplus.llm.models import DepartmentModel, ModelCall
from aiplus.llm.retries import backoff_seconds, retry_after_seconds
from aiplus.llm.services import StreamBroken, sse_json_events
from tests.support.fake_openai import FakeOpenAI
from tests.support.fake_replies import count_tokens

HELLO = [{"role": "user", "content": "Say hello."}]


@pytest.fixture
def model(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        settings.AIPLUS_LLM_MAX_RETRIES = 2
        settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 10
        settings.AIPLUS_LLM_RETRY_MAX_SECONDS = 5
        yield server


def say(actor, **detail):
    return llm.chat(actor=actor, flow="test.hello", messages=HELLO, **detail)


def test_a_server_error_is_retried_until_the_model_answers(amy, model):
    model.script("Hello.")
    model.fail_next(503, should_retry=None)
    model.fail_next(500, should_retry=None)
    assert say(amy).text == "Hello."
    call = ModelCall.objects.get()
    assert call.ok and call.attempts == 3
    assert len(model.requests) == 3


def test_retries_are_bounded(amy, model):
    for _ in range(3):
        model.fail_next(503, should_retry=None)
    with pytest.raises(AiplusError) as caught:
        say(amy)
    assert caught.value.code == ErrorCode.MODEL_UNAVAILABLE
    call = ModelCall.objects.get()
    assert not call.ok and call.attempts == 3 and "503" in call.error


def test_a_rate_limit_waits_as_long_as_the_server_asks(amy, model):
    model.fail_next(429, retry_after=1, should_retry=None)
    started = time.monotonic()
    say(amy)
    assert time.monotonic() - started >= 1.0
    assert ModelCall.objects.get().attempts == 2


def test_a_server_asking_for_a_longer_wait_than_allowed_is_not_waited_for(amy, model):
    model.fail_next(429, retry_after=60, should_retry=None)
    started = time.monotonic()
    with pytest.raises(AiplusError):
        say(amy)
    assert time.monotonic() - started < 5
    assert ModelCall.objects.get().attempts == 1


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_request_the_server_refuses_is_not_retried(amy, model, status):
    model.fail_next(status, should_retry=None)
    with pytest.raises(AiplusError):
        say(amy)
    assert len(model.requests) == 1


def test_the_server_can_say_not_to_retry(amy, model):
    model.fail_next(503)  # sends x-should-retry: false
    with pytest.raises(AiplusError):
        say(amy)
    assert len(model.requests) == 1


def test_a_model_slower_than_the_timeout_is_given_up(amy, model, settings):
    settings.AIPLUS_LLM_TIMEOUT_SECONDS = 1
    settings.AIPLUS_LLM_MAX_RETRIES = 0
    model.delay_next(3)
    started = time.monotonic()
    with pytest.raises(AiplusError) as caught:
        say(amy)
    assert caught.value.code == ErrorCode.MODEL_UNAVAILABLE
    assert time.monotonic() - started < 2.9
    assert "timed out" in ModelCall.objects.get().error.lower()


def test_backoff_doubles_and_is_capped(settings):
    settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 1000
    settings.AIPLUS_LLM_RETRY_MAX_SECONDS = 3
    assert 0.75 <= backoff_seconds(0) <= 1.0
    assert 1.5 <= backoff_seconds(1) <= 2.0
    assert 2.25 <= backoff_seconds(5) <= 3.0


def test_retry_after_is_read_in_seconds_milliseconds_or_as_a_date():
    assert retry_after_seconds({"retry-after": "2"}) == 2.0
    assert retry_after_seconds({"retry-after-ms": "250"}) == 0.25
    assert 8 <= retry_after_seconds({"retry-after": formatdate(time.time() + 10, usegmt=True)}) <= 10
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_a_streamed_call_records_its_tokens_and_time_to_first_token(amy, model):
    model.script("Hello there, dog owners of Hong Kong.")
    pieces = list(llm.chat_stream(actor=amy, flow="test.hello", messages=HELLO))
    assert len(pieces) > 1 and "".join(pieces) == "Hello there, dog owners of Hong Kong."
    call = ModelCall.objects.get()
    assert call.streamed and call.ok and call.actor == amy and call.department == amy.department
    assert call.completion_tokens == count_tokens("Hello there, dog owners of Hong Kong.")
    assert call.prompt_tokens == count_tokens("Say hello.")
    assert 0 <= call.first_token_milliseconds <= call.milliseconds


def test_a_stream_the_reader_leaves_early_is_still_recorded(amy, model):
    model.script("One two three four five.")
    stream = llm.chat_stream(actor=amy, flow="test.hello", messages=HELLO)
    assert next(stream)
    stream.close()
    call = ModelCall.objects.get()
    assert call.streamed and call.detail["abandoned"] and call.first_token_milliseconds is not None


def test_a_stream_is_retried_before_its_first_token(amy, model):
    model.fail_next(502, should_retry=None)
    assert "".join(llm.chat_stream(actor=amy, flow="test.hello", messages=HELLO))
    assert ModelCall.objects.get().attempts == 2


def test_a_plain_call_records_tokens_and_latency(amy, model):
    model.script("Hello.")
    say(amy)
    call = ModelCall.objects.get()
    assert not call.streamed and call.completion_tokens == 1
    assert call.first_token_milliseconds is not None and call.first_token_milliseconds <= call.milliseconds


def test_a_department_with_its_own_model_is_served_by_it(amy, bob, model, dsd):
    with FakeOpenAI() as own:
        DepartmentModel.objects.create(department=dsd, base_url=own.base_url, model="dsd-chat", api_key="k")
        say(amy)
        say(bob)
        assert [r["body"]["model"] for r in own.requests] == ["dsd-chat"]
        assert [r["body"]["model"] for r in model.requests] == ["fake-chat"]
    by_actor = {c.actor.username: (c.model, c.department.code) for c in ModelCall.objects.all()}
    assert by_actor == {"amy": ("dsd-chat", "dsd"), "bob": ("fake-chat", "hpd")}


def test_blank_department_fields_fall_back_to_the_global_settings(amy, model, dsd):
    DepartmentModel.objects.create(department=dsd, model="dsd-small")
    say(amy)
    assert model.requests[-1]["body"]["model"] == "dsd-small"


def test_a_department_can_keep_its_questions_away_from_every_model(amy, bob, model, dsd):
    DepartmentModel.objects.create(department=dsd, use_model=False)
    assert not llm.chat_configured(amy)
    assert llm.chat_configured(bob)
    with pytest.raises(AiplusError):
        say(amy)
    assert model.requests == []


def test_a_stream_that_breaks_off_is_a_failure_not_a_short_answer(amy, model):
    model.script("One two three four five six.")
    model.break_next_stream(2)
    received = []
    with pytest.raises(AiplusError) as caught:
        for piece in llm.chat_stream(actor=amy, flow="test.hello", messages=HELLO):
            received.append(piece)
    assert caught.value.code == ErrorCode.MODEL_UNAVAILABLE
    assert len(received) == 2
    call = ModelCall.objects.get()
    assert not call.ok and call.streamed and call.first_token_milliseconds is not None
    assert call.detail["pieces"] == 2


def test_server_sent_events_are_read_as_the_standard_says():
    lines = [
        ": keep-alive",
        'data: {"a": 1}',
        "",
        "data: {",
        'data: "b": 2}',
        "",
        "event: x",
        "data: [DONE]",
        "",
        'data: {"c": 3}',
    ]
    assert list(sse_json_events(iter(lines))) == [{"a": 1}, {"b": 2}]


def test_a_stream_of_garbage_is_a_failure(amy, settings):
    with pytest.raises(StreamBroken):
        list(sse_json_events(iter(["data: <html>", ""])))


def test_a_call_made_for_a_department_uses_its_model_whoever_asks(model, dsd):
    """A public bot asks with no signed-in user, for its own department."""
    with FakeOpenAI() as own:
        DepartmentModel.objects.create(department=dsd, base_url=own.base_url, model="dsd-chat", api_key="k")
        assert llm.chat_configured(None, department=dsd)
        llm.chat(actor=None, flow="test.bot", messages=HELLO, department=dsd)
        assert [r["body"]["model"] for r in own.requests] == ["dsd-chat"]
    call = ModelCall.objects.get()
    assert call.actor is None and call.department == dsd and call.model == "dsd-chat"


def test_a_departments_own_endpoint_never_receives_the_global_key(amy, dsd, model):
    DepartmentModel.objects.create(department=dsd, base_url="http://10.0.0.5:8000/v1", model="dsd-chat")
    assert chat_endpoint(amy).api_key == ""
    DepartmentModel.objects.filter(department=dsd).update(base_url="")
    assert chat_endpoint(amy).api_key == "test-key", "the global endpoint keeps its own key"
