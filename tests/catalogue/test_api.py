"""The REST API: the whole story through HTTP, and every path by which one vendor or department might see
another's private records."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.catalogue.models import Vendor
from tests.catalogue.conftest import NEED, SOLUTION, client_for, make_need, make_solution


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_story_through_the_api(olivia, amy):
    registered = Client().post(
        "/api/v1/catalogue/vendors",
        json.dumps(
            {
                "name": "Tai Po Translation Tech Ltd",
                "br_number": "61203462",
                "contact_name": "Ivy",
                "contact_email": "ivy@example.com",
                "username": "ivy",
                "password": "long-enough-1",
            }
        ),
        content_type="application/json",
    )
    assert registered.status_code == 200 and registered.json()["status"] == "pending"
    office = client_for(olivia)
    vendor_id = registered.json()["id"]
    assert (
        _post(office, f"/api/v1/catalogue/vendors/{vendor_id}/review", {"approve": True}).status_code == 200
    )

    from aiplus.core.models import User

    ivy = client_for(User.objects.get(username="ivy"))
    created = _post(ivy, "/api/v1/catalogue/solutions", SOLUTION)
    assert created.status_code == 200, created.content
    solution_id = created.json()["id"]
    assert (
        _post(ivy, f"/api/v1/catalogue/solutions/{solution_id}/status", {"status": "submitted"}).status_code
        == 200
    )
    refused = _post(ivy, f"/api/v1/catalogue/solutions/{solution_id}/status", {"status": "published"})
    assert refused.status_code in {400, 403}
    for status in ("under_review", "published"):
        moved = _post(
            office, f"/api/v1/catalogue/solutions/{solution_id}/status", {"status": status, "note": "ok"}
        )
        assert moved.status_code == 200
    officer = client_for(amy)
    found = officer.get("/api/v1/catalogue/solutions", {"q": "粵語熱線", "language": "yue-speech"}).json()
    assert [s["id"] for s in found["solutions"]] == [solution_id]
    assert {f["value"]: f["count"] for f in found["facets"]["deployment"]}["on_premises"] == 1

    need = _post(officer, "/api/v1/catalogue/needs", {**NEED, "visibility": "published"})
    assert need.status_code == 200, need.content
    need_id = need.json()["id"]
    answer = _post(
        ivy,
        f"/api/v1/catalogue/needs/{need_id}/proposals",
        {
            "summary": "We fit",
            "solution": solution_id,
            "answers": {"n2": {"met": True, "evidence": "XLSX export"}},
        },
    )
    assert answer.status_code == 200, answer.content
    matches = _post(officer, f"/api/v1/catalogue/needs/{need_id}/matches", {}).json()
    assert matches[0]["solution"] == solution_id and matches[0]["explanation"]
    shortlisted = _post(
        officer, f"/api/v1/catalogue/needs/{need_id}/shortlist", {"matches": [matches[0]["id"]]}
    )
    assert shortlisted.json()[0]["stage"] == "shortlisted"
    adopted = _post(officer, f"/api/v1/catalogue/matches/{matches[0]['id']}/stage", {"stage": "meeting"})
    assert adopted.status_code == 200


def test_a_bad_value_gets_a_clear_error_in_chinese(vera):
    client = client_for(vera, language="zh-hant")
    response = _post(client, "/api/v1/catalogue/solutions", {**SOLUTION, "languages": ["klingon"]})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "solution.languages"
    assert "支援語言" in response.json()["error"]["message"]


def test_no_vendor_sees_another_vendors_drafts_proposals_or_files(vera, victor, amy):
    draft = make_solution(vera, publish=False)
    published = make_solution(vera, name_en="Survey Text Coder")
    client = client_for(vera)
    upload = SimpleUploadedFile("brochure.pdf", b"%PDF-1.7 secret pricing", content_type="application/pdf")
    assert (
        client.post(
            f"/api/v1/catalogue/solutions/{draft.public_id}/attachments", {"file": upload}
        ).status_code
        == 200
    )
    attachment = draft.attachments.get()
    need = make_need(amy, visibility="published")
    internal = make_need(amy, title="Internal only: pier budget")
    assert (
        _post(
            client, f"/api/v1/catalogue/needs/{need.pk}/proposals", {"summary": "Vera's secret offer"}
        ).status_code
        == 200
    )

    other = client_for(victor)
    assert other.get(f"/api/v1/catalogue/solutions/{draft.public_id}").status_code == 404
    assert (
        other.get(f"/api/v1/catalogue/solutions/{draft.public_id}/attachments/{attachment.pk}").status_code
        == 404
    )
    assert (
        other.patch(
            f"/api/v1/catalogue/solutions/{published.public_id}", "{}", content_type="application/json"
        ).status_code
        == 403
    )
    mine = other.get("/api/v1/catalogue/my-solutions").json()
    assert mine == []
    published_view = other.get(f"/api/v1/catalogue/solutions/{published.public_id}").json()
    assert "versions" not in published_view or published_view["versions"] == []
    assert draft.public_id.hex not in other.get(
        "/api/v1/catalogue/solutions", {"q": "Cantonese"}
    ).content.decode().replace("-", "")
    assert other.get(f"/api/v1/catalogue/needs/{need.pk}/proposals").json() == []
    assert other.get(f"/api/v1/catalogue/needs/{internal.pk}").status_code == 404
    assert internal.pk not in [n["id"] for n in other.get("/api/v1/catalogue/needs").json()]
    assert other.get(f"/api/v1/catalogue/needs/{need.pk}/matches").status_code == 403
    assert other.get("/api/v1/catalogue/vendors").json()[0]["name"] == "Kowloon Speech Labs Ltd"
    assert len(other.get("/api/v1/catalogue/vendors").json()) == 1
    assert (
        _post(
            other,
            f"/api/v1/catalogue/vendors/{Vendor.objects.get(name__startswith='Harbour').pk}/review",
            {"approve": False},
        ).status_code
        == 404
    )
    # Vera's own proposal is hers alone; the department sees both.
    _post(other, f"/api/v1/catalogue/needs/{need.pk}/proposals", {"summary": "Victor's offer"})
    assert [p["summary"] for p in client.get(f"/api/v1/catalogue/needs/{need.pk}/proposals").json()] == [
        "Vera's secret offer"
    ]
    assert len(client_for(amy).get(f"/api/v1/catalogue/needs/{need.pk}/proposals").json()) == 2


def test_another_department_does_not_see_an_internal_need(amy, bob):
    internal = make_need(amy, title="Internal only")
    client = client_for(bob)
    assert client.get(f"/api/v1/catalogue/needs/{internal.pk}").status_code == 404
    assert client.get(f"/api/v1/catalogue/needs/{internal.pk}/matches").status_code == 404
    assert _post(client, f"/api/v1/catalogue/needs/{internal.pk}/matches", {}).status_code == 404
    assert client.get("/api/v1/catalogue/needs").json() == []


def test_a_published_solutions_files_are_readable_but_earlier_files_are_not(vera, victor):
    solution = make_solution(vera)
    client = client_for(vera)
    upload = SimpleUploadedFile("security.pdf", b"%PDF-1.7 statement", content_type="application/pdf")
    client.post(f"/api/v1/catalogue/solutions/{solution.public_id}/attachments", {"file": upload})
    attachment = solution.attachments.get()
    # The new file made a new version, which is back under review: others do not see it yet.
    assert (
        client_for(victor)
        .get(f"/api/v1/catalogue/solutions/{solution.public_id}/attachments/{attachment.pk}")
        .status_code
        == 404
    )
    download = client.get(f"/api/v1/catalogue/solutions/{solution.public_id}/attachments/{attachment.pk}")
    assert download.status_code == 200 and download.content == b"%PDF-1.7 statement"
    assert download["Content-Security-Policy"] == "sandbox"


def test_import_through_the_api_reports_rows_in_chinese(vera):
    from tests.catalogue.test_cli import BAD, GOOD, HEADER

    upload = SimpleUploadedFile(
        "solutions.csv", "\n".join([HEADER, GOOD.replace(",published", ",draft"), BAD]).encode(), "text/csv"
    )
    response = client_for(vera, "zh-hant").post("/api/v1/catalogue/import", {"file": upload})
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["created"] == 1 and report["problems"][0]["row"] == 3
    assert "功能類別" in report["problems"][0]["message"]


def test_a_solution_address_that_is_not_an_id_is_not_found(amy):
    from aiplus.core.services import api_token_create

    _, key = api_token_create(user=amy, name="test")
    officer = Client(headers={"Authorization": f"Bearer {key}"})
    for address in ("not-a-uuid", "%E3%80%82", "12345"):
        assert officer.get(f"/api/v1/catalogue/solutions/{address}").status_code == 404
