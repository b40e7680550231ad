"""REST endpoints of records management under /api/v1/records/. Access is the selectors'; every change
goes through the services, like the pages and the CLI."""

from datetime import date

from django.utils import timezone
from ninja import File, Router, Status
from ninja.files import UploadedFile

from aiplus.catalogue.importing import read_limited
from aiplus.core.schemas import error_responses
from aiplus.documents.selectors import document_for_reading
from aiplus.records import selectors, services
from aiplus.records.importing import schedules_import
from aiplus.records.schemas import (
    BatchOut,
    CloseIn,
    DecisionIn,
    DueOut,
    HoldIn,
    HoldOut,
    NoteIn,
    ProposeIn,
    RecordOut,
    RetentionIn,
    RetentionOut,
    ScheduleImportOut,
    ScheduleIn,
    ScheduleOut,
)
from aiplus.records.shapes import batch_out, due_out, hold_out, record_out, retention_out, schedule_out

router = Router(tags=["Records"])


@router.get("/records/schedules", response={200: list[ScheduleOut], **error_responses()})
def list_schedules(request):
    """The retention schedules of the caller's department (records staff only; others get none)."""
    return [schedule_out(s) for s in selectors.schedules_visible(request.user)]


@router.post("/records/schedules", response={200: ScheduleOut, **error_responses(403)})
def save_schedule(request, payload: ScheduleIn):
    """Create a schedule, or change the one with this code (records managers)."""
    values = payload.dict()
    department = selectors.acting_department(request.user, values.pop("department"))
    schedule, _created = services.schedule_save(
        actor=request.user,
        department=department,
        collection_slug=values.pop("collection"),
        channel="api",
        **values,
    )
    return schedule_out(schedule)


@router.post(
    "/records/schedules/import",
    response={**error_responses(403, 413), 200: ScheduleImportOut, 422: ScheduleImportOut},
)
def import_schedules(request, department: str = "", file: UploadedFile = File(...)):
    """Schedules from CSV or XLSX (columns code, title_en, title_zh, years, months, days, trigger, action,
    collection, document_type). A file with a bad row stores nothing and answers 422 with every problem."""
    report = schedules_import(
        actor=request.user,
        department=selectors.acting_department(request.user, department),
        data=read_limited(file),
        filename=file.name or "schedules.csv",
        channel="api",
    )
    return Status(422 if report.problems else 200, report.as_dict())


@router.get(
    "/records/documents/{document_id}/retention", response={200: RetentionOut, **error_responses(404)}
)
def read_retention(request, document_id: int):
    """A document's retention date, for anyone who may read it; its department also sees whether it is held."""
    return retention_out(selectors.retention_for_reading(request.user, document_id))


@router.put(
    "/records/documents/{document_id}/retention", response={200: RetentionOut, **error_responses(403, 404)}
)
def set_retention(request, document_id: int, payload: RetentionIn):
    """Set a document's retention by schedule code, by date, or (neither) its collection's default."""
    document = document_for_reading(request.user, document_id)
    services.retention_set(
        actor=request.user,
        document=document,
        schedule_code=payload.schedule_code,
        until=payload.until,
        channel="api",
    )
    return retention_out(selectors.retention_for_reading(request.user, document_id))


@router.post(
    "/records/documents/{document_id}/close", response={200: RetentionOut, **error_responses(403, 404)}
)
def close_file(request, document_id: int, payload: CloseIn):
    """Record the day a file was closed; a schedule counted from closing then gives its retention date."""
    document = document_for_reading(request.user, document_id)
    services.retention_close(
        actor=request.user, document=document, closed_on=payload.closed_on, channel="api"
    )
    return retention_out(selectors.retention_for_reading(request.user, document_id))


@router.get("/records/due", response={200: list[DueOut], **error_responses(403)})
def list_due(request, department: str = "", on: date | None = None):
    """Documents whose retention ends on or before ``on`` (default today), for records managers."""
    found = selectors.acting_department(request.user, department)
    selectors.require_manager(request.user, found.pk, "see documents due for disposal")
    due = selectors.due_for_disposal(department_id=found.pk, on=on or timezone.localdate())
    return [due_out(d) for d in due]


@router.get("/records/holds", response={200: list[HoldOut], **error_responses()})
def list_holds(request):
    return [hold_out(h) for h in selectors.holds_visible(request.user)]


@router.post("/records/holds", response={200: HoldOut, **error_responses(403)})
def place_hold(request, payload: HoldIn):
    """Place a legal hold over one of: a collection, a list of documents, or search words."""
    hold = services.legal_hold_place(
        actor=request.user,
        department=selectors.acting_department(request.user, payload.department),
        name=payload.name,
        reason=payload.reason,
        collection_slug=payload.collection,
        document_ids=payload.documents,
        query=payload.query,
        channel="api",
    )
    return hold_out(hold)


@router.post("/records/holds/{hold_id}/release", response={200: HoldOut, **error_responses(403, 404)})
def release_hold(request, hold_id: int, payload: NoteIn):
    hold = selectors.hold_for(request.user, hold_id)
    return hold_out(
        services.legal_hold_release(actor=request.user, hold=hold, note=payload.note, channel="api")
    )


@router.get("/records/batches", response={200: list[BatchOut], **error_responses()})
def list_batches(request):
    return [batch_out(b) for b in selectors.batches_visible(request.user).prefetch_related("items")]


@router.post("/records/batches", response={200: BatchOut, 204: None, **error_responses(403)})
def propose_batch(request, payload: ProposeIn):
    """Propose a disposal batch of the documents due; 204 when nothing could be disposed of."""
    department = selectors.acting_department(request.user, payload.department)
    batch = services.disposal_propose(actor=request.user, department=department, on=payload.on, channel="api")
    return Status(200, batch_out(batch)) if batch else Status(204, None)


@router.get("/records/batches/{batch_id}", response={200: BatchOut, **error_responses(404)})
def read_batch(request, batch_id: int):
    return batch_out(selectors.batch_for(request.user, batch_id))


@router.post("/records/batches/{batch_id}/decision", response={200: BatchOut, **error_responses(403, 404)})
def decide_batch(request, batch_id: int, payload: DecisionIn):
    """Approve or reject a proposed batch (a records approver other than its proposer)."""
    batch = selectors.batch_for(request.user, batch_id)
    decided = services.disposal_decide(
        actor=request.user, batch=batch, approve=payload.approve, note=payload.note, channel="api"
    )
    return batch_out(decided)


@router.post(
    "/records/batches/{batch_id}/execute", response={200: BatchOut, **error_responses(403, 404, 409)}
)
def execute_batch(request, batch_id: int):
    """Dispose of an approved batch; 409 and nothing disposed of if a document is under legal hold now."""
    batch = selectors.batch_for(request.user, batch_id)
    return batch_out(services.disposal_execute(actor=request.user, batch=batch, channel="api"))


@router.get("/records/disposals", response={200: list[RecordOut], **error_responses()})
def list_disposals(request, q: str = ""):
    """The permanent records of what was disposed of, searched by title, source, collection or schedule."""
    return [record_out(r) for r in selectors.records_search(request.user, q)]
