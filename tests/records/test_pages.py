"""The records pages: what a records manager, an approver, a member and another department see and may do."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.documents.models import Document
from aiplus.records.models import DisposalBatch, LegalHold, RetentionSchedule
from aiplus.records.services import retention_set


def _client(user, language="en"):
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def test_a_manager_edits_and_imports_schedules_and_sees_errors_in_chinese(rita, files):
    page = _client(rita)
    saved = page.post(
        "/records/schedules/",
        {
            "form": "save",
            "code": "gen-7",
            "title_en": "General",
            "years": "7",
            "trigger": "document_date",
            "action": "destroy",
            "collection": files.slug,
        },
    )
    assert saved.status_code == 302 and RetentionSchedule.objects.get().collection == files
    refused = _client(rita, "zh-hant").post(
        "/records/schedules/",
        {"form": "save", "code": "bad", "title_en": "Bad", "years": "0", "action": "destroy"},
    )
    assert refused.status_code == 400 and "bad" not in RetentionSchedule.objects.values_list(
        "code", flat=True
    )
    assert "保存期" in refused.content.decode()  # the field named in Chinese
    bad = "code,title_en,years,action\nfin-7,Finance,7,destroy\nx,Broken,1,burn\n"
    imported = page.post(
        "/records/schedules/", {"form": "import", "file": SimpleUploadedFile("s.csv", bad.encode())}
    )
    assert imported.status_code == 422 and "Row 3" in imported.content.decode()
    assert RetentionSchedule.objects.count() == 1


def test_the_document_page_shows_retention_to_readers_and_nothing_to_other_departments(
    rita, amy, bob, files, seven_years
):
    licence = Document.objects.get(source_id="licence-2015.txt")
    retention_set(actor=rita, document=licence)
    member_view = _client(amy).get(f"/records/documents/{licence.pk}/").content.decode()
    assert "2022-01-31" in member_view and "Set retention" not in member_view
    assert _client(bob).get(f"/records/documents/{licence.pk}/").status_code == 404
    manager = _client(rita)
    moved = manager.post(f"/records/documents/{licence.pk}/", {"schedule": "", "until": "2030-06-30"})
    assert moved.status_code == 302
    assert "2030-06-30" in manager.get(f"/records/documents/{licence.pk}/").content.decode()
    assert "Retention" in _client(amy).get(f"/collections/{files.slug}/").content.decode()


def test_hold_propose_approve_and_execute_through_the_pages(rita, andy, hugo, amy, files, seven_years):
    licence, pier = (Document.objects.get(source_id=s) for s in ("licence-2015.txt", "pier-2016.txt"))
    for document in (licence, pier):
        retention_set(actor=rita, document=document)
    manager = _client(rita)
    manager.post(
        "/records/holds/",
        {"action": "place", "name": "Pier claim", "reason": "HCA 7", "documents": str(pier.pk)},
    )
    assert LegalHold.objects.get().documents.get() == pier
    listed = manager.get("/records/", {"on": "2026-12-07"}).content.decode()
    assert "Destroy" in listed and "Under legal hold" in listed
    proposed = manager.post("/records/?on=2026-12-07")
    batch = DisposalBatch.objects.get()
    assert proposed.url == f"/records/batches/{batch.pk}/"
    for outsider in (hugo, amy):
        assert _client(outsider).get(f"/records/batches/{batch.pk}/").status_code == 404
        assert _client(outsider).get("/records/?department=dsd").status_code == 403
        assert _client(outsider).get("/records/holds/?department=dsd").status_code == 403
    assert "Dog licence" not in _client(hugo).get("/records/").content.decode()  # hpd's own list
    assert _client(amy).get("/records/").status_code == 403
    assert "Approve disposal" not in manager.get(f"/records/batches/{batch.pk}/").content.decode()
    approver = _client(andy)
    assert approver.post(f"/records/batches/{batch.pk}/", {"action": "approve"}).status_code == 302
    executed = manager.post(f"/records/batches/{batch.pk}/", {"action": "execute"})
    assert executed.status_code == 302
    assert (
        not Document.objects.filter(pk=licence.pk).exists() and Document.objects.filter(pk=pier.pk).exists()
    )
    listing = manager.get("/records/disposals/", {"q": "licence"}).content.decode()
    assert "licence-2015.txt" in listing
    exported = manager.get("/records/disposals/", {"q": "licence", "format": "csv"})
    assert b"licence-2015.txt" in exported.content and b"andy" in exported.content
    assert b"licence-2015.txt" not in _client(hugo).get("/records/disposals/", {"format": "csv"}).content
