"""Who may do what with records, and the reads every door shares.

A records manager is a department's user with the permission ``records.manage_records`` (the group
"Records managers", given with ``aiplus records manager-add``); a records approver has
``records.approve_disposal`` ("Records approvers"). Both act for their own department only; a platform
administrator acts for every department. Anyone who may read a document sees its retention date."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import index_terms
from aiplus.documents.models import Chunk, Document
from aiplus.documents.selectors import document_for_reading
from aiplus.records.models import (
    Action,
    BatchStatus,
    DisposalBatch,
    DisposalRecord,
    DocumentRetention,
    HoldScope,
    LegalHold,
    RetentionSchedule,
)

MANAGE_PERMISSION = "records.manage_records"
APPROVE_PERMISSION = "records.approve_disposal"


def _has(actor, permission: str, department_id) -> bool:
    if getattr(actor, "is_platform_admin", False):
        return True
    if not getattr(actor, "pk", None) or not actor.is_active or actor.department_id is None:
        return False
    return actor.department_id == department_id and actor.has_perm(permission)


def is_records_manager(actor, department_id=None) -> bool:
    """Manages records for ``department_id`` (by default: for the actor's own department)."""
    return _has(actor, MANAGE_PERMISSION, department_id or getattr(actor, "department_id", None))


def is_records_approver(actor, department_id=None) -> bool:
    return _has(actor, APPROVE_PERMISSION, department_id or getattr(actor, "department_id", None))


def is_records_staff(actor, department_id=None) -> bool:
    return is_records_manager(actor, department_id) or is_records_approver(actor, department_id)


def require_manager(actor, department_id, what: str) -> None:
    if not is_records_manager(actor, department_id):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=what)


def _own(queryset: QuerySet, actor) -> QuerySet:
    """Rows of the actor's department (every department's for a platform administrator); none for a
    user who is neither a records manager nor an approver."""
    if getattr(actor, "is_platform_admin", False):
        return queryset
    if not is_records_staff(actor):
        return queryset.none()
    return queryset.filter(department_id=actor.department_id)


def schedules_visible(actor) -> QuerySet[RetentionSchedule]:
    return _own(RetentionSchedule.objects.select_related("department", "collection"), actor)


def holds_visible(actor) -> QuerySet[LegalHold]:
    """Active holds first, then the released ones, newest first."""
    holds = LegalHold.objects.select_related("department", "collection")
    return _own(holds, actor).order_by(F("released_at").desc(nulls_first=True), "-placed_at")


def batches_visible(actor) -> QuerySet[DisposalBatch]:
    return _own(DisposalBatch.objects.select_related("department"), actor)


def records_visible(actor) -> QuerySet[DisposalRecord]:
    return _own(DisposalRecord.objects.select_related("department"), actor)


def _found(queryset: QuerySet, pk, what: str):
    found = queryset.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"{what} {pk}")
    return found


def schedule_for(actor, pk) -> RetentionSchedule:
    return _found(schedules_visible(actor), pk, "schedule")


def hold_for(actor, pk) -> LegalHold:
    return _found(holds_visible(actor), pk, "legal hold")


def batch_for(actor, pk) -> DisposalBatch:
    return _found(batches_visible(actor), pk, "disposal batch")


# --- legal holds ---------------------------------------------------------------------------------------


def _matches(document: Document, query: str) -> bool:
    """Every search term of the query occurs in the document's indexed text (terms are folded to one
    script and stemmed, as search does)."""
    wanted = set(index_terms(query))
    if not wanted:
        return False
    found: set[str] = set()
    for terms in Chunk.objects.filter(document=document).values_list("terms", flat=True):
        found.update(terms.split())
        if wanted <= found:
            return True
    return wanted <= found


def holds_on(document: Document) -> list[LegalHold]:
    """The active legal holds that cover a document: of its department, naming it, its collection, or
    search words its text matches."""
    active = LegalHold.objects.filter(
        department_id=document.collection.department_id, released_at__isnull=True
    ).order_by("placed_at")
    direct = Q(scope=HoldScope.DOCUMENTS, documents=document)
    direct |= Q(scope=HoldScope.COLLECTION, collection_id=document.collection_id)
    held = list(active.filter(direct).distinct())
    held += [hold for hold in active.filter(scope=HoldScope.QUERY) if _matches(document, hold.query)]
    return held


def disposal_blocked(document: Document) -> bool:
    """Whether a legal hold stops the document's disposal."""
    return bool(holds_on(document))


def refuse_if_held(documents) -> None:
    """Raise ``LEGAL_HOLD``, naming the documents and their holds, if any of the documents is held. Called
    with the documents locked, inside the transaction that would delete them (disposal, and
    ``documents.services`` deleting a document or a collection)."""
    documents = list(documents)
    departments = {d.collection.department_id for d in documents}
    if not LegalHold.objects.filter(department_id__in=departments, released_at__isnull=True).exists():
        return
    held = {d: holds for d in documents if (holds := holds_on(d))}
    if held:
        raise AiplusError(
            ErrorCode.LEGAL_HOLD,
            {
                "titles": ", ".join(str(d) for d in held),
                "holds": ", ".join(sorted({h.name for holds in held.values() for h in holds})),
            },
            detail="legal hold",
        )


# --- retention of one document -------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionView:
    document_id: int
    retain_until: date | None
    schedule_code: str
    schedule_title: str
    action: str
    set_how: str
    on_hold: bool | None  # None: not shown to this reader (another department's)
    holds: list[str]  # hold names, for the department's records staff only


def retention_for_reading(actor, document_id: int) -> RetentionView:
    """A document's retention, for anyone who may read it. Its own department sees whether it is held;
    records staff also see which holds."""
    document = document_for_reading(actor, document_id)
    retention = DocumentRetention.objects.filter(document=document).select_related("schedule").first()
    schedule = retention.schedule if retention else None
    department_id = document.collection.department_id
    same_department = getattr(actor, "is_platform_admin", False) or (
        getattr(actor, "department_id", None) == department_id
    )
    holds = holds_on(document) if same_department else []
    return RetentionView(
        document_id=document.pk,
        retain_until=retention.retain_until if retention else None,
        schedule_code=schedule.code if schedule else "",
        schedule_title=schedule.title_en if schedule else "",
        action=schedule.action if schedule else (Action.DESTROY if retention else ""),
        set_how=retention.set_how if retention else "",
        on_hold=bool(holds) if same_department else None,
        holds=[h.name for h in holds] if is_records_staff(actor, department_id) else [],
    )


# --- due for disposal -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueDocument:
    document: Document
    retain_until: date
    action: str
    schedule_code: str
    held: bool
    in_batch: int | None  # an open batch (proposed or approved) that already has it

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


def due_for_disposal(*, department_id, on: date) -> list[DueDocument]:
    """A department's documents whose retention ends on or before ``on``, oldest first."""
    retentions = (
        DocumentRetention.objects.filter(
            document__collection__department_id=department_id, retain_until__lte=on
        )
        .select_related("document__collection", "schedule")
        .order_by("retain_until", "document_id")
    )
    open_items = dict(
        DisposalBatch.objects.filter(
            department_id=department_id, status__in=[BatchStatus.PROPOSED, BatchStatus.APPROVED]
        )
        .filter(items__document__isnull=False)
        .values_list("items__document_id", "pk")
    )
    return [
        DueDocument(
            document=r.document,
            retain_until=r.retain_until,
            action=r.schedule.action if r.schedule else Action.DESTROY,
            schedule_code=r.schedule.code if r.schedule else "",
            held=disposal_blocked(r.document),
            in_batch=open_items.get(r.document_id),
        )
        for r in retentions
    ]


def acting_department(actor, code: str | None):
    """The department a records action is for: the one named by code, or the actor's own."""
    from aiplus.core.selectors import department_by_code

    if code:
        return department_by_code(code)
    if getattr(actor, "department", None) is None:
        raise AiplusError(ErrorCode.MISSING_FIELD, {"field": "department"}, detail="department")
    return actor.department


def records_search(actor, words: str = "") -> QuerySet[DisposalRecord]:
    """Disposal records the actor may see whose title, source, collection or schedule contains the words."""
    found = records_visible(actor)
    for word in words.split():
        found = found.filter(
            Q(title__icontains=word)
            | Q(source_id__icontains=word)
            | Q(collection_slug__icontains=word)
            | Q(schedule_code__icontains=word)
        )
    return found
