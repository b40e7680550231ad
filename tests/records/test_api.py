"""The records story through the REST API, and every path by which another department or a plain member
might see or change a department's records."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from aiplus.documents.models import Document
from aiplus.records.models import DisposalRecord, RetentionSchedule
from tests.records.conftest import client_for


def _post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_retention_hold_and_disposal_through_the_api(rita, andy, amy, files, seven_years):
    manager, approver = client_for(rita), client_for(andy)
    licence = Document.objects.get(source_id="licence-2015.txt")
    pier = Document.objects.get(source_id="pier-2016.txt")
    for document in (licence, pier):
        set_ = _post(
            manager, f"/api/v1/records/documents/{document.pk}/retention", {"schedule_code": "gen-7"}, "put"
        )
        assert set_.status_code == 200, set_.content
    assert set_.json()["retain_until"] == "2023-02-28"
    due = manager.get("/api/v1/records/due", {"on": "2026-12-07"}).json()
    assert [d["document_id"] for d in due] == [licence.pk, pier.pk]
    hold = _post(manager, "/api/v1/records/holds", {"name": "Pier claim", "reason": "HCA 5", "query": "pier"})
    assert hold.status_code == 200 and hold.json()["scope"] == "query"
    batch = _post(manager, "/api/v1/records/batches", {"on": "2026-12-07"}).json()
    assert {i["document_id"]: i["state"] for i in batch["items"]} == {licence.pk: "pending", pier.pk: "held"}
    refused = _post(manager, f"/api/v1/records/batches/{batch['id']}/decision", {"approve": True})
    assert refused.status_code == 403  # a manager who is not an approver
    approved = _post(approver, f"/api/v1/records/batches/{batch['id']}/decision", {"approve": True})
    assert approved.json()["status"] == "approved"
    executed = _post(manager, f"/api/v1/records/batches/{batch['id']}/execute", {})
    assert executed.status_code == 200 and executed.json()["status"] == "executed"
    records = manager.get("/api/v1/records/disposals", {"q": "licence"}).json()
    assert [r["source_id"] for r in records] == ["licence-2015.txt"]
    assert records[0]["approved_by"] == "andy"
    assert client_for(amy).get(f"/api/v1/records/documents/{pier.pk}/retention").json()["on_hold"] is True


def test_execution_refused_in_chinese_when_a_hold_arrives_after_approval(rita, andy, files, seven_years):
    manager = client_for(rita, language="zh-hant")
    licence = Document.objects.get(source_id="licence-2015.txt")
    _post(manager, f"/api/v1/records/documents/{licence.pk}/retention", {}, "put")
    batch = _post(manager, "/api/v1/records/batches", {"on": "2026-12-07"}).json()
    _post(client_for(andy), f"/api/v1/records/batches/{batch['id']}/decision", {"approve": True})
    _post(manager, "/api/v1/records/holds", {"name": "陳氏訴訟", "reason": "令狀", "documents": [licence.pk]})
    refused = _post(manager, f"/api/v1/records/batches/{batch['id']}/execute", {})
    assert refused.status_code == 409
    assert "陳氏訴訟" in refused.json()["error"]["message"] and "法律" in refused.json()["error"]["message"]
    assert Document.objects.filter(pk=licence.pk).exists() and not DisposalRecord.objects.exists()


def test_another_department_sees_and_changes_nothing(rita, hugo, bob, amy, files, seven_years):
    licence = Document.objects.get(source_id="licence-2015.txt")
    for document in Document.objects.filter(collection=files):
        _post(client_for(rita), f"/api/v1/records/documents/{document.pk}/retention", {}, "put")
    hold = _post(
        client_for(rita), "/api/v1/records/holds", {"name": "Chan", "reason": "x", "documents": [licence.pk]}
    )
    batch = _post(client_for(rita), "/api/v1/records/batches", {"on": "2026-12-07"}).json()
    for outsider in (client_for(hugo), client_for(bob)):
        assert outsider.get(f"/api/v1/records/documents/{licence.pk}/retention").status_code == 404
        assert (
            _post(outsider, f"/api/v1/records/documents/{licence.pk}/retention", {}, "put").status_code == 404
        )
        assert outsider.get("/api/v1/records/schedules").json() == []
        assert outsider.get("/api/v1/records/holds").json() == []
        assert outsider.get("/api/v1/records/batches").json() == []
        assert outsider.get(f"/api/v1/records/batches/{batch['id']}").status_code == 404
        assert _post(outsider, f"/api/v1/records/holds/{hold.json()['id']}/release", {}).status_code == 404
        assert _post(outsider, f"/api/v1/records/batches/{batch['id']}/execute", {}).status_code == 404
    assert client_for(hugo).get("/api/v1/records/due", {"department": "dsd"}).status_code == 403
    member = client_for(amy)
    assert member.get("/api/v1/records/due").status_code == 403
    assert (
        _post(member, "/api/v1/records/holds", {"name": "n", "reason": "r", "query": "x"}).status_code == 403
    )
    assert _post(member, f"/api/v1/records/documents/{licence.pk}/retention", {}, "put").status_code == 403


def test_schedule_import_is_all_or_nothing(rita, files):
    manager = client_for(rita)
    good = "code,title_en,title_zh,years,months,days,trigger,action,collection\n"
    good += "fin-7,Financial records,財務紀錄,7,,,document_date,destroy,case-files\n"
    bad = good + "x-1,Bad,壞,,,,document_date,burn,\n"
    refused = manager.post(
        "/api/v1/records/schedules/import", {"file": SimpleUploadedFile("s.csv", bad.encode())}
    )
    assert refused.status_code == 422 and [p["row"] for p in refused.json()["problems"]] == [3]
    assert not RetentionSchedule.objects.exists()
    stored = manager.post(
        "/api/v1/records/schedules/import", {"file": SimpleUploadedFile("s.csv", good.encode())}
    )
    assert stored.json()["created"] == 1
    schedule = RetentionSchedule.objects.get()
    assert (schedule.title_zh, schedule.years, schedule.collection.slug) == ("財務紀錄", 7, "case-files")
