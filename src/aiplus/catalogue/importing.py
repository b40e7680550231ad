"""Solutions from a CSV or XLSX file (one row a solution), through the same services as the pages.

Columns: ``vendor_br`` (an approved or pending vendor's business registration number), every field of a
solution version (``name_en`` … ``demo_url``; lists separated by commas, certifications by semicolons), and
optionally ``status`` (``draft``, ``submitted`` or ``published``; ``published`` only for the innovation
office). A row whose vendor already has a solution of the same English name updates it (a new version when
anything changed). Bad rows are reported by row number and left out; the others are kept.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from aiplus.catalogue.models import Solution, SolutionStatus, Vendor
from aiplus.catalogue.selectors import is_office, vendor_of
from aiplus.catalogue.services import VERSION_FIELDS, solution_create, solution_edit, solution_transition
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import invalid
from aiplus.faq.reading import MAX_ROWS, RowProblem, read_table

REQUIRED = ("vendor_br", "name_en", "name_zh", "summary_en", "summary_zh", "categories", "languages")
# The steps from draft to each status an import may ask for.
PATH_TO = {
    SolutionStatus.DRAFT: [],
    SolutionStatus.SUBMITTED: [SolutionStatus.SUBMITTED],
    SolutionStatus.PUBLISHED: [
        SolutionStatus.SUBMITTED,
        SolutionStatus.UNDER_REVIEW,
        SolutionStatus.PUBLISHED,
    ],
}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.as_dict() for p in self.problems],
        }


def read_limited(stream) -> bytes:
    """A file's bytes, read no further than one byte past the upload limit (which ``catalogue_import``
    then refuses), so an oversized file is never read whole into memory."""
    return stream.read(settings.AIPLUS_MAX_UPLOAD_BYTES + 1)


def _table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    if len(data) > settings.AIPLUS_MAX_UPLOAD_BYTES:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": settings.AIPLUS_MAX_UPLOAD_BYTES // 2**20})
    if not data:
        raise AiplusError(ErrorCode.EMPTY_FILE)
    try:
        table = read_table(data, filename)
    except AiplusError:
        raise invalid("solution.file", "faq_file") from None
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise invalid("solution.file", "faq_empty")
    header = [cell.strip().lower() for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise invalid("solution.file", "columns", missing=", ".join(missing))
    return header, table[1 : MAX_ROWS + 1]


def _import_row(actor, values: dict, vendors: dict, channel: str) -> str:
    vendor = vendors.get(values.pop("vendor_br", "").strip())
    own = vendor_of(actor)
    if vendor is None or (own is not None and vendor.pk != own.pk):
        raise AiplusError(ErrorCode.NOT_FOUND, detail="vendor")
    wanted = values.pop("status", "").strip() or SolutionStatus.DRAFT
    if wanted not in PATH_TO:
        raise invalid("solution.status", "one_of", choices=", ".join(PATH_TO))
    fields = {name: values[name] for name in VERSION_FIELDS if name in values}
    existing = (
        Solution.objects.filter(vendor=vendor, current_version__name_en=fields.get("name_en", "").strip())
        .select_related("current_version", "vendor")
        .first()
    )
    if existing is not None:
        before = existing.current_version_id
        solution_edit(actor=actor, solution=existing, channel=channel, **fields)
        return "updated" if existing.current_version_id != before else "unchanged"
    solution = solution_create(actor=actor, vendor=vendor, channel=channel, **fields)
    for status in PATH_TO[wanted]:
        solution_transition(actor=actor, solution=solution, status=status, channel=channel)
    return "created"


def catalogue_import(*, actor, data: bytes, filename: str, channel: str = "") -> ImportReport:
    if not is_office(actor) and vendor_of(actor) is None:
        raise AiplusError(ErrorCode.FORBIDDEN, detail="import solutions")
    header, rows = _table(data, filename)
    vendors = {v.br_number: v for v in Vendor.objects.all()}
    report = ImportReport()
    for number, cells in enumerate(rows, start=2):
        report.rows += 1
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        try:
            with transaction.atomic():
                outcome = _import_row(actor, values, vendors, channel)
        except AiplusError as error:
            report.problems.append(RowProblem(number, error))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report
