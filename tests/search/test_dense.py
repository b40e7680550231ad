"""With an embeddings endpoint configured, passages get vectors and search fuses them with BM25."""

import pytest

from aiplus.documents.models import Chunk
from aiplus.documents.services import collection_create
from aiplus.llm.models import ModelCall
from aiplus.search.services import search
from tests.conftest import DOG_EN, DOG_ZH, HAWKER_ZH, add_text
from tests.support.fake_openai import FakeOpenAI


@pytest.fixture
def embeddings(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_EMBEDDINGS_BASE_URL = server.base_url
        settings.AIPLUS_EMBEDDINGS_API_KEY = "test-key"
        settings.AIPLUS_EMBEDDINGS_MODEL = "fake-embed"
        yield server


def test_passages_are_embedded_and_search_fuses_both_rankings(alice, amy, embeddings):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    for source_id, text in [("dog-en.txt", DOG_EN), ("dog-zh.txt", DOG_ZH), ("hawker-zh.txt", HAWKER_ZH)]:
        add_text(collection, alice, source_id, text)
    assert not Chunk.objects.filter(collection=collection, embedding__isnull=True).exists()
    hits = search(actor=amy, query="小販牌照申請費", collections=[collection])
    assert hits[0].source_id == "hawker-zh.txt"
    assert ModelCall.objects.filter(kind="embeddings", flow="search.query", ok=True).exists()


def test_a_failing_embeddings_endpoint_leaves_keyword_search_working(alice, amy, embeddings):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    embeddings.fail_next(503)
    outcome = add_text(collection, alice, "dog-en.txt", DOG_EN)
    assert outcome.document.status == "ready"
    assert Chunk.objects.get(document=outcome.document).embedding is None
    assert (
        search(actor=amy, query="dog licence renewal", collections=[collection])[0].source_id == "dog-en.txt"
    )


def test_an_update_appends_and_drops_vectors_as_a_full_build(alice, embeddings, monkeypatch):
    import numpy as np

    from aiplus.documents.models import Document
    from aiplus.documents.services import document_delete
    from aiplus.search import services

    monkeypatch.setattr(services, "REBUILD_SHARE", 10.0)
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    add_text(collection, alice, "dog-zh.txt", DOG_ZH)
    assert services.collection_index(collection.pk).vectors is not None
    add_text(collection, alice, "hawker-zh.txt", HAWKER_ZH)
    document_delete(actor=alice, document_id=Document.objects.get(source_id="dog-en.txt").pk)
    index = services.collection_index(collection.pk)
    full = services._built(collection.pk, index.version)
    assert index.changes > 0
    np.testing.assert_array_equal(index.vectors, full.vectors)
