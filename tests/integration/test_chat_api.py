"""Chats through the REST API with a token: create, list, ask (whole and streamed as server-sent events),
rename, delete; nobody reaches another person's chat, or a collection they may not read."""

from django.test import Client

from aiplus.core.services import api_token_create
from tests.chat.test_views import sse_events


def _client_for(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_conversation_through_the_api(amy, guidance):
    api = _client_for(amy)
    created = api.post("/api/v1/chats", {"collections": ["guidance"]}, content_type="application/json")
    assert created.status_code == 201, created.content
    chat = created.json()
    assert chat["collections"] == ["guidance"] and chat["turns"] == 0

    first = api.post(
        f"/api/v1/chats/{chat['id']}/messages",
        {"question": "How do I renew a dog licence?"},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["found"]

    streamed = api.post(
        f"/api/v1/chats/{chat['id']}/messages",
        {"question": "How much is it?", "stream": True},
        content_type="application/json",
    )
    assert streamed.status_code == 200
    assert streamed["Content-Type"].startswith("text/event-stream")
    events = sse_events(b"".join(streamed.streaming_content))
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "turn" and kinds[-1] == "done" and "delta" in kinds
    assert events[0][1]["rewrite"] == "topics" and "dog licence" in events[0][1]["query"]
    turn = events[-1][1]["turn"]
    assert "HK$80" in turn["answer"] and turn["citations"][0]["url"].endswith("#passage")

    listed = api.get("/api/v1/chats").json()
    assert [c["id"] for c in listed] == [chat["id"]] and listed[0]["turns"] == 2
    assert listed[0]["title"] == "How do I renew a dog licence?"
    detail = api.get(f"/api/v1/chats/{chat['id']}").json()
    assert [m["question"] for m in detail["messages"]] == ["How do I renew a dog licence?", "How much is it?"]

    renamed = api.patch(f"/api/v1/chats/{chat['id']}", {"title": "狗牌"}, content_type="application/json")
    assert renamed.status_code == 200 and renamed.json()["title"] == "狗牌"
    assert api.delete(f"/api/v1/chats/{chat['id']}").status_code == 204
    assert api.get(f"/api/v1/chats/{chat['id']}").status_code == 404


def test_nobody_reaches_another_persons_chat(amy, bob, guidance, pier_notes):
    amys = _client_for(amy)
    chat = amys.post("/api/v1/chats", {"title": "Amy's"}, content_type="application/json").json()
    bobs = _client_for(bob)
    assert bobs.get("/api/v1/chats").json() == []
    for response in (
        bobs.get(f"/api/v1/chats/{chat['id']}"),
        bobs.patch(f"/api/v1/chats/{chat['id']}", {"title": "x"}, content_type="application/json"),
        bobs.delete(f"/api/v1/chats/{chat['id']}"),
        bobs.post(
            f"/api/v1/chats/{chat['id']}/messages",
            {"question": "dog", "stream": True},
            content_type="application/json",
        ),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    refused = amys.post("/api/v1/chats", {"collections": ["pier-notes"]}, content_type="application/json")
    assert refused.status_code == 404
    assert amys.get(f"/api/v1/chats/{chat['id']}").json()["title"] == "Amy's"


def test_bad_input_gets_a_clear_error_before_anything_streams(amy):
    api = _client_for(amy)
    chat = api.post("/api/v1/chats", {}, content_type="application/json").json()
    blank = api.post(
        f"/api/v1/chats/{chat['id']}/messages",
        {"question": "", "stream": True},
        content_type="application/json",
        headers={"Accept-Language": "zh-hant"},
    )
    assert blank.status_code == 400 and blank["Content-Type"].startswith("application/json")
    assert blank.json()["error"]["field"] == "question" and "問題" in blank.json()["error"]["message"]
    long_title = api.patch(
        f"/api/v1/chats/{chat['id']}", {"title": "x" * 300}, content_type="application/json"
    )
    assert long_title.status_code == 400
    assert api.get(f"/api/v1/chats/{chat['id']}").json()["messages"] == []


def test_with_a_model_the_follow_up_is_rewritten_and_the_answer_streams_in_pieces(amy, guidance, settings):
    """With the stand-in model server: the model rewrites the follow-up with the conversation, then writes the
    answer, which reaches the client in several delta events that join to the stored answer."""
    from aiplus.llm.models import ModelCall
    from tests.support.fake_openai import FakeOpenAI

    api = _client_for(amy)
    chat = api.post("/api/v1/chats", {"collections": ["guidance"]}, content_type="application/json").json()
    api.post(
        f"/api/v1/chats/{chat['id']}/messages",
        {"question": "How do I renew a dog licence?"},
        content_type="application/json",
    )
    with FakeOpenAI() as model:
        settings.AIPLUS_LLM_BASE_URL = model.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        model.script("How much is the dog licence renewal fee?")
        streamed = api.post(
            f"/api/v1/chats/{chat['id']}/messages",
            {"question": "How much is it?", "stream": True},
            content_type="application/json",
        )
        events = sse_events(b"".join(streamed.streaming_content))
        rewrite_request = model.requests[0]["body"]["messages"][-1]["content"]
    assert "How do I renew a dog licence?" in rewrite_request
    assert events[0][1]["rewrite"] == "model"
    assert events[0][1]["query"] == "How much is the dog licence renewal fee?"
    deltas = [data["text"] for kind, data in events if kind == "delta"]
    turn = events[-1][1]["turn"]
    assert len(deltas) > 3 and "".join(deltas) == turn["answer"]
    assert turn["engine"] == "generative" and turn["citations"][0]["url"].endswith("#passage")
    assert set(ModelCall.objects.values_list("flow", flat=True)) == {"chat.rewrite", "assistant.answer"}
