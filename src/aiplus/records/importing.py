"""Retention schedules from a CSV or XLSX file, one row a schedule, through ``schedule_save`` (the same
service as the page's form). All or nothing: a file with a bad row changes nothing, and the report names
every bad row."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.validation import invalid
from aiplus.faq.reading import MAX_ROWS, RowProblem, read_table
from aiplus.records.selectors import require_manager
from aiplus.records.services import schedule_save

SCHEDULE_COLUMNS = ("code", "title_en", "title_zh", "years", "months", "days", "trigger", "action")


@dataclass
class ScheduleImport:
    created: int = 0
    updated: int = 0
    problems: list = field(default_factory=list)  # RowProblem, as the FAQ and catalogue imports report them

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "problems": [p.as_dict() for p in self.problems],
        }


def schedules_import(
    *, actor, department: Department, data: bytes, filename: str, channel: str = ""
) -> ScheduleImport:
    """Schedules from a CSV or XLSX file with the columns ``code, title_en, title_zh, years, months, days,
    trigger, action`` and optionally ``collection`` and ``document_type``. All or nothing: a file with a
    bad row changes nothing, and the report names every bad row."""
    require_manager(actor, department.pk, "import retention schedules")
    if len(data) > settings.AIPLUS_MAX_UPLOAD_BYTES:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": settings.AIPLUS_MAX_UPLOAD_BYTES // 2**20})
    if not data:
        raise AiplusError(ErrorCode.EMPTY_FILE)
    table = [row for row in read_table(data, filename, field="records.file") if any(c.strip() for c in row)]
    if not table:
        raise invalid("records.file", "faq_empty")
    header = [cell.strip().lower() for cell in table[0]]
    missing = [name for name in ("code", "title_en") if name not in header]
    if missing:
        raise invalid("records.file", "columns", missing=", ".join(missing))
    report = ScheduleImport()
    with transaction.atomic():
        for number, cells in enumerate(table[1 : MAX_ROWS + 1], start=2):
            row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
            fields = {name: row[name] for name in SCHEDULE_COLUMNS if row.get(name, "") != ""}
            try:
                with transaction.atomic():
                    _schedule, created = schedule_save(
                        actor=actor,
                        department=department,
                        collection_slug=row.get("collection", ""),
                        document_type=row.get("document_type", ""),
                        channel=channel,
                        **fields,
                    )
            except AiplusError as error:
                report.problems.append(RowProblem(number, error))
                continue
            report.created += created
            report.updated += not created
        if report.problems:
            transaction.set_rollback(True)
            report.created = report.updated = 0
    return report
