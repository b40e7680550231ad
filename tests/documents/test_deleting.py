"""Deleting a document: its passages leave search, its file leaves the store unless another document has
the same content, and only the owning department's knowledge managers may do it."""

import io

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import AuditEvent
from aiplus.documents.models import Chunk, Document, Page, Status
from aiplus.documents.services import collection_create, document_delete, document_process, ingest_stream
from aiplus.documents.storage import stored_path
from aiplus.search.services import search
from tests.conftest import DOG_EN, add_text


def _sources(actor, query: str) -> list[str]:
    return [hit.source_id for hit in search(actor=actor, query=query)]


def test_a_deleted_document_is_no_longer_found_and_its_file_is_gone(
    guidance, alice, amy, django_capture_on_commit_callbacks
):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    file = stored_path(document.checksum)
    assert "dog-en.txt" in _sources(amy, "renewal fee")  # the collection's index is built and cached
    guidance.refresh_from_db()
    version = guidance.index_version

    with django_capture_on_commit_callbacks(execute=True):
        deleted = document_delete(actor=alice, document_id=document.pk)

    assert deleted.source_id == "dog-en.txt" and deleted.file_removed
    assert "dog-en.txt" not in _sources(amy, "renewal fee")
    assert "dog-zh.txt" in _sources(amy, "狗隻牌照續期")  # the other documents are untouched
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Chunk.objects.filter(document_id=document.pk).exists()
    assert not Page.objects.filter(document_id=document.pk).exists()
    guidance.refresh_from_db()
    assert guidance.index_version == version + 1
    assert not file.exists()


def test_a_file_another_document_has_is_kept(guidance, alice, django_capture_on_commit_callbacks):
    """The same content filed in a second collection keeps the stored file, and stays readable."""
    drafts = collection_create(actor=alice, slug="drafts", name="Drafts", department=alice.department)
    twin = add_text(drafts, alice, "dog-en-copy.txt", DOG_EN).document
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    assert twin.checksum == document.checksum

    with django_capture_on_commit_callbacks(execute=True):
        deleted = document_delete(actor=alice, document_id=document.pk)

    assert not deleted.file_removed
    assert stored_path(twin.checksum).read_text() == DOG_EN
    assert [hit.source_id for hit in search(actor=alice, query="renewal fee", collections=[drafts])] == [
        "dog-en-copy.txt"
    ]


def test_a_document_deleted_while_queued_is_skipped_by_the_worker(guidance, alice):
    outcome = ingest_stream(
        actor=alice, collection=guidance, stream=io.BytesIO(b"Queued notice about fees."), filename="q.txt"
    )
    assert outcome.document.status == Status.QUEUED
    document_delete(actor=alice, document_id=outcome.document.pk)
    assert document_process(document_id=outcome.document.pk) == "skipped"
    assert not Chunk.objects.filter(document_id=outcome.document.pk).exists()


def test_a_delete_is_audited(guidance, alice):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    document_delete(actor=alice, document_id=document.pk, channel="api")
    event = AuditEvent.objects.get(action="document.delete")
    assert event.actor == alice and event.channel == "api" and event.target == f"document:{document.pk}"
    assert event.detail["collection"] == "guidance" and event.detail["source_id"] == "dog-en.txt"


@pytest.mark.parametrize("who", ["betty", "bob"])
def test_another_department_is_told_the_document_does_not_exist(guidance, who, request):
    """Betty (a knowledge owner) and Bob (a member) of hpd can read dsd's public guidance, but to them a
    document they try to delete is not found, so trying reveals nothing."""
    actor = request.getfixturevalue(who)
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    with pytest.raises(AiplusError) as refused:
        document_delete(actor=actor, document_id=document.pk)
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_member_of_the_owning_department_may_not_delete(guidance, amy):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    with pytest.raises(AiplusError) as refused:
        document_delete(actor=amy, document_id=document.pk)
    assert refused.value.code == ErrorCode.FORBIDDEN
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_platform_admin_may_delete(guidance, admin):
    document = Document.objects.get(source_id="dog-zh.txt")
    document_delete(actor=admin, document_id=document.pk)
    assert not Document.objects.filter(pk=document.pk).exists()
