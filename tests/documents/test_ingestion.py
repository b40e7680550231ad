"""Files go in, get parsed and indexed once; bad files fail alone and nothing stored is lost."""

import io

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.models import Chunk, Document, Status
from aiplus.documents.services import collection_create, document_process, documents_recover, ingest_stream
from tests.conftest import DOG_EN, add_text


@pytest.fixture
def collection(alice):
    return collection_create(actor=alice, slug="c", name="C", department=alice.department)


def test_a_text_file_becomes_ready_with_pages_and_passages(collection, alice):
    outcome = add_text(collection, alice, "guides/dog-en.txt", DOG_EN)
    document = outcome.document
    assert document.status == Status.READY
    assert document.source_id == "guides/dog-en.txt"
    assert document.language == "en"
    chunk = Chunk.objects.get(document=document)
    page_text = document.pages.get(number=chunk.page_number).text
    assert page_text[chunk.char_start : chunk.char_end] == chunk.text


def test_the_same_file_under_another_name_is_detected_as_a_duplicate(collection, alice):
    add_text(collection, alice, "a.txt", DOG_EN)
    outcome = add_text(collection, alice, "copy-of-a.txt", DOG_EN)
    assert outcome.outcome == "duplicate"
    assert outcome.duplicate_of == "a.txt"
    assert Document.objects.filter(collection=collection).count() == 1


def test_reingesting_an_unchanged_file_does_nothing(collection, alice):
    first = add_text(collection, alice, "a.txt", DOG_EN)
    again = add_text(collection, alice, "a.txt", DOG_EN)
    assert again.outcome == "unchanged"
    assert again.document.pk == first.document.pk


def test_a_changed_file_replaces_its_old_passages(collection, alice):
    add_text(collection, alice, "a.txt", "The fee is HK$80 this year.")
    outcome = add_text(collection, alice, "a.txt", "The fee is HK$95 from next April.")
    assert outcome.outcome == "updated"
    texts = list(Chunk.objects.filter(document=outcome.document).values_list("text", flat=True))
    assert texts == ["The fee is HK$95 from next April."]
    assert Document.objects.filter(collection=collection).count() == 1


def test_a_corrupt_replacement_leaves_the_stored_version_intact(collection, alice):
    good = add_text(collection, alice, "notice.pdf.txt", DOG_EN).document
    bad = ingest_stream(
        actor=alice,
        collection=collection,
        stream=io.BytesIO(b"garbage"),
        filename="notice.pdf",
        source_id="notice.pdf.txt",
    )
    assert bad.outcome == "rejected"
    good.refresh_from_db()
    assert good.status == Status.READY
    assert Chunk.objects.filter(document=good).exists()


def test_an_oversized_upload_is_refused_while_streaming(collection, alice, settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    outcome = ingest_stream(
        actor=alice, collection=collection, stream=io.BytesIO(b"x" * (3 * 1024 * 1024)), filename="big.txt"
    )
    assert outcome.outcome == "rejected"
    assert outcome.error_code == ErrorCode.TOO_LARGE
    assert outcome.document.status == Status.FAILED
    assert "1 MB" in outcome.document.error_message
    assert not list((settings.AIPLUS_HOME / "files").rglob(".incoming-*"))


def test_an_unsupported_file_fails_alone_with_its_reason(collection, alice):
    outcome = ingest_stream(actor=alice, collection=collection, stream=io.BytesIO(b"MZ"), filename="tool.exe")
    assert outcome.document.status == Status.FAILED
    assert "not supported" in outcome.document.error_message


def test_an_empty_text_file_fails_with_no_text(collection, alice):
    outcome = add_text(collection, alice, "empty.txt", "   \n  ")
    assert outcome.document.status == Status.FAILED
    assert outcome.document.error_code == ErrorCode.NO_TEXT


def test_processing_twice_does_the_work_once(collection, alice):
    outcome = add_text(collection, alice, "a.txt", DOG_EN)
    assert document_process(document_id=outcome.document.pk) == "skipped"
    assert Chunk.objects.filter(document=outcome.document).count() == 1


def test_a_document_claimed_by_a_dead_worker_is_queued_again(collection, alice):
    outcome = ingest_stream(
        actor=alice, collection=collection, stream=io.BytesIO(DOG_EN.encode()), filename="a.txt"
    )
    Document.objects.filter(pk=outcome.document.pk).update(status=Status.PROCESSING, claimed_by="nohost:1")
    assert outcome.document.pk in documents_recover(enqueue=False)
    assert document_process(document_id=outcome.document.pk) == Status.READY


def test_a_member_cannot_create_a_collection(amy):
    with pytest.raises(AiplusError) as caught:
        collection_create(actor=amy, slug="x", name="X", department=amy.department)
    assert caught.value.code == ErrorCode.FORBIDDEN


def test_a_knowledge_owner_cannot_create_a_collection_for_another_department(alice, hpd):
    with pytest.raises(AiplusError):
        collection_create(actor=alice, slug="x", name="X", department=hpd)
