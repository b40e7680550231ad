"""Passages get vectors in background work after they are searchable by keywords, and search fuses the two."""

import numpy as np
import pytest

from aiplus.documents.models import Chunk, Document
from aiplus.documents.services import collection_create, document_delete
from aiplus.llm import embeddings as embedding_service
from aiplus.llm.models import ModelCall
from aiplus.search import services
from aiplus.search.models import CollectionVectors, PassageVector, VectorStatus
from aiplus.search.services import search
from aiplus.search.vectors import text_hash, vector_progress, vectors_fill, vectors_rebuild, vectors_wait
from tests.conftest import DOG_EN, DOG_ZH, HAWKER_ZH, add_text
from tests.support.fake_openai import FakeOpenAI

HAWKER_EN = (
    "Hawker licence applications\n\nTo apply for a hawker licence, submit the application form and a copy of "
    "your identity card. Approval takes about fifteen working days and the fee is HK$200."
)
LIBRARY_EN = (
    "Library cards\n\nResidents can borrow up to eight books with a library card. Cards are free and are "
    "issued at any public library counter on showing proof of address."
)


@pytest.fixture
def embeddings(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_EMBEDDINGS_BASE_URL = server.base_url
        settings.AIPLUS_EMBEDDINGS_API_KEY = "test-key"
        settings.AIPLUS_EMBEDDINGS_MODEL = "fake-embed"
        embedding_service.query_cache_clear()
        yield server
    embedding_service.query_cache_clear()


def _embedded_texts() -> int:
    return sum(
        call.detail.get("texts", 0) for call in ModelCall.objects.filter(flow="search.vectors", ok=True)
    )


def test_a_document_is_searchable_before_its_vectors_and_fused_search_uses_them_after(alice, amy, embeddings):
    """GIVEN documents just read WHEN nobody has filled their vectors yet THEN keyword search finds them and
    the query is not embedded; once the vectors are filled search embeds the query and fuses both."""
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    for source_id, text in [("dog-en.txt", DOG_EN), ("dog-zh.txt", DOG_ZH), ("hawker-zh.txt", HAWKER_ZH)]:
        add_text(collection, alice, source_id, text)
    assert Chunk.objects.filter(collection=collection, embedding__isnull=True).count() == 3
    assert vector_progress(collection).as_dict() | {"model": ""} == {
        "done": 0,
        "total": 3,
        "model": "",
        "state": "working",
        "error": "",
    }
    assert search(actor=amy, query="小販牌照申請費", collections=[collection])[0].source_id == "hawker-zh.txt"
    assert not ModelCall.objects.filter(flow="search.query").exists()

    progress = vectors_wait(collection=collection)
    assert (progress.done, progress.total, progress.state, progress.model) == (3, 3, "ready", "fake-embed")
    assert not Chunk.objects.filter(collection=collection, embedding__isnull=True).exists()
    assert search(actor=amy, query="小販牌照申請費", collections=[collection])[0].source_id == "hawker-zh.txt"
    assert ModelCall.objects.filter(kind="embeddings", flow="search.query", ok=True).count() == 1


def test_the_same_question_is_embedded_once(alice, amy, embeddings):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    vectors_wait(collection=collection)
    for _ in range(3):
        search(actor=amy, query="dog licence fee", collections=[collection])
    assert ModelCall.objects.filter(flow="search.query").count() == 1


def test_an_identical_passage_reuses_its_kept_vector(alice, embeddings):
    """GIVEN a passage embedded in one collection WHEN the same text is ingested into another THEN its vector
    is taken from the kept vectors, not embedded again."""
    first = collection_create(actor=alice, slug="first", name="First", department=alice.department)
    second = collection_create(actor=alice, slug="second", name="Second", department=alice.department)
    add_text(first, alice, "dog-en.txt", DOG_EN)
    vectors_wait(collection=first)
    assert _embedded_texts() == 1
    add_text(second, alice, "dog-en-copy.txt", DOG_EN)
    add_text(second, alice, "hawker-en.txt", HAWKER_EN)
    vectors_wait(collection=second)
    assert _embedded_texts() == 2  # only the hawker passage was new
    assert PassageVector.objects.filter(model="fake-embed").count() == 2
    copy = Chunk.objects.get(document__source_id="dog-en-copy.txt")
    original = Chunk.objects.get(document__source_id="dog-en.txt")
    assert bytes(copy.embedding) == bytes(original.embedding)


def test_kept_vectors_of_deleted_passages_are_pruned_by_the_next_vectors_work(alice, embeddings):
    """GIVEN two embedded documents, one of them with a copy in another collection WHEN the one without a copy
    and the copied one in the first collection are deleted, and the vectors work runs again for a new document
    THEN only the vector no passage has any more is gone; the copy's is kept."""
    first = collection_create(actor=alice, slug="first", name="First", department=alice.department)
    second = collection_create(actor=alice, slug="second", name="Second", department=alice.department)
    dog = add_text(first, alice, "dog-en.txt", DOG_EN).document
    hawker = add_text(first, alice, "hawker-en.txt", HAWKER_EN).document
    add_text(second, alice, "dog-en-copy.txt", DOG_EN)
    vectors_wait(collection=first)
    vectors_wait(collection=second)
    assert PassageVector.objects.count() == 2
    document_delete(actor=alice, document_id=dog.pk)
    document_delete(actor=alice, document_id=hawker.pk)
    add_text(first, alice, "library-en.txt", LIBRARY_EN)
    vectors_wait(collection=first)
    kept = set(PassageVector.objects.values_list("text_hash", flat=True))
    assert kept == {text_hash(text) for text in Chunk.objects.values_list("text", flat=True)}
    assert len(kept) == 2, "the dog passage (still in the second collection) and the library one"
    assert (
        search(actor=alice, query="dog licence fee", collections=[second])[0].source_id == "dog-en-copy.txt"
    )


def test_a_failing_embeddings_endpoint_leaves_keyword_search_working(alice, amy, embeddings):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    outcome = add_text(collection, alice, "dog-en.txt", DOG_EN)
    assert outcome.document.status == "ready"
    embeddings.fail_next(503)
    work = CollectionVectors.objects.get(collection=collection)
    assert vectors_fill(work_id=work.pk) == "failed"
    assert vector_progress(collection).state == "failed"
    assert Chunk.objects.get(document=outcome.document).embedding is None
    hits = search(actor=amy, query="dog licence renewal", collections=[collection])
    assert hits[0].source_id == "dog-en.txt"


def test_vectors_of_another_model_are_never_compared_until_the_collection_is_embedded_again(
    alice, amy, embeddings, settings
):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    add_text(collection, alice, "hawker-en.txt", HAWKER_EN)
    vectors_wait(collection=collection)
    settings.AIPLUS_EMBEDDINGS_MODEL = "fake-embed-2"
    assert vector_progress(collection).state == "stale"
    assert search(actor=amy, query="dog licence", collections=[collection])[0].source_id == "dog-en.txt"
    assert not ModelCall.objects.filter(flow="search.query", model="fake-embed-2").exists()

    vectors_rebuild(collection=collection)
    assert Chunk.objects.filter(collection=collection, embedding__isnull=True).count() == 2
    progress = vectors_wait(collection=collection)
    assert (progress.state, progress.model, progress.done) == ("ready", "fake-embed-2", 2)
    search(actor=amy, query="dog licence", collections=[collection])
    assert ModelCall.objects.filter(flow="search.query", model="fake-embed-2").exists()


def test_an_update_appends_and_drops_vectors_as_a_full_build(alice, embeddings, monkeypatch):
    monkeypatch.setattr(services, "REBUILD_SHARE", 10.0)
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    add_text(collection, alice, "dog-zh.txt", DOG_ZH)
    assert not services.collection_index(collection.pk).has_vector.any()
    vectors_wait(collection=collection)
    assert services.collection_index(collection.pk).has_vector.all()  # filled in by an update
    add_text(collection, alice, "hawker-zh.txt", HAWKER_ZH)
    document_delete(actor=alice, document_id=Document.objects.get(source_id="dog-en.txt").pk)
    vectors_wait(collection=collection)
    index = services.collection_index(collection.pk)
    full = services._built(collection.pk, index.version, index.vector_model)
    assert index.changes > 0
    np.testing.assert_array_equal(index.vectors, full.vectors)
    assert index.has_vector.all()


def test_work_queued_for_a_collection_stays_one_job(alice, embeddings):
    collection = collection_create(actor=alice, slug="dense", name="Dense", department=alice.department)
    add_text(collection, alice, "dog-en.txt", DOG_EN)
    add_text(collection, alice, "hawker-en.txt", HAWKER_EN)
    assert CollectionVectors.objects.filter(collection=collection, status=VectorStatus.QUEUED).count() == 1


def test_paraphrases_are_found_by_fused_search_that_keywords_alone_miss(alice, amy, settings):
    """GIVEN guidance in English and Chinese embedded by the bundled local model WHEN residents ask in their
    own words THEN fused search puts the right topic first, where BM25 alone puts another first or finds
    nothing."""
    settings.AIPLUS_EMBEDDINGS = "local"
    embedding_service.query_cache_clear()
    collection = collection_create(actor=alice, slug="guide", name="Guide", department=alice.department)
    guidance = [
        ("dog.txt", DOG_EN),
        ("hawker.txt", HAWKER_EN),
        ("library.txt", LIBRARY_EN),
        ("dog-zh.txt", DOG_ZH),
        ("hawker-zh.txt", HAWKER_ZH),
    ]
    for source_id, text in guidance:
        add_text(collection, alice, source_id, text)
    puppy = "What do I need to do to license my puppy?"
    street_food = "I want to sell food on the street, what permit?"

    def first(question):
        hits = search(actor=amy, query=question, collections=[collection])
        return hits[0].source_id if hits else None

    assert (first(puppy), first(street_food)) == ("hawker.txt", None)  # keywords alone
    vectors_wait(collection=collection)
    assert first(puppy) == "dog.txt"
    assert first(street_food) in {"hawker.txt", "hawker-zh.txt"}
