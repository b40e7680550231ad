"""Records management: retention schedules, each document's retention date, legal holds, and disposal
with approval and a permanent disposal record.

The flow follows a records retention and disposal schedule: a document keeps a ``retain_until`` date
(from a schedule, counted from its date, its creation or its closing; or a date given). When the date has
passed, a disposal batch is proposed (by the periodic task or a records manager); a records approver other
than the proposer approves or rejects it; a records manager executes it. Execution re-checks legal holds
inside its transaction and refuses the whole batch if any document is held; otherwise each document is
deleted through ``documents.services.document_delete`` and a ``DisposalRecord`` keeps what it was.
"""

import logging
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from aiplus.core.access import actor_label, actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text, invalid
from aiplus.documents.models import Collection, Document
from aiplus.documents.services import document_delete
from aiplus.records.models import (
    Action,
    BatchStatus,
    DisposalBatch,
    DisposalItem,
    DisposalRecord,
    DocumentRetention,
    HoldScope,
    ItemState,
    LegalHold,
    RetentionSchedule,
    SetHow,
    Trigger,
)
from aiplus.records.selectors import disposal_blocked as disposal_blocked  # the agreed interface
from aiplus.records.selectors import (
    due_for_disposal,
    is_records_approver,
    refuse_if_held,
    require_manager,
)

logger = logging.getLogger("aiplus.records")

SYSTEM_LABEL = "periodic task"


# --- dates ---------------------------------------------------------------------------------------------


def retention_end(*, start: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The last day to keep a record: ``start`` plus the period. A month or a year from a day the
    target month lacks ends on that month's last day (31 January + 1 month = 28 or 29 February;
    29 February + 1 year = 28 February)."""
    return start + relativedelta(years=years, months=months, days=days)


def trigger_date(schedule: RetentionSchedule, document: Document, closed_on: date | None) -> date | None:
    """The date a schedule counts from for this document; None while a file counted from its closing
    is still open. A document without its own date counts from the day it was added."""
    if schedule.trigger == Trigger.CLOSED:
        return closed_on
    if schedule.trigger == Trigger.DOCUMENT_DATE and document.document_date:
        return document.document_date
    return timezone.localdate(document.created_at)


def _until_for(schedule: RetentionSchedule, document: Document, closed_on: date | None) -> date | None:
    start = trigger_date(schedule, document, closed_on)
    if start is None:
        return None
    return retention_end(start=start, years=schedule.years, months=schedule.months, days=schedule.days)


# --- schedules -----------------------------------------------------------------------------------------


def _choice(field: str, value, choices) -> str:
    value = (value or "").strip() if isinstance(value, str) else value
    if value not in choices.values:
        raise invalid(field, "one_of", choices=", ".join(choices.values))
    return value


def _number(field: str, value) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return clean_number(field, value)


def schedule_save(
    *,
    actor,
    department: Department,
    code: str,
    title_en: str,
    title_zh: str = "",
    years=0,
    months=0,
    days=0,
    trigger: str = Trigger.DOCUMENT_DATE,
    action: str = Action.DESTROY,
    collection_slug: str = "",
    document_type: str = "",
    channel: str = "",
) -> tuple[RetentionSchedule, bool]:
    """Create the department's schedule of this code, or update it; (schedule, created). Documents already
    given this schedule get their dates counted again."""
    require_manager(actor, department.pk, "edit retention schedules")
    values = {
        "title_en": clean_text("records.title_en", title_en),
        "title_zh": clean_text("records.title_zh", title_zh),
        "years": _number("records.years", years),
        "months": _number("records.months", months),
        "days": _number("records.days", days),
        "trigger": _choice("records.trigger", trigger, Trigger),
        "action": _choice("records.action", action, Action),
        "document_type": clean_text("records.document_type", document_type),
        "collection": None,
        "updated_by": actor_user(actor),
    }
    code = clean_text("records.code", code)
    if not (values["years"] or values["months"] or values["days"]):
        raise invalid("records.years", "schedule_period")
    if (collection_slug or "").strip():
        values["collection"] = Collection.objects.filter(
            slug=collection_slug.strip(), department=department
        ).first()
        if values["collection"] is None:
            raise invalid("records.collection", "schedule_collection")
    with transaction.atomic():
        schedule, created = RetentionSchedule.objects.update_or_create(
            department=department, code=code, defaults=values
        )
        for retention in schedule.retentions.select_related("document"):
            retention.retain_until = _until_for(schedule, retention.document, retention.closed_on)
            retention.save(update_fields=["retain_until"])
    audit_record(
        actor=actor,
        action="records.schedule.create" if created else "records.schedule.update",
        target=f"schedule:{department.code}/{code}",
        channel=channel,
    )
    return schedule, created


# --- retention of documents ----------------------------------------------------------------------------


def _document(document) -> Document:
    """The document (given as a row or an id), read afresh with its collection."""
    pk = getattr(document, "pk", document)
    found = Document.objects.select_related("collection").filter(pk=pk).first()
    if found is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {pk}")
    return found


def _retention_store(actor, document, *, schedule, until, how) -> DocumentRetention:
    retention = DocumentRetention.objects.filter(document=document).first() or DocumentRetention(
        document=document
    )
    retention.schedule = schedule
    retention.retain_until = (
        until if schedule is None else _until_for(schedule, document, retention.closed_on)
    )
    retention.set_how = how
    retention.set_by = actor_user(actor)
    retention.set_by_label = actor_label(actor)
    retention.save()
    return retention


def retention_set(
    *, actor, document, schedule_code: str | None = None, until: date | None = None, channel: str = ""
) -> DocumentRetention:
    """Give a document its retention: a schedule of its department by code, or a date to keep it until,
    or (neither given) its collection's default schedule. Records managers of the document's department
    only."""
    document = _document(document)
    department_id = document.collection.department_id
    require_manager(actor, department_id, f"set retention of document {document.pk}")
    if schedule_code and until:
        raise invalid("records.schedule", "retention_target")
    if until is not None and not isinstance(until, date):
        raise invalid("records.until", "date")
    schedule, how = None, SetHow.DATE
    if schedule_code:
        schedule = RetentionSchedule.objects.filter(department_id=department_id, code=schedule_code).first()
        if schedule is None:
            raise invalid("records.schedule", "unknown_schedule", code=schedule_code)
        how = SetHow.SCHEDULE
    elif until is None:
        schedule = _collection_default(document.collection)
        if schedule is None:
            raise invalid("records.schedule", "no_default_schedule")
        how = SetHow.COLLECTION_DEFAULT
    retention = _retention_store(actor, document, schedule=schedule, until=until, how=how)
    audit_record(
        actor=actor,
        action="records.retention.set",
        target=f"document:{document.pk}",
        channel=channel,
        schedule=schedule.code if schedule else "",
        retain_until=str(retention.retain_until or ""),
    )
    return retention


def retention_close(*, actor, document, closed_on: date, channel: str = "") -> DocumentRetention:
    """Record the date a file was closed; a schedule counted from closing then gives its date."""
    document = _document(document)
    require_manager(actor, document.collection.department_id, f"close document {document.pk}")
    if not isinstance(closed_on, date):
        raise invalid("records.until", "date")
    retention = DocumentRetention.objects.filter(document=document).select_related("schedule").first()
    if retention is None:
        raise invalid("records.schedule", "no_default_schedule")
    retention.closed_on = closed_on
    if retention.schedule is not None:
        retention.retain_until = _until_for(retention.schedule, document, closed_on)
    retention.save()
    audit_record(
        actor=actor, action="records.retention.close", target=f"document:{document.pk}", channel=channel
    )
    return retention


def _collection_default(collection: Collection) -> RetentionSchedule | None:
    return (
        RetentionSchedule.objects.filter(collection=collection, department_id=collection.department_id)
        .order_by("code")
        .first()
    )


def retention_apply_defaults(*, department_id) -> int:
    """Give every document of the department that has no retention yet its collection's default schedule;
    how many were given one. Run by the periodic task before it proposes disposal."""
    schedules = {
        s.collection_id: s
        for s in RetentionSchedule.objects.filter(
            department_id=department_id, collection__isnull=False
        ).order_by("-code")
    }
    documents = Document.objects.filter(collection_id__in=schedules, retention__isnull=True).select_related(
        "collection"
    )
    applied = 0
    for document in documents:
        schedule = schedules[document.collection_id]
        DocumentRetention.objects.create(
            document=document,
            schedule=schedule,
            retain_until=_until_for(schedule, document, None),
            set_how=SetHow.COLLECTION_DEFAULT,
            set_by_label=SYSTEM_LABEL,
        )
        applied += 1
    return applied


# --- legal holds ---------------------------------------------------------------------------------------


def legal_hold_place(
    *,
    actor,
    department: Department,
    name: str,
    reason: str,
    collection_slug: str = "",
    document_ids: list[int] | None = None,
    query: str = "",
    channel: str = "",
) -> LegalHold:
    """Place a hold over one scope: a collection, a set of documents, or search words (every document of
    the department whose text has all the words, now or later). Held documents cannot be disposed of."""
    require_manager(actor, department.pk, "place a legal hold")
    name = clean_text("records.hold_name", name)
    reason = clean_text("records.reason", reason)
    scopes = [bool((collection_slug or "").strip()), bool(document_ids), bool((query or "").strip())]
    if sum(scopes) != 1:
        raise invalid("records.scope", "hold_scope")
    hold = LegalHold(
        department=department,
        name=name,
        reason=reason,
        placed_by=actor_user(actor),
        placed_by_label=actor_label(actor),
    )
    with transaction.atomic():
        documents = Document.objects.none()
        if scopes[0]:
            hold.scope = HoldScope.COLLECTION
            hold.collection = Collection.objects.filter(
                slug=collection_slug.strip(), department=department
            ).first()
            if hold.collection is None:
                raise invalid("records.scope", "hold_scope")
            documents = Document.objects.filter(collection=hold.collection)
        elif scopes[1]:
            hold.scope = HoldScope.DOCUMENTS
            documents = Document.objects.filter(pk__in=document_ids, collection__department=department)
            if documents.count() != len(set(document_ids)):
                raise invalid("records.documents", "hold_scope")
        else:
            hold.scope = HoldScope.QUERY
            hold.query = clean_text("records.query", query)
        # Lock the documents, so a disposal running now either finishes first or sees the hold.
        locked = list(documents.select_for_update())
        hold.save()
        if hold.scope == HoldScope.DOCUMENTS:
            hold.documents.set(locked)
    audit_record(
        actor=actor, action="records.hold.place", target=f"hold:{hold.pk}", channel=channel, scope=hold.scope
    )
    logger.info("legal hold placed id=%s department=%s scope=%s", hold.pk, department.code, hold.scope)
    return hold


def legal_hold_release(*, actor, hold: LegalHold, note: str = "", channel: str = "") -> LegalHold:
    require_manager(actor, hold.department_id, f"release legal hold {hold.pk}")
    note = clean_text("records.note", note)
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.released_at is not None:
            raise invalid("records.scope", "hold_released")
        hold.released_at = timezone.now()
        hold.released_by = actor_user(actor)
        hold.released_by_label = actor_label(actor)
        hold.release_note = note
        hold.save()
    audit_record(actor=actor, action="records.hold.release", target=f"hold:{hold.pk}", channel=channel)
    return hold


# --- disposal ------------------------------------------------------------------------------------------


def disposal_propose(
    *, actor, department: Department, on: date | None = None, channel: str = ""
) -> DisposalBatch | None:
    """Propose a batch of the department's documents due on or before ``on`` (today by default) whose
    schedule ends in destruction or transfer, and which no open batch has yet. A held document is listed
    as skipped. None when nothing could be disposed of. ``actor`` None is the periodic task."""
    if actor is not None:
        require_manager(actor, department.pk, "propose disposal")
    on = on or timezone.localdate()
    with transaction.atomic():
        # One proposal at a time per department, so two runs of the task never list a document twice.
        Department.objects.select_for_update().filter(pk=department.pk).first()
        due = [
            d
            for d in due_for_disposal(department_id=department.pk, on=on)
            if d.in_batch is None and d.action in {Action.DESTROY, Action.TRANSFER}
        ]
        if all(d.held for d in due):  # nothing could be disposed of
            return None
        batch = DisposalBatch.objects.create(
            department=department,
            due_on_or_before=on,
            proposed_by=actor_user(actor),
            proposed_by_label=actor_label(actor) if actor is not None else SYSTEM_LABEL,
        )
        DisposalItem.objects.bulk_create(
            DisposalItem(
                batch=batch,
                document=d.document,
                title=str(d.document),
                retain_until=d.retain_until,
                state=ItemState.HELD if d.held else ItemState.PENDING,
            )
            for d in due
        )
    audit_record(
        actor=actor,
        action="records.batch.propose",
        target=f"batch:{batch.pk}",
        channel=channel,
        documents=len(due),
    )
    logger.info(
        "disposal batch proposed id=%s department=%s documents=%s", batch.pk, department.code, len(due)
    )
    return batch


def disposal_propose_all() -> list[int]:
    """The periodic task's work: in every department, give documents their collection default and propose
    a batch of what is due; the ids of the batches proposed."""
    proposed = []
    for department in Department.objects.order_by("code"):
        retention_apply_defaults(department_id=department.pk)
        batch = disposal_propose(actor=None, department=department, channel="task")
        if batch is not None:
            proposed.append(batch.pk)
    return proposed


def _locked_batch(batch: DisposalBatch, wanted: str) -> DisposalBatch:
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    allowed = {
        BatchStatus.APPROVED: BatchStatus.PROPOSED,
        BatchStatus.REJECTED: BatchStatus.PROPOSED,
        BatchStatus.EXECUTED: BatchStatus.APPROVED,
    }
    if batch.status != allowed[wanted]:
        raise invalid(
            "records.batch",
            "batch_status",
            current=batch.get_status_display(),
            wanted=BatchStatus(wanted).label,
        )
    return batch


def disposal_decide(
    *, actor, batch: DisposalBatch, approve: bool, note: str = "", channel: str = ""
) -> DisposalBatch:
    """A records approver of the batch's department approves or rejects it; not the officer who proposed it."""
    if not is_records_approver(actor, batch.department_id):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"decide disposal batch {batch.pk}")
    note = clean_text("records.note", note)
    wanted = BatchStatus.APPROVED if approve else BatchStatus.REJECTED
    with transaction.atomic():
        batch = _locked_batch(batch, wanted)
        if (
            approve
            and batch.proposed_by_id is not None
            and batch.proposed_by_id == getattr(actor, "pk", None)
        ):
            raise invalid("records.batch", "own_batch")
        batch.status = wanted
        batch.decided_by = actor_user(actor)
        batch.decided_by_label = actor_label(actor)
        batch.decided_at = timezone.now()
        batch.decision_note = note
        batch.save()
    audit_record(actor=actor, action=f"records.batch.{wanted}", target=f"batch:{batch.pk}", channel=channel)
    return batch


@dataclass(frozen=True)
class _RecordsAuthority:
    """The executing records manager, with the authority to delete documents of their department that
    disposal gives them (``document_delete`` asks for a collection manager). Its audit lines carry the
    manager's name; the batch's own audit line links the user."""

    username: str
    department_id: int | None
    is_platform_admin: bool
    pk: None = None
    is_authenticated: bool = True
    can_manage_knowledge: bool = True


def disposal_execute(*, actor, batch: DisposalBatch, channel: str = "") -> DisposalBatch:
    """Dispose of an approved batch's documents. Legal holds are checked again here, inside the transaction
    with the documents locked: if any document is held now, nothing is disposed of and the error names it.
    Each document leaves a ``DisposalRecord``; a document already deleted is marked gone."""
    require_manager(actor, batch.department_id, f"execute disposal batch {batch.pk}")
    authority = _RecordsAuthority(
        username=actor_label(actor),
        department_id=batch.department_id,
        is_platform_admin=getattr(actor, "is_platform_admin", False),
    )
    with transaction.atomic():
        batch = _locked_batch(batch, BatchStatus.EXECUTED)
        items = list(batch.items.filter(state=ItemState.PENDING).select_related("document__collection"))
        documents = {
            d.pk: d
            for d in Document.objects.select_for_update()
            .filter(pk__in=[i.document_id for i in items if i.document_id])
            .select_related("collection")
        }
        refuse_if_held(list(documents.values()))
        for item in items:
            document = documents.get(item.document_id)
            if document is None:
                item.state = ItemState.GONE
                item.save(update_fields=["state"])
                continue
            _disposal_record(batch, document, actor)
            document_delete(actor=authority, document_id=document.pk, channel=channel or "records")
            item.state = ItemState.DISPOSED
            item.save(update_fields=["state"])
        batch.status = BatchStatus.EXECUTED
        batch.executed_by_label = actor_label(actor)
        batch.executed_at = timezone.now()
        batch.save()
    audit_record(actor=actor, action="records.batch.execute", target=f"batch:{batch.pk}", channel=channel)
    logger.info("disposal batch executed id=%s", batch.pk)
    return batch


def _disposal_record(batch: DisposalBatch, document: Document, actor) -> DisposalRecord:
    retention = DocumentRetention.objects.select_related("schedule").get(document=document)
    schedule = retention.schedule
    return DisposalRecord.objects.create(
        department_id=batch.department_id,
        batch=batch,
        document_id=document.pk,
        title=str(document),
        source_id=document.source_id,
        filename=document.filename,
        checksum=document.checksum,
        collection_slug=document.collection.slug,
        collection_name=document.collection.name,
        schedule_code=schedule.code if schedule else "",
        schedule_title=schedule.title_en if schedule else "",
        action=schedule.action if schedule else Action.DESTROY,
        document_date=document.document_date,
        added_at=document.created_at,
        retain_until=retention.retain_until,
        proposed_by=batch.proposed_by_label,
        approved_by=batch.decided_by_label,
        executed_by=actor_label(actor),
    )


# --- roles ---------------------------------------------------------------------------------------------

ROLE_GROUPS = {
    "manage_records": "Records managers",
    "approve_disposal": "Records approvers",
}


def records_role_add(*, actor, username: str, codename: str, channel: str = ""):
    """Make a department's user a records manager (``manage_records``) or approver (``approve_disposal``)
    of their department, through the group of that name. Platform administrators only."""
    from django.contrib.auth.models import Group, Permission

    from aiplus.core.models import User

    if not getattr(actor, "is_platform_admin", False):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="appoint records staff")
    user = User.objects.filter(username=username, department__isnull=False).first()
    if user is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"user {username!r}")
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[codename])
    group.permissions.add(Permission.objects.get(content_type__app_label="records", codename=codename))
    user.groups.add(group)
    audit_record(actor=actor, action=f"records.role.{codename}", target=f"user:{username}", channel=channel)
    return user
