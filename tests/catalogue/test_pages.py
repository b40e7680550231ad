"""The catalogue's pages: a vendor registers, prepares and submits; the office publishes; an officer finds it,
posts a need, matches and shortlists. Private records stay private on every page."""

from django.test import Client

from aiplus.catalogue.models import Match, Solution, SolutionStatus, Vendor, VendorStatus
from tests.catalogue.conftest import SOLUTION, make_need, make_solution


def _signed_in(user, language="en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def _form(values: dict) -> dict:
    form = {k: v for k, v in values.items() if not isinstance(v, bool | list)}
    form.update({k: v for k, v in values.items() if isinstance(v, list)})
    form.update({k: "on" for k, v in values.items() if v is True})
    form["certifications"] = "; ".join(values.get("certifications", []))
    return form


def test_register_submit_publish_find_and_shortlist(olivia, amy):
    response = Client().post(
        "/catalogue/register/",
        {
            "name": "Tai Po Translation Tech Ltd",
            "br_number": "61203462",
            "contact_name": "Ivy",
            "contact_email": "ivy@example.com",
            "username": "ivy",
            "password": "long-enough-1",
            "is_sme": "on",
        },
    )
    assert response.status_code == 200 and b"Registration received" in response.content
    vendor = Vendor.objects.get(br_number="61203462")
    assert vendor.status == VendorStatus.PENDING and vendor.is_sme
    office = _signed_in(olivia)
    assert b"Tai Po Translation" in office.get("/catalogue/workspace/").content
    office.post("/catalogue/workspace/", {"vendor": vendor.pk, "decision": "approve"})
    ivy = _signed_in(vendor.members.get().user)
    created = ivy.post("/catalogue/solutions/new/", _form(SOLUTION))
    assert created.status_code == 302, created.content.decode()[:2000]
    solution = Solution.objects.get(vendor=vendor)
    ivy.post(f"/catalogue/solutions/{solution.public_id}/", {"status": "submitted"})
    office.post(f"/catalogue/solutions/{solution.public_id}/", {"status": "under_review"})
    office.post(f"/catalogue/solutions/{solution.public_id}/", {"status": "published", "note": "Checked"})
    solution.refresh_from_db()
    assert solution.status == SolutionStatus.PUBLISHED

    officer = _signed_in(amy, "zh-hant")
    found = officer.get("/catalogue/", {"q": "粵語", "deployment": "on_premises"})
    assert "粵語熱線轉錄" in found.content.decode()
    posted = officer.post(
        "/catalogue/needs/new/",
        {
            "title": "Transcribe hotline calls",
            "problem": "Too many Cantonese calls to listen to.",
            "must_haves": "Recognises Cantonese speech",
            "nice_to_haves": "Marks the caller's request | 100",
            "sensitivity": "confidential",
            "languages": ["yue-speech"],
            "visibility": "internal",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    need_url = posted["Location"]
    officer.post(need_url + "act/", {"action": "match"})
    match = Match.objects.get()
    officer.post(need_url + "act/", {"action": "shortlist", "match": [match.pk]})
    match.refresh_from_db()
    assert match.stage == "shortlisted"
    page = officer.get(need_url).content.decode()
    assert "入圍" in page or "shortlisted" in page


def test_a_bad_form_says_what_is_wrong_and_keeps_what_was_typed(vera):
    client = _signed_in(vera, "zh-hant")
    response = client.post("/catalogue/solutions/new/", _form({**SOLUTION, "demo_url": "ftp://example.com"}))
    assert response.status_code == 400
    assert "示範連結" in response.content.decode()
    assert SOLUTION["name_zh"] in response.content.decode()
    assert not Solution.objects.exists()


def test_pages_keep_other_vendors_and_departments_out(vera, victor, amy, bob):
    draft = make_solution(vera, publish=False)
    need = make_need(amy, visibility="published")
    internal = make_need(amy, title="Internal pier budget")
    from aiplus.catalogue.services import attachment_add, proposal_save

    attachment_add(actor=vera, solution=draft, filename="prices.pdf", data=b"%PDF-1.7 prices")
    proposal_save(actor=vera, need=need, summary="Vera confidential pricing")
    other = _signed_in(victor)
    assert other.get(f"/catalogue/solutions/{draft.public_id}/").status_code == 404
    assert other.get(f"/catalogue/solutions/{draft.public_id}/edit/").status_code == 404
    file_id = draft.attachments.get().pk
    assert other.get(f"/catalogue/solutions/{draft.public_id}/files/{file_id}/").status_code == 404
    assert "Vera confidential pricing" not in other.get(f"/catalogue/needs/{need.pk}/").content.decode()
    assert other.get(f"/catalogue/needs/{internal.pk}/").status_code == 404
    assert "Internal pier budget" not in other.get("/catalogue/needs/").content.decode()
    assert other.post(f"/catalogue/needs/{need.pk}/act/", {"action": "match"}).status_code == 403
    assert "Cantonese Hotline" not in other.get("/catalogue/", {"q": "Cantonese"}).content.decode()
    department = _signed_in(bob)
    assert department.get(f"/catalogue/needs/{internal.pk}/").status_code == 404
    assert "Vera confidential pricing" not in department.get(f"/catalogue/needs/{need.pk}/").content.decode()
    assert "Vera confidential pricing" in _signed_in(amy).get(f"/catalogue/needs/{need.pk}/").content.decode()


def test_a_file_over_the_limit_is_refused_in_chinese_and_nothing_changes(vera, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    solution = make_solution(vera, publish=False)
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile(
        "brochure.pdf", b"%PDF-" + b"x" * (2 * 1024 * 1024), content_type="application/pdf"
    )
    response = _signed_in(vera, "zh-hant").post(f"/catalogue/solutions/{solution.public_id}/", {"file": big})
    assert response.status_code == 413
    assert "1 MB" in response.content.decode() and "檔案" in response.content.decode()
    assert solution.versions.count() == 1 and not solution.attachments.exists()
