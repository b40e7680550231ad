"""The plain dictionaries the API, the CLI and the CSV export give for records objects."""

from aiplus.records.models import DisposalBatch, DisposalRecord, LegalHold, RetentionSchedule
from aiplus.records.selectors import DueDocument, RetentionView


def period_text(schedule: RetentionSchedule) -> str:
    parts = [(schedule.years, "y"), (schedule.months, "m"), (schedule.days, "d")]
    return " ".join(f"{n}{unit}" for n, unit in parts if n)


def schedule_out(schedule: RetentionSchedule) -> dict:
    return {
        "id": schedule.pk,
        "department": schedule.department.code,
        "code": schedule.code,
        "title_en": schedule.title_en,
        "title_zh": schedule.title_zh,
        "years": schedule.years,
        "months": schedule.months,
        "days": schedule.days,
        "period": period_text(schedule),
        "trigger": schedule.trigger,
        "action": schedule.action,
        "collection": schedule.collection.slug if schedule.collection else "",
        "document_type": schedule.document_type,
    }


def retention_out(view: RetentionView) -> dict:
    return {
        "document_id": view.document_id,
        "retain_until": view.retain_until.isoformat() if view.retain_until else None,
        "schedule_code": view.schedule_code,
        "schedule_title": view.schedule_title,
        "action": view.action,
        "set_how": view.set_how,
        "on_hold": view.on_hold,
        "holds": view.holds,
    }


def due_out(item: DueDocument) -> dict:
    return {
        "document_id": item.document.pk,
        "title": str(item.document),
        "collection": item.document.collection.slug,
        "retain_until": item.retain_until.isoformat(),
        "action": item.action,
        "schedule_code": item.schedule_code,
        "held": item.held,
        "batch": item.in_batch,
    }


def hold_out(hold: LegalHold) -> dict:
    return {
        "id": hold.pk,
        "department": hold.department.code,
        "name": hold.name,
        "reason": hold.reason,
        "scope": hold.scope,
        "collection": hold.collection.slug if hold.collection else "",
        "documents": list(hold.documents.values_list("pk", flat=True)),
        "query": hold.query,
        "placed_by": hold.placed_by_label,
        "placed_at": hold.placed_at.isoformat(),
        "active": hold.active,
        "released_by": hold.released_by_label,
        "released_at": hold.released_at.isoformat() if hold.released_at else None,
    }


def batch_out(batch: DisposalBatch) -> dict:
    return {
        "id": batch.pk,
        "department": batch.department.code,
        "status": batch.status,
        "due_on_or_before": batch.due_on_or_before.isoformat(),
        "proposed_by": batch.proposed_by_label,
        "proposed_at": batch.proposed_at.isoformat(),
        "decided_by": batch.decided_by_label,
        "decision_note": batch.decision_note,
        "executed_by": batch.executed_by_label,
        "items": [
            {
                "document_id": i.document_id,
                "title": i.title,
                "retain_until": i.retain_until.isoformat(),
                "state": i.state,
            }
            for i in batch.items.all()
        ],
    }


RECORD_COLUMNS = [
    "department",
    "batch",
    "document_id",
    "title",
    "source_id",
    "filename",
    "checksum",
    "collection",
    "collection_name",
    "schedule_code",
    "schedule_title",
    "action",
    "document_date",
    "added_at",
    "retain_until",
    "proposed_by",
    "approved_by",
    "executed_by",
    "disposed_at",
]


def record_out(record: DisposalRecord) -> dict:
    return {
        "department": record.department.code,
        "batch": record.batch_id,
        "document_id": record.document_id,
        "title": record.title,
        "source_id": record.source_id,
        "filename": record.filename,
        "checksum": record.checksum,
        "collection": record.collection_slug,
        "collection_name": record.collection_name,
        "schedule_code": record.schedule_code,
        "schedule_title": record.schedule_title,
        "action": record.action,
        "document_date": record.document_date.isoformat() if record.document_date else "",
        "added_at": record.added_at.isoformat(),
        "retain_until": record.retain_until.isoformat(),
        "proposed_by": record.proposed_by,
        "approved_by": record.approved_by,
        "executed_by": record.executed_by,
        "disposed_at": record.disposed_at.isoformat(),
    }
