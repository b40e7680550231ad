"""The ask page, through Django's test client."""

from django.urls import reverse


def test_ask_page_answers_with_citations(client, amy, guidance):
    client.force_login(amy)
    response = client.get(reverse("assistant:ask"), {"q": "How much is the dog licence renewal fee?"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "HK$80" in page
    assert 'class="citation"' in page
    assert "/passage/" in page
    assert 'class="hit"' in page


def test_ask_page_in_one_collection(client, amy, guidance):
    client.force_login(amy)
    response = client.get(reverse("assistant:ask"), {"q": "狗牌續期費用", "collection": "guidance"})
    assert response.status_code == 200
    assert "港幣八十元" in response.content.decode()


def test_ask_page_says_when_nothing_is_found(client, amy, guidance):
    client.force_login(amy)
    response = client.get(reverse("assistant:ask"), {"q": "quantum chromodynamics lattice"})
    assert response.status_code == 200
    assert "I could not find an answer to this in the documents you can access." in response.content.decode()


def test_ask_page_never_shows_hidden_passages(client, bob, alice, guidance):
    from aiplus.documents.services import collection_create
    from tests.conftest import add_text

    private = collection_create(
        actor=alice, slug="dsd-private", name="DSD private", department=alice.department, visibility="private"
    )
    add_text(
        private, alice, "secret.txt", "Secret memo: the dog licence renewal fee will rise to HK$95 next year."
    )
    client.force_login(bob)
    response = client.get(reverse("assistant:ask"), {"q": "dog licence renewal fee next year"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "HK$95" not in page
    assert "Secret memo" not in page
    # Naming the hidden collection is the same 404 as naming one that does not exist.
    response = client.get(reverse("assistant:ask"), {"q": "fee", "collection": "dsd-private"})
    assert response.status_code == 404


def test_ask_page_requires_sign_in(client):
    response = client.get(reverse("assistant:ask"), {"q": "fee"})
    assert response.status_code == 302


def test_ask_page_says_when_the_model_is_down(client, amy, guidance, settings):
    from tests.support.fake_openai import FakeOpenAI

    with FakeOpenAI() as model:
        settings.AIPLUS_LLM_BASE_URL = model.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        model.fail_next(503)
        client.force_login(amy)
        response = client.get(reverse("assistant:ask"), {"q": "狗隻牌照續期費用是多少？"})
    page = response.content.decode()
    assert "港幣八十元" in page
    assert 'class="notice model-notice"' in page
    assert "語言模型暫時未能使用" in page
