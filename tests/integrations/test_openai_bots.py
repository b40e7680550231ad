"""Public bots as models of the OpenAI-compatible API, driven by the official ``openai`` client: an active bot
is listed and answers any token from its own collections only, citing the FAQ entry it matched, and declines
in its own words what those collections do not answer."""

import openai
import pytest
from openai import OpenAI

from tests.integrations.conftest import DECLINE

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_BONUS = "How much is the counter staff bonus pool for the dog licence team?"


@pytest.fixture
def client_for(web_server, token_for):
    """``client_for(user)``: an OpenAI client with a token of that user, closed before the server stops."""
    clients = []

    def make(user) -> OpenAI:
        clients.append(OpenAI(base_url=f"{web_server}/v1", api_key=token_for(user), max_retries=0))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def test_active_bots_are_listed_for_any_token_and_paused_ones_for_none(
    client_for, hotline, paused_bot, alice, amy, bob
):
    amy_models = {m.id: m for m in client_for(amy).models.list()}
    assert amy_models["bot:hotline"].owned_by == hotline.department.code
    assert amy_models["bot:hotline"].created > 0
    bob_models = [m.id for m in client_for(bob).models.list()]
    assert "bot:hotline" in bob_models, "a public bot is open to any token, of any department"
    assert "bot:draft-bot" not in amy_models and "bot:draft-bot" not in bob_models
    with pytest.raises(openai.NotFoundError) as paused:
        client_for(alice).chat.completions.create(
            model="bot:draft-bot", messages=[{"role": "user", "content": "How much is the dog licence fee?"}]
        )
    assert paused.value.code == "model_not_found"


def test_a_bot_answers_from_its_faq_citing_the_entry(client_for, hotline, bob):
    completion = client_for(bob).chat.completions.create(
        model="bot:hotline", messages=[{"role": "user", "content": "Where can I get my dog licensed?"}]
    )
    assert completion.model == "bot:hotline"
    assert "HK$80" in completion.choices[0].message.content
    assert completion.model_extra["citations"][0]["source_id"] == "dog-licence"
    info = completion.model_extra["aiplus"]
    assert info["answered"] is True and info["engine"] == "faq"


def test_a_bot_declines_a_private_collection_of_its_own_department(client_for, hotline, amy):
    client = client_for(amy)
    direct = client.chat.completions.create(
        model="aiplus", messages=[{"role": "user", "content": STAFF_BONUS}]
    )
    assert "4,200" in direct.choices[0].message.content, "amy herself may read the staff notes"
    declined = client.chat.completions.create(
        model="bot:hotline", messages=[{"role": "user", "content": STAFF_BONUS}]
    )
    assert declined.choices[0].message.content == DECLINE
    assert declined.model_extra["aiplus"]["answered"] is False
    assert declined.model_extra["citations"] == []


def test_an_unknown_bot_is_an_unknown_model(client_for, hotline, amy):
    with pytest.raises(openai.NotFoundError) as unknown:
        client_for(amy).chat.completions.create(
            model="bot:no-such-bot", messages=[{"role": "user", "content": "Hello?"}]
        )
    assert unknown.value.code == "model_not_found" and unknown.value.param == "model"


def test_a_bot_streams_its_faq_answer_in_one_piece(client_for, hotline, amy):
    stream = client_for(amy).chat.completions.create(
        model="bot:hotline", messages=[{"role": "user", "content": "狗牌喺邊度申請？"}], stream=True
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    pieces = [c.choices[0].delta.content for c in chunks if c.choices[0].delta.content]
    assert len(pieces) == 2, "the FAQ answer whole, then its Sources block"
    assert "八十" in pieces[0] and "資料來源" in pieces[1]
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"][0]["source_id"] == "dog-licence"
    assert chunks[-1].model_extra["aiplus"]["answered"] is True


def test_a_bots_answers_through_the_api_reach_its_review_queue(client_for, hotline, alice, bob):
    """GIVEN a member of another department talking to the hotline through the chat API
    WHEN the bot declines a question, and then answers the next turn of the same conversation
    THEN both exchanges are kept as one conversation, and the declined one waits in the bot's review queue."""
    from aiplus.bots.models import BotExchange
    from aiplus.bots.review import review_queue

    client = client_for(bob)
    first = [{"role": "user", "content": STAFF_BONUS}]
    declined = client.chat.completions.create(model="bot:hotline", messages=first)
    assert declined.choices[0].message.content == DECLINE
    client.chat.completions.create(
        model="bot:hotline",
        messages=[
            *first,
            {"role": "assistant", "content": DECLINE},
            {"role": "user", "content": "Where can I get my dog licensed?"},
        ],
    )
    exchanges = list(BotExchange.objects.filter(bot=hotline).order_by("pk"))
    assert [(e.question, e.answered) for e in exchanges] == [
        (STAFF_BONUS, False),
        ("Where can I get my dog licensed?", True),
    ]
    assert exchanges[0].conversation == exchanges[1].conversation
    assert exchanges[1].engine == "faq" and exchanges[1].sources == ["dog-licence"]
    assert [e.question for e in review_queue(actor=alice, bot=hotline).declined] == [STAFF_BONUS]


def test_the_bots_limit_applies_to_each_api_user(client_for, hotline, settings, amy, bob):
    """A token asking a bot faster than the bot's per-visitor limit is told to wait, in OpenAI's shape with
    Retry-After; another user, and the same user's own collections, are not held back."""
    settings.AIPLUS_BOT_RATE_PER_CLIENT = "2/min"
    question = [{"role": "user", "content": "Where can I get my dog licensed?"}]
    amy_client = client_for(amy)
    for _turn in range(2):
        amy_client.chat.completions.create(model="bot:hotline", messages=question)
    with pytest.raises(openai.RateLimitError) as limited:
        amy_client.chat.completions.create(model="bot:hotline", messages=question)
    assert int(limited.value.response.headers["Retry-After"]) >= 1
    assert limited.value.code == "rate_limit_exceeded"
    assert client_for(bob).chat.completions.create(model="bot:hotline", messages=question).choices
    assert amy_client.chat.completions.create(model="aiplus", messages=question).choices
