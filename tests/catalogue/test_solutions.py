"""Vendors register and are approved; solutions keep every version and move through their statuses only as
the rules allow."""

import pytest
from django.utils import translation

from aiplus.catalogue.models import SolutionStatus, VendorStatus
from aiplus.catalogue.selectors import solution_for_reading, solutions_visible
from aiplus.catalogue.services import (
    attachment_add,
    solution_edit,
    solution_transition,
    vendor_register,
    vendor_review,
)
from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from tests.catalogue.conftest import make_solution

COMPANY = {
    "name": "Tai Po Translation Tech Ltd",
    "br_number": "61203462",
    "contact_name": "Ivy Fung",
    "contact_email": "ivy@example.com",
    "is_sme": True,
}


@pytest.mark.parametrize("br_number", ["1234567", "123456789", "ABCDEFGH", "12345678-00", ""])
def test_a_business_registration_number_must_have_eight_digits(db, br_number):
    with pytest.raises(AiplusError) as raised:
        vendor_register(username="ivy", password="long-enough-1", **{**COMPANY, "br_number": br_number})
    assert raised.value.field == "vendor.br_number"
    with translation.override("zh-hant"):
        assert "商業登記號碼" in raised.value.message


def test_a_new_vendor_waits_for_the_office_before_submitting(db, olivia):
    vendor = vendor_register(username="ivy", password="long-enough-1", **COMPANY)
    assert vendor.status == VendorStatus.PENDING and vendor.is_sme
    ivy = vendor.members.get().user
    assert ivy.department is None
    solution = make_solution(ivy, publish=False)
    with pytest.raises(AiplusError) as raised:
        solution_transition(actor=ivy, solution=solution, status="submitted")
    assert raised.value.params["reason"] == "vendor_not_approved"
    with pytest.raises(AiplusError) as refused:
        vendor_review(actor=ivy, vendor=vendor, approve=True)
    assert refused.value.code == ErrorCode.FORBIDDEN
    vendor_review(actor=olivia, vendor=vendor, approve=True, note="BR certificate checked")
    solution_transition(actor=ivy, solution=solution, status="submitted")
    assert solution.status == SolutionStatus.SUBMITTED


def test_the_same_business_registration_number_cannot_register_twice(db):
    vendor_register(username="ivy", password="long-enough-1", **COMPANY)
    with pytest.raises(AiplusError) as raised:
        vendor_register(username="ivy2", password="long-enough-1", **COMPANY)
    assert raised.value.code == ErrorCode.CONFLICT


def test_every_edit_keeps_the_earlier_version(vera):
    solution = make_solution(vera, publish=False)
    first = solution.current_version
    solution_edit(actor=vera, solution=solution, summary_en="Now also reads Putonghua calls.")
    solution.refresh_from_db()
    assert solution.current_version.number == 2
    assert solution.current_version.summary_en == "Now also reads Putonghua calls."
    first.refresh_from_db()
    assert first.summary_en.startswith("Transcribes Cantonese")
    assert [v.number for v in solution.versions.all()] == [1, 2]


def test_only_the_office_reviews_and_publishes(vera, olivia):
    solution = make_solution(vera, publish=False)
    solution_transition(actor=vera, solution=solution, status="submitted")
    for status in ("under_review", "published"):
        with pytest.raises(AiplusError) as raised:
            solution_transition(actor=vera, solution=solution, status=status)
        assert raised.value.code in {ErrorCode.FORBIDDEN, ErrorCode.INVALID_FIELD}
    solution_transition(actor=olivia, solution=solution, status="under_review")
    solution_transition(actor=olivia, solution=solution, status="published", note="Security statement read.")
    assert solution.status == SolutionStatus.PUBLISHED and solution.review_note == "Security statement read."


def test_a_status_cannot_skip_the_review(vera, olivia):
    solution = make_solution(vera, publish=False)
    with pytest.raises(AiplusError) as raised:
        solution_transition(actor=olivia, solution=solution, status="published")
    assert raised.value.field == "solution.status"
    with translation.override("zh-hant"):
        assert "「草稿」" in raised.value.message and "「已發布」" in raised.value.message
    solution.refresh_from_db()
    assert solution.status == SolutionStatus.DRAFT


def test_a_vendors_change_to_a_published_solution_goes_back_for_review(vera):
    solution = make_solution(vera)
    solution_edit(actor=vera, solution=solution, annual_price_hkd=900000)
    solution.refresh_from_db()
    assert solution.status == SolutionStatus.SUBMITTED
    assert solution.versions.count() == 2


def test_a_vendor_sees_only_its_own_drafts(vera, victor, amy):
    draft = make_solution(vera, publish=False)
    published = make_solution(vera, name_en="Meeting Voice Notes")
    assert set(solutions_visible(vera)) == {draft, published}
    assert set(solutions_visible(victor)) == {published}
    assert set(solutions_visible(amy)) == {published}
    with pytest.raises(AiplusError) as raised:
        solution_for_reading(victor, draft.public_id)
    assert raised.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(AiplusError):
        solution_edit(actor=victor, solution=published, name_en="Hijacked")
    with pytest.raises(AiplusError):
        solution_transition(actor=victor, solution=published, status="withdrawn")


def test_attachments_are_checked_and_kept_with_their_version(vera, settings):
    solution = make_solution(vera, publish=False)
    attachment_add(actor=vera, solution=solution, filename="brochure.pdf", data=b"%PDF-1.7 brochure")
    with pytest.raises(AiplusError) as corrupt:
        attachment_add(actor=vera, solution=solution, filename="fake.pdf", data=b"<html>not a pdf</html>")
    assert corrupt.value.code == ErrorCode.CORRUPT_FILE
    with pytest.raises(AiplusError) as kind:
        attachment_add(actor=vera, solution=solution, filename="run.exe", data=b"MZ")
    assert kind.value.field == "solution.attachment"
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(AiplusError) as large:
        attachment_add(actor=vera, solution=solution, filename="big.pdf", data=b"%PDF-" + b"x" * 2000)
    assert large.value.code == ErrorCode.TOO_LARGE
    solution.refresh_from_db()
    assert [a.filename for a in solution.current_version.attachments.all()] == ["brochure.pdf"]
    assert solution.versions.get(number=1).attachments.count() == 0


def test_bad_text_is_refused_and_nothing_is_stored(vera):
    solution = make_solution(vera, publish=False)
    for bad in (
        {"name_en": "broken \ud800"},
        {"categories": ["mind_reading"]},
        {"demo_url": "javascript:alert(1)"},
    ):
        with pytest.raises(AiplusError):
            solution_edit(actor=vera, solution=solution, **bad)
    assert solution.versions.count() == 1


def test_the_operator_acts_as_the_office(vera):
    solution = make_solution(vera, publish=False)
    solution_transition(actor=vera, solution=solution, status="submitted")
    solution_transition(actor=OPERATOR, solution=solution, status="under_review")
    assert solution.status == SolutionStatus.UNDER_REVIEW
