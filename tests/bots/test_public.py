"""The public doors of a bot, without sign-in: its page, the widget script and the JSON endpoints behind them,
and the public REST API. None of them reaches a collection the bot was not given."""

import json

import pytest

from aiplus.bots.models import BotExchange, Handoff
from tests.bots.test_services import SECRET_QUESTIONS

CONVERSATION = "a1b2c3d4-0000-4000-8000-000000000001"


def _ask(client, question, *, origin=None, conversation=CONVERSATION, slug="dog-bot"):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(
        f"/bots/{slug}/ask",
        json.dumps({"question": question, "conversation": conversation}),
        content_type="application/json",
        **headers,
    )


def test_the_public_page_needs_no_sign_in(client, dog_bot):
    response = client.get("/bots/dog-bot/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dog licence helper" in page
    assert "/bots/dog-bot/widget.js?mode=page" in page


def test_the_widget_script_carries_the_bots_endpoints_and_labels(client, dog_bot):
    response = client.get("/bots/dog-bot/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    script = response.content.decode()
    assert "http://testserver/bots/dog-bot/ask" in script
    assert "Ask me about dog licences." in script
    assert "aria-live" in script


def test_an_unknown_or_paused_bot_is_not_found(client, alice, dog_bot):
    from aiplus.bots.services import bot_update

    assert client.get("/bots/nobody/").status_code == 404
    bot_update(actor=alice, bot=dog_bot, active=False)
    assert client.get("/bots/dog-bot/").status_code == 404
    assert _ask(client, "dog licence fee?").status_code == 404


def test_ask_answers_with_citations_and_keeps_the_exchange(client, dog_bot):
    response = _ask(client, "How much is the dog licence renewal fee?")
    assert response.status_code == 200
    data = response.json()
    assert data["answered"] is True
    assert "80" in data["answer"]
    assert data["citations"][0]["collection"] == "guidance"
    assert data["speech_language"] == "en-GB"
    assert BotExchange.objects.get(pk=data["exchange"]).question.startswith("How much")


@pytest.mark.parametrize("question", SECRET_QUESTIONS[::3])
def test_every_public_door_declines_private_questions(client, dog_bot, question):
    widget = _ask(client, question, origin="https://www.example.gov.hk").json()
    api = client.post(
        "/api/v1/bots/dog-bot/ask",
        json.dumps({"question": question, "conversation": CONVERSATION}),
        content_type="application/json",
    ).json()
    for reply in (widget, api):
        assert reply["answered"] is False
        assert reply["offer_person"] is True
        assert {c["collection"] for c in reply["citations"]} <= {"guidance"}
        for secret in ("38", "4,200", "四千二百", "三千八百"):
            assert secret not in reply["answer"]


def test_an_allowed_origin_gets_cors_headers_and_others_are_refused(client, dog_bot):
    allowed = _ask(client, "dog licence fee?", origin="https://www.example.gov.hk")
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://www.example.gov.hk"
    preflight = client.options("/bots/dog-bot/ask", HTTP_ORIGIN="https://www.example.gov.hk")
    assert preflight.status_code == 204
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    refused = _ask(client, "dog licence fee?", origin="https://evil.example.com")
    assert refused.status_code == 403
    assert "Access-Control-Allow-Origin" not in refused
    assert BotExchange.objects.count() == 1


@pytest.fixture
def zh_bot(alice, guidance):
    """A bot of the Demo Services Department that speaks Traditional Chinese."""
    from aiplus.bots.services import bot_create

    return bot_create(
        actor=alice,
        slug="zh-bot",
        name="狗牌小幫手",
        department=alice.department,
        collections=["guidance"],
        language="zh-hant",
    )


def test_too_many_questions_get_429_in_the_bots_language(client, settings, zh_bot):
    settings.AIPLUS_BOT_RATE_PER_CLIENT = "2/min"
    assert _ask(client, "狗隻牌照續期費用", slug="zh-bot").status_code == 200
    assert _ask(client, "狗隻牌照續期費用", slug="zh-bot").status_code == 200
    limited = _ask(client, "狗隻牌照續期費用", slug="zh-bot")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert "請" in limited.json()["error"]["message"]


def test_bad_input_gets_a_clear_error_and_stores_nothing(client, dog_bot):
    empty = _ask(client, "")
    assert empty.status_code == 400
    assert "question" in empty.json()["error"]["message"]
    broken = client.post("/bots/dog-bot/ask", "{not json", content_type="application/json")
    assert broken.status_code == 400
    bad_conversation = _ask(client, "dog licence fee?", conversation="x")
    assert bad_conversation.status_code == 400
    assert BotExchange.objects.count() == 0


def test_a_short_conversation_id_is_refused_saying_what_an_id_must_be(client, dog_bot, zh_bot):
    """ "t1" is too short to keep a visitor's conversation apart from others' behind the same address: the
    error says how long an id must be (not that it is a bad slug), in the bot's language."""
    refused = _ask(client, "dog licence fee?", conversation="t1")
    assert refused.status_code == 400
    message = refused.json()["error"]["message"]
    assert "8 to 64 letters, digits and hyphens" in message and "lower-case" not in message
    chinese = _ask(client, "狗隻牌照續期費用", conversation="t1", slug="zh-bot").json()["error"]["message"]
    assert "8 至 64 個英文字母、數字或連字號" in chinese
    assert _ask(client, "dog licence fee?", conversation="Tab-0001").status_code == 200
    assert BotExchange.objects.count() == 1


def test_feedback_and_talk_to_a_person_carry_the_conversation(client, dog_bot):
    first = _ask(client, "How do I renew a dog licence?").json()
    _ask(client, "Can a robot walk my dog for me?")
    rated = client.post(
        "/bots/dog-bot/feedback",
        json.dumps({"exchange": first["exchange"], "rating": "down"}),
        content_type="application/json",
    )
    assert rated.status_code == 200
    assert BotExchange.objects.get(pk=first["exchange"]).rating == -1
    ticket = client.post(
        "/bots/dog-bot/handoff",
        json.dumps({"conversation": CONVERSATION, "contact": "chan@example.com"}),
        content_type="application/json",
    )
    assert ticket.status_code == 201
    handoff = Handoff.objects.get(pk=ticket.json()["handoff"])
    assert [turn["question"] for turn in handoff.transcript] == [
        "How do I renew a dog licence?",
        "Can a robot walk my dog for me?",
    ]
    assert handoff.contact == "chan@example.com"
    assert str(handoff.pk) in ticket.json()["message"]


def test_the_public_api_describes_the_bot_without_a_token(client, dog_bot):
    response = client.get("/api/v1/bots/dog-bot")
    assert response.status_code == 200
    assert response.json()["greeting"] == "Ask me about dog licences."
    assert client.get("/api/v1/bots/nobody").status_code == 404


def test_a_chinese_bots_page_and_widget_speak_chinese(client, zh_bot):
    page = client.get("/bots/zh-bot/").content.decode()
    assert 'lang="zh-Hant-HK"' in page and "示範服務署" in page
    script = client.get("/bots/zh-bot/widget.js").content.decode()
    for label in ("你的問題", "與真人職員對話", "朗讀", "向狗牌小幫手提問"):
        assert label in script
    declined = _ask(client, "我可以帶烏龜搭港鐵嗎？", slug="zh-bot").json()
    assert declined["answered"] is False
    assert "真人職員" in declined["answer"]
