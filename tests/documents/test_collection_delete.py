"""Deleting a collection: its documents, passages, index and unshared files go, through the page, the API
and the CLI alike; it is audited; another department cannot even find it."""

import json

import pytest
from click.testing import CliRunner
from django.conf import settings
from django.test import Client
from django.urls import reverse

from aiplus.cli import main
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import AuditEvent
from aiplus.core.services import api_token_create
from aiplus.documents.models import Chunk, Collection, Document, Page
from aiplus.documents.services import collection_create, collection_delete
from aiplus.documents.storage import stored_path
from aiplus.search import services as search_services
from tests.conftest import DOG_EN, add_text


def _index_files(collection_id: int) -> list:
    return list((settings.AIPLUS_HOME / "index").glob(f"collection-{collection_id}-v*.npz"))


def test_a_deleted_collection_takes_its_documents_passages_index_and_files(
    guidance, alice, amy, django_capture_on_commit_callbacks
):
    drafts = collection_create(actor=alice, slug="drafts", name="Drafts", department=alice.department)
    twin = add_text(drafts, alice, "dog-en-copy.txt", DOG_EN).document  # the same content as dog-en.txt
    documents = list(guidance.documents.all())
    files = {d.source_id: stored_path(d.checksum) for d in documents}
    assert search_services.search(actor=amy, query="renewal fee", collections=[guidance])
    assert _index_files(guidance.pk)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = collection_delete(actor=alice, slug="guidance", channel="web")

    assert (deleted.slug, deleted.documents, deleted.files_removed) == ("guidance", 3, 2)
    assert not Collection.objects.filter(slug="guidance").exists()
    assert not Document.objects.filter(pk__in=[d.pk for d in documents]).exists()
    assert not Chunk.objects.filter(collection_id=guidance.pk).exists()
    assert not Page.objects.filter(document_id__in=[d.pk for d in documents]).exists()
    assert not files["dog-zh.txt"].exists() and not files["hawker-zh.txt"].exists()
    assert files["dog-en.txt"].exists()  # drafts still has the same file
    assert _index_files(guidance.pk) == [] and guidance.pk not in search_services._indexes
    assert [h.source_id for h in search_services.search(actor=amy, query="renewal fee")] == [twin.source_id]
    event = AuditEvent.objects.get(action="collection.delete")
    assert event.actor == alice and event.target == "collection:guidance" and event.channel == "web"
    assert event.detail["documents"] == 3


def test_only_the_owning_departments_knowledge_managers_may_delete(guidance, amy, bob, betty):
    for outsider in (bob, betty):  # guidance is public: they can read it, but not find it to delete
        with pytest.raises(AiplusError) as refused:
            collection_delete(actor=outsider, slug="guidance")
        assert refused.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(AiplusError) as refused:
        collection_delete(actor=amy, slug="guidance")
    assert refused.value.code == ErrorCode.FORBIDDEN
    assert Collection.objects.filter(slug="guidance").exists()


def test_the_api_deletes_for_the_owner_and_answers_not_found_to_others(guidance, alice, bob):
    _, bob_key = api_token_create(user=bob, name="test")
    other = Client(headers={"Authorization": f"Bearer {bob_key}"})
    assert other.delete("/api/v1/collections/guidance").status_code == 404
    _, key = api_token_create(user=alice, name="test")
    owner = Client(headers={"Authorization": f"Bearer {key}"})
    assert owner.delete("/api/v1/collections/guidance").status_code == 204
    assert owner.get("/api/v1/collections/guidance").status_code == 404
    assert AuditEvent.objects.get(action="collection.delete").channel == "api"


def test_the_page_asks_to_confirm_then_deletes(guidance, alice, bob):
    page = Client()
    page.force_login(bob)
    assert page.get(reverse("documents:delete_collection", args=["guidance"])).status_code == 404
    page.force_login(alice)
    assert (
        reverse("documents:delete_collection", args=["guidance"])
        in page.get(reverse("documents:collection", args=["guidance"])).content.decode()
    )
    confirm = page.get(reverse("documents:delete_collection", args=["guidance"]))
    assert confirm.status_code == 200 and "3 documents" in confirm.content.decode()
    assert Collection.objects.filter(slug="guidance").exists()
    chinese = Client(headers={"Accept-Language": "zh-hant"})
    chinese.force_login(alice)
    assert (
        "此操作無法復原"
        in chinese.get(reverse("documents:delete_collection", args=["guidance"])).content.decode()
    )
    done = page.post(reverse("documents:delete_collection", args=["guidance"]), follow=True)
    assert done.status_code == 200 and "Deleted Guidance and its 3 documents." in done.content.decode()
    assert not Collection.objects.filter(slug="guidance").exists()


def test_the_cli_asks_to_confirm_unless_told_yes(guidance, alice, bob):
    refused = CliRunner().invoke(main, ["collection", "delete", "guidance", "--user", "bob", "--yes"])
    assert refused.exit_code != 0 and "Not found" in refused.output
    kept = CliRunner().invoke(main, ["collection", "delete", "guidance", "--user", "alice"], input="n\n")
    assert kept.exit_code != 0 and Collection.objects.filter(slug="guidance").exists()
    done = CliRunner().invoke(
        main, ["collection", "delete", "guidance", "--user", "alice", "--yes", "--json"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["documents"] == 3
    assert not Collection.objects.filter(slug="guidance").exists()
