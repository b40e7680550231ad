"""Tests for the fake OpenAI-compatible server, driven through the real openai SDK."""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.request

import openai
import pytest
from openai import OpenAI

from .fake_openai import NOT_FOUND_ANSWER, FakeOpenAI

PROMPT = """Answer only from the passages below and cite them as [n].

[1] (Employee Handbook, page 2) New employees receive a laptop on their first day. IT support
is available around the clock.
[2] (Employee Handbook, page 7) Annual leave is 15 days per year for all staff. Unused days
expire at the end of March.
[3] (Travel Policy, page 1) Economy class is required for flights shorter than six hours.

Question: How many days of annual leave do staff get per year?"""

EXPECTED = "Annual leave is 15 days per year for all staff. [2]"


@pytest.fixture(scope="module")
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def fake(server):
    server.reset()
    return server


@pytest.fixture
def client(fake):
    return OpenAI(base_url=fake.base_url, api_key="test", timeout=10)


def ask(client, prompt, **kwargs):
    return client.chat.completions.create(
        model="fake-chat", messages=[{"role": "user", "content": prompt}], **kwargs
    )


def cosine(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True)) / math.sqrt(
        sum(x * x for x in a) * sum(y * y for y in b)
    )


def test_models_are_listed(client):
    assert {model.id for model in client.models.list()} == {"fake-chat", "fake-embed"}


def test_chat_picks_the_answering_passage_and_cites_it(client, fake):
    response = ask(client, PROMPT)
    assert response.choices[0].message.content == EXPECTED
    assert response.choices[0].finish_reason == "stop"
    usage = response.usage
    assert usage.prompt_tokens > 0 and usage.completion_tokens == len(EXPECTED.split())
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert fake.requests[-1]["path"] == "/v1/chat/completions"
    assert fake.requests[-1]["body"]["messages"][0]["content"] == PROMPT


def test_chat_handles_cjk_passages(client):
    prompt = (
        "[1] 员工工资每月十五日发放。逾期顺延。\n"
        "[2] （员工手册，第3页）年假为每年十天，需提前申请！\n\n"
        "Question: 年假有几天？"
    )
    assert ask(client, prompt).choices[0].message.content == "年假为每年十天，需提前申请！ [2]"


def test_chat_without_matching_passage_or_passages(client):
    unrelated = PROMPT.replace("How many days of annual leave do staff get per year?", "Zebra?")
    assert ask(client, unrelated).choices[0].message.content == NOT_FOUND_ANSWER
    plain = "Summarise this. " * 40
    assert ask(client, plain).choices[0].message.content == plain.strip()[:200]


def test_streaming_yields_the_same_text(client):
    chunks = list(ask(client, PROMPT, stream=True, stream_options={"include_usage": True}))
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 1
    assert "".join(pieces) == ask(client, PROMPT).choices[0].message.content == EXPECTED
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0


def test_scripted_reply_is_returned_once(client, fake):
    fake.script('{"verdict": "ok"}')
    assert ask(client, PROMPT).choices[0].message.content == '{"verdict": "ok"}'
    assert ask(client, PROMPT).choices[0].message.content == EXPECTED


@pytest.mark.parametrize("status", [400, 429, 500, 503])
def test_fail_next_raises_api_status_error(client, fake, status):
    fake.fail_next(status)
    with pytest.raises(openai.APIStatusError) as caught:
        ask(client, PROMPT)
    assert caught.value.status_code == status
    assert caught.value.body["message"]
    assert ask(client, PROMPT).choices[0].message.content == EXPECTED


def test_embeddings_are_deterministic_and_similarity_aware(client):
    texts = [
        "The cat sat on the mat.",
        "A cat was sitting on the mat.",
        "Quarterly revenue grew by ten percent.",
    ]
    first = [d.embedding for d in client.embeddings.create(model="fake-embed", input=texts).data]
    again = [d.embedding for d in client.embeddings.create(model="fake-embed", input=texts).data]
    assert first == again
    assert len(first[0]) == 256 and math.isclose(cosine(first[0], first[0]), 1.0)
    assert cosine(first[0], first[1]) > cosine(first[0], first[2])

    floats = client.embeddings.create(model="fake-embed", input=texts[0], encoding_format="float")
    assert floats.data[0].embedding == pytest.approx(first[0], abs=1e-6)

    zh = client.embeddings.create(
        model="fake-embed", input=["年假为每年十天", "每年年假有十天", "服务器部署在上海机房"], dimensions=64
    ).data
    assert len(zh[0].embedding) == 64
    assert cosine(zh[0].embedding, zh[1].embedding) > cosine(zh[0].embedding, zh[2].embedding)


def post(fake, path, data, headers):
    request = urllib.request.Request(fake.base_url + path, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_request_without_key_gets_401(fake):
    body = json.dumps({"model": "fake-chat", "messages": [{"role": "user", "content": "hi"}]}).encode()
    status, payload = post(fake, "/chat/completions", body, {"Content-Type": "application/json"})
    assert status == 401
    assert payload["error"]["code"] == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        OpenAI(base_url=fake.base_url, api_key="test").models.list(extra_headers={"Authorization": ""})


def test_unknown_path_and_malformed_json(fake):
    auth = {"Authorization": "Bearer test", "Content-Type": "application/json"}
    status, payload = post(fake, "/nope", b"{}", auth)
    assert status == 404 and payload["error"]["type"] == "invalid_request_error"
    status, payload = post(fake, "/chat/completions", b"{not json", auth)
    assert status == 400 and "error" in payload
    assert fake.requests[-1] == {"path": "/v1/chat/completions", "body": "{not json"}
