"""Retention dates, legal holds and disposal through the services, as a records manager uses them."""

import datetime

import pytest
from django.utils import translation

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.models import Document
from aiplus.records.models import BatchStatus, DisposalBatch, DisposalRecord, ItemState, Trigger
from aiplus.records.selectors import disposal_blocked, due_for_disposal, retention_for_reading
from aiplus.records.services import (
    disposal_decide,
    disposal_execute,
    disposal_propose,
    disposal_propose_all,
    legal_hold_place,
    legal_hold_release,
    retention_close,
    retention_end,
    retention_set,
    schedule_save,
)

TODAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (datetime.date(2023, 1, 31), {"months": 1}, datetime.date(2023, 2, 28)),
        (datetime.date(2024, 1, 31), {"months": 1}, datetime.date(2024, 2, 29)),
        (datetime.date(2024, 2, 29), {"years": 1}, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 2, 29), {"years": 4}, datetime.date(2028, 2, 29)),
        (datetime.date(2023, 8, 31), {"months": 6}, datetime.date(2024, 2, 29)),
        (datetime.date(2023, 12, 31), {"days": 1}, datetime.date(2024, 1, 1)),
        (datetime.date(2020, 3, 15), {"years": 7, "months": 2, "days": 20}, datetime.date(2027, 6, 4)),
    ],
)
def test_retention_end_handles_month_ends_and_leap_years(start, period, end):
    assert retention_end(start=start, **period) == end


def _document(files, source_id):
    return Document.objects.get(collection=files, source_id=source_id)


def test_a_schedule_counts_from_the_document_date(rita, files, seven_years):
    retention = retention_set(actor=rita, document=_document(files, "pier-2016.txt"), schedule_code="gen-7")
    assert retention.retain_until == datetime.date(2023, 2, 28)  # 29 Feb 2016 + 7 years


def test_collection_default_applies_when_no_schedule_is_named(rita, files, seven_years):
    retention = retention_set(actor=rita, document=_document(files, "licence-2015.txt"))
    assert retention.schedule == seven_years and retention.retain_until == datetime.date(2022, 1, 31)
    assert retention.set_how == "collection_default"


def test_a_schedule_from_closing_waits_for_the_file_to_close(rita, files):
    schedule_save(
        actor=rita,
        department=rita.department,
        code="case-2",
        title_en="Case files",
        years=2,
        trigger=Trigger.CLOSED,
    )
    document = _document(files, "hawker-2024.txt")
    assert retention_set(actor=rita, document=document, schedule_code="case-2").retain_until is None
    closed = retention_close(actor=rita, document=document, closed_on=datetime.date(2024, 2, 29))
    assert closed.retain_until == datetime.date(2026, 2, 28)


def test_editing_a_schedule_moves_the_dates_of_its_documents(rita, files, seven_years):
    document = _document(files, "licence-2015.txt")
    retention_set(actor=rita, document=document, schedule_code="gen-7")
    schedule_save(actor=rita, department=rita.department, code="gen-7", title_en="General", years=10)
    document.retention.refresh_from_db()
    assert document.retention.retain_until == datetime.date(2025, 1, 31)


def test_only_records_managers_of_the_department_set_retention(rita, hugo, alice, files, seven_years):
    document = _document(files, "licence-2015.txt")
    for outsider in (hugo, alice):
        with pytest.raises(AiplusError) as refused:
            retention_set(actor=outsider, document=document, until=datetime.date(2030, 1, 1))
        assert refused.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(AiplusError) as unknown:
        retention_set(actor=rita, document=document, schedule_code="no-such")
    assert "no-such" in unknown.value.message
    with pytest.raises(AiplusError):
        retention_set(actor=rita, document=document, schedule_code="gen-7", until=datetime.date(2030, 1, 1))


def test_schedule_needs_a_period_and_a_known_action(rita):
    with pytest.raises(AiplusError) as no_period:
        schedule_save(actor=rita, department=rita.department, code="x", title_en="X")
    assert no_period.value.field == "records.years"
    with pytest.raises(AiplusError) as bad_action:
        schedule_save(actor=rita, department=rita.department, code="x", title_en="X", years=1, action="burn")
    with translation.override("zh-hant"):
        assert "burn" not in bad_action.value.message and "destroy" in bad_action.value.message


def test_a_hold_on_a_collection_a_document_or_words_blocks_disposal(rita, files):
    licence, pier = _document(files, "licence-2015.txt"), _document(files, "pier-2016.txt")
    assert not disposal_blocked(licence)
    by_words = legal_hold_place(
        actor=rita,
        department=rita.department,
        name="Pier claim",
        reason="HCA 123/2026",
        query="pier relocation",
    )
    assert disposal_blocked(pier) and not disposal_blocked(licence)
    legal_hold_release(actor=rita, hold=by_words, note="settled")
    assert not disposal_blocked(pier)
    legal_hold_place(
        actor=rita, department=rita.department, name="Chan", reason="DCCJ 9/2026", document_ids=[licence.pk]
    )
    assert disposal_blocked(licence) and not disposal_blocked(pier)
    legal_hold_place(
        actor=rita, department=rita.department, name="All", reason="audit", collection_slug=files.slug
    )
    assert disposal_blocked(pier)


def test_a_hold_cannot_reach_another_departments_documents(hugo, files):
    with pytest.raises(AiplusError) as refused:
        legal_hold_place(
            actor=hugo,
            department=hugo.department,
            name="x",
            reason="y",
            document_ids=[_document(files, "licence-2015.txt").pk],
        )
    assert refused.value.field == "records.documents"


def test_the_proposer_cannot_approve_their_own_batch(rita, andy, files, seven_years):
    from aiplus.core.access import OPERATOR
    from aiplus.core.models import User
    from aiplus.records.services import records_role_add

    records_role_add(actor=OPERATOR, username="rita", codename="approve_disposal")
    rita = User.objects.get(username="rita")
    retention_set(actor=rita, document=_document(files, "licence-2015.txt"))
    batch = disposal_propose(actor=rita, department=rita.department, on=TODAY)
    with pytest.raises(AiplusError) as refused:
        disposal_decide(actor=rita, batch=batch, approve=True)
    assert refused.value.field == "records.batch"
    assert disposal_decide(actor=andy, batch=batch, approve=True).status == BatchStatus.APPROVED


def test_disposal_skips_held_documents_and_leaves_a_record_that_survives(rita, andy, files, seven_years):
    licence, pier, hawker = (
        _document(files, s) for s in ("licence-2015.txt", "pier-2016.txt", "hawker-2024.txt")
    )
    legal_hold_place(
        actor=rita, department=rita.department, name="Pier claim", reason="HCA 1", document_ids=[pier.pk]
    )
    [batch_id] = disposal_propose_all()  # the periodic task gives the collection's default, then proposes
    batch = DisposalBatch.objects.get(pk=batch_id)
    assert batch.proposed_by_label == "periodic task"
    states = {i.document_id: i.state for i in batch.items.all()}
    assert states == {licence.pk: ItemState.PENDING, pier.pk: ItemState.HELD}  # hawker is not due until 2031
    assert disposal_propose(actor=rita, department=rita.department, on=TODAY) is None  # not listed twice
    disposal_decide(actor=andy, batch=batch, approve=True)
    disposal_execute(actor=rita, batch=batch)
    assert not Document.objects.filter(pk=licence.pk).exists()
    assert Document.objects.filter(pk__in=[pier.pk, hawker.pk]).count() == 2
    record = DisposalRecord.objects.get()
    assert (record.title, record.source_id, record.collection_slug) == (
        str(licence),
        "licence-2015.txt",
        "case-files",
    )
    assert (record.proposed_by, record.approved_by, record.executed_by) == ("periodic task", "andy", "rita")
    assert record.checksum == licence.checksum and record.retain_until == datetime.date(2022, 1, 31)
    files.delete()
    assert DisposalRecord.objects.filter(document_id=licence.pk).exists()


def test_a_hold_placed_after_approval_refuses_the_whole_execution(rita, andy, files, seven_years):
    licence = _document(files, "licence-2015.txt")
    retention_set(actor=rita, document=licence)
    retention_set(actor=rita, document=_document(files, "pier-2016.txt"))
    batch = disposal_propose(actor=rita, department=rita.department, on=TODAY)
    disposal_decide(actor=andy, batch=batch, approve=True)
    legal_hold_place(
        actor=rita, department=rita.department, name="Late claim", reason="writ", query="licence"
    )
    with pytest.raises(AiplusError) as refused:
        disposal_execute(actor=rita, batch=batch)
    assert refused.value.code == ErrorCode.LEGAL_HOLD and "Late claim" in refused.value.message
    with translation.override("zh-hant"):
        assert "Late claim" in refused.value.message
    assert Document.objects.filter(collection=files).count() == 3 and not DisposalRecord.objects.exists()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED


def test_readers_see_the_retention_date_and_other_departments_not_the_hold(
    rita, alice, amy, bob, files, seven_years
):
    from aiplus.documents.services import collection_visibility_update

    licence = _document(files, "licence-2015.txt")
    retention_set(actor=rita, document=licence)
    legal_hold_place(
        actor=rita, department=rita.department, name="Chan", reason="x", document_ids=[licence.pk]
    )
    seen = retention_for_reading(amy, licence.pk)
    assert seen.retain_until == datetime.date(2022, 1, 31) and seen.on_hold is True and seen.holds == []
    assert retention_for_reading(rita, licence.pk).holds == ["Chan"]
    with pytest.raises(AiplusError):
        retention_for_reading(bob, licence.pk)  # private to the department
    collection_visibility_update(actor=alice, collection=files, visibility="public")
    public = retention_for_reading(bob, licence.pk)
    assert public.retain_until == datetime.date(2022, 1, 31) and public.on_hold is None


def test_due_list_marks_held_and_batched_documents(rita, files, seven_years):
    for source_id in ("licence-2015.txt", "pier-2016.txt", "hawker-2024.txt"):
        retention_set(actor=rita, document=_document(files, source_id))
    due = due_for_disposal(department_id=rita.department_id, on=TODAY)
    assert [d.document.source_id for d in due] == ["licence-2015.txt", "pier-2016.txt"]
    assert due_for_disposal(department_id=rita.department_id, on=datetime.date(2031, 3, 1))[
        -1
    ].retain_until == (datetime.date(2031, 3, 1))


def test_a_held_document_cannot_be_deleted_by_any_other_path(rita, alice, files):
    """A knowledge owner deleting a held document, or its whole collection, is refused and nothing goes."""
    from aiplus.documents.services import collection_delete, document_delete

    pier = _document(files, "pier-2016.txt")
    legal_hold_place(actor=rita, department=rita.department, name="Pier claim", reason="writ", query="pier")
    with pytest.raises(AiplusError) as refused:
        document_delete(actor=alice, document_id=pier.pk)
    assert refused.value.code == ErrorCode.LEGAL_HOLD and "Pier claim" in refused.value.message
    with pytest.raises(AiplusError):
        collection_delete(actor=alice, slug=files.slug)
    assert Document.objects.filter(collection=files).count() == 3
    document_delete(actor=alice, document_id=_document(files, "licence-2015.txt").pk)  # not held: deleted
    assert Document.objects.filter(collection=files).count() == 2


def test_the_periodic_task_is_scheduled_and_proposes_what_is_due(rita, files, seven_years, settings):
    from aiplus.celery import app
    from aiplus.records.tasks import PROPOSE_TASK, propose_disposal

    assert settings.AIPLUS_PERIODIC_TASKS[PROPOSE_TASK] == 24 * 3600 and PROPOSE_TASK in app.tasks
    [batch_id] = propose_disposal.apply().get()
    assert DisposalBatch.objects.get(pk=batch_id).items.count() == 2  # the 2015 and 2016 letters
    assert propose_disposal.apply().get() == []  # a second run proposes nothing again
