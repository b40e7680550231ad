from datetime import date

from ninja import Schema

from aiplus.faq.schemas import RowProblemOut


class ScheduleIn(Schema):
    code: str
    title_en: str
    title_zh: str = ""
    years: int = 0
    months: int = 0
    days: int = 0
    trigger: str = "document_date"
    action: str = "destroy"
    collection: str = ""
    document_type: str = ""
    department: str = ""  # a platform administrator names the department


class ScheduleOut(Schema):
    id: int
    department: str
    code: str
    title_en: str
    title_zh: str
    years: int
    months: int
    days: int
    period: str
    trigger: str
    action: str
    collection: str
    document_type: str


class ScheduleImportOut(Schema):
    created: int
    updated: int
    problems: list[RowProblemOut]


class RetentionIn(Schema):
    schedule_code: str | None = None
    until: date | None = None


class CloseIn(Schema):
    closed_on: date


class RetentionOut(Schema):
    document_id: int
    retain_until: date | None
    schedule_code: str
    schedule_title: str
    action: str
    set_how: str
    on_hold: bool | None
    holds: list[str]


class DueOut(Schema):
    document_id: int
    title: str
    collection: str
    retain_until: date
    action: str
    schedule_code: str
    held: bool
    batch: int | None


class HoldIn(Schema):
    name: str
    reason: str
    collection: str = ""
    documents: list[int] = []
    query: str = ""
    department: str = ""


class NoteIn(Schema):
    note: str = ""


class HoldOut(Schema):
    id: int
    department: str
    name: str
    reason: str
    scope: str
    collection: str
    documents: list[int]
    query: str
    placed_by: str
    placed_at: str
    active: bool
    released_by: str
    released_at: str | None


class ProposeIn(Schema):
    department: str = ""
    on: date | None = None


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class BatchItemOut(Schema):
    document_id: int | None
    title: str
    retain_until: date
    state: str


class BatchOut(Schema):
    id: int
    department: str
    status: str
    due_on_or_before: date
    proposed_by: str
    proposed_at: str
    decided_by: str
    decision_note: str
    executed_by: str
    items: list[BatchItemOut]


class RecordOut(Schema):
    department: str
    batch: int
    document_id: int
    title: str
    source_id: str
    filename: str
    checksum: str
    collection: str
    collection_name: str
    schedule_code: str
    schedule_title: str
    action: str
    document_date: str
    added_at: str
    retain_until: str
    proposed_by: str
    approved_by: str
    executed_by: str
    disposed_at: str
