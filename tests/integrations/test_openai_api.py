"""The OpenAI-compatible chat API, driven by the official ``openai`` client against aiplus served by waitress:
models are the collections a token may read, answers carry citations (in the text and machine-readable),
streaming gives proper chunks, and errors come in OpenAI's shape in the asker's language."""

import httpx2
import openai
import pytest
from openai import OpenAI

pytestmark = pytest.mark.django_db(transaction=True)

DOG_FEE = "How much is the dog licence renewal fee?"


def _client(web_server, key, **headers) -> OpenAI:
    return OpenAI(base_url=f"{web_server}/v1", api_key=key, max_retries=0, default_headers=headers or None)


def test_models_are_the_collections_the_token_may_read(web_server, token_for, guidance, pier_notes, amy, bob):
    amy_models = [m.id for m in _client(web_server, token_for(amy)).models.list()]
    assert amy_models == ["aiplus", "collection:guidance"]
    bob_models = [m.id for m in _client(web_server, token_for(bob)).models.list()]
    assert bob_models == ["aiplus", "collection:guidance", "collection:pier-notes"]


def test_a_question_gets_a_cited_answer(web_server, token_for, guidance, amy):
    completion = _client(web_server, token_for(amy)).chat.completions.create(
        model="collection:guidance", messages=[{"role": "user", "content": DOG_FEE}]
    )
    text = completion.choices[0].message.content
    assert "HK$80. [1]" in text
    assert "Sources:\n[1] Dog licence renewal (guidance, page 1)" in text
    assert completion.choices[0].finish_reason == "stop"
    citations = completion.model_extra["citations"]
    assert citations[0]["source_id"] == "dog-en.txt" and "HK$80" in citations[0]["quote"]
    assert completion.model_extra["aiplus"]["answered"] is True


def test_streaming_gives_chunks_ending_with_the_citations(web_server, token_for, guidance, amy):
    stream = _client(web_server, token_for(amy)).chat.completions.create(
        model="aiplus",
        messages=[
            {"role": "system", "content": "Answer briefly."},
            {"role": "user", "content": "狗隻牌照續期費用是多少？"},
        ],
        stream=True,
    )
    chunks = list(stream)
    assert {c.object for c in chunks} == {"chat.completion.chunk"}
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "港幣八十元" in text and "資料來源：" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"][0]["source_id"] == "dog-zh.txt"


def test_another_departments_collection_is_an_unknown_model(web_server, token_for, guidance, pier_notes, amy):
    client = _client(web_server, token_for(amy))
    with pytest.raises(openai.NotFoundError) as refused:
        client.chat.completions.create(
            model="collection:pier-notes", messages=[{"role": "user", "content": "What is the budget?"}]
        )
    assert refused.value.code == "model_not_found"
    chinese = _client(web_server, token_for(amy), **{"Accept-Language": "zh-hant"})
    with pytest.raises(openai.NotFoundError) as unknown:
        chinese.chat.completions.create(
            model="collection:no-such-thing", messages=[{"role": "user", "content": "預算是多少？"}]
        )
    assert "不存在" in unknown.value.message
    combined = client.chat.completions.create(
        model="aiplus", messages=[{"role": "user", "content": "What is the pier relocation budget?"}]
    )
    assert "38" not in combined.choices[0].message.content
    assert combined.model_extra["aiplus"]["answered"] is False


def test_a_wrong_key_is_refused_in_the_askers_language(web_server, guidance):
    with pytest.raises(openai.AuthenticationError) as refused:
        _client(web_server, "aip_wrong").models.list()
    assert refused.value.code == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError) as chinese:
        _client(web_server, "aip_wrong", **{"Accept-Language": "zh-hant"}).models.list()
    assert "權杖" in chinese.value.message


def test_malformed_requests_are_400_with_openai_errors(web_server, token_for, guidance, amy):
    key = token_for(amy)
    client = _client(web_server, key, **{"Accept-Language": "zh-hant"})
    with pytest.raises(openai.BadRequestError) as no_question:
        client.chat.completions.create(model="aiplus", messages=[{"role": "assistant", "content": "Hello"}])
    assert no_question.value.code == "last_message_not_user" and "user" in no_question.value.message
    with pytest.raises(openai.BadRequestError) as empty:
        client.chat.completions.create(model="aiplus", messages=[{"role": "user", "content": "  "}])
    assert empty.value.param == "question"
    raw = httpx2.post(
        f"{web_server}/v1/chat/completions",
        content=b"{not json",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    assert raw.status_code == 400 and set(raw.json()["error"]) == {"message", "type", "param", "code"}
    missing = httpx2.post(
        f"{web_server}/v1/chat/completions",
        json={"model": "aiplus"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "messages"


def test_the_rest_apis_rate_limit_applies(web_server, token_for, guidance, amy, settings):
    settings.AIPLUS_API_RATE_PER_USER = "2/min"
    client = _client(web_server, token_for(amy))
    client.models.list()
    client.models.list()
    with pytest.raises(openai.RateLimitError) as limited:
        client.models.list()
    assert limited.value.response.headers["Retry-After"]


def test_history_turns_are_accepted_and_the_last_user_message_is_answered(
    web_server, token_for, guidance, amy
):
    completion = _client(web_server, token_for(amy)).chat.completions.create(
        model="collection:guidance",
        messages=[
            {"role": "user", "content": "Tell me about hawker licences."},
            {
                "role": "assistant",
                "content": "A hawker licence application takes about fifteen working days.",
            },
            {"role": "user", "content": [{"type": "text", "text": DOG_FEE}]},
        ],
        temperature=0.2,
        max_tokens=200,
    )
    assert "HK$80" in completion.choices[0].message.content


@pytest.fixture
def model(settings):
    """The stand-in model server, configured as aiplus's model."""
    from tests.support.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 10
        yield server


def test_with_a_model_the_answer_streams_in_pieces_and_the_conversation_reaches_it(
    web_server, token_for, guidance, amy, model
):
    stream = _client(web_server, token_for(amy)).chat.completions.create(
        model="collection:guidance",
        messages=[
            {"role": "system", "content": "You are a pirate."},
            {"role": "user", "content": "Tell me about dog licences."},
            {"role": "assistant", "content": "A dog licence must be renewed once a year. [1]"},
            {"role": "user", "content": DOG_FEE},
        ],
        stream=True,
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices[0].delta.content]
    assert len(pieces) > 3, "a generated answer arrives in several pieces"
    assert chunks[-1].model_extra["aiplus"]["engine"] == "generative"
    assert chunks[-1].model_extra["citations"][0]["source_id"] == "dog-en.txt"
    assert "Sources:\n[1]" in "".join(pieces)
    sent = model.requests[-1]["body"]["messages"]
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[1]["content"] == "Tell me about dog licences."
    assert "pirate" not in sent[0]["content"], "the client's system message does not steer aiplus's model"


def test_when_the_model_is_down_the_extractive_answer_comes_with_a_notice(
    web_server, token_for, guidance, amy, model, settings
):
    settings.AIPLUS_LLM_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens there
    completion = _client(web_server, token_for(amy)).chat.completions.create(
        model="collection:guidance", messages=[{"role": "user", "content": DOG_FEE}]
    )
    info = completion.model_extra["aiplus"]
    assert info["engine"] == "extractive" and info["notice"]
    assert "HK$80" in completion.choices[0].message.content
    assert info["notice"] in completion.choices[0].message.content
