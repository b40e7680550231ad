"""REST endpoints of the personal-data governance view: model calls and redactions with counts per type, as
JSON or CSV. Department administrators see their department; governance officers and platform administrators
see all."""

from datetime import datetime

from django.http import StreamingHttpResponse
from ninja import Query, Router, Schema

from aiplus.core.schemas import error_responses
from aiplus.privacy.governance import governance_csv, governance_filter, governance_report

router = Router(tags=["Personal data"])


class GovernanceEntryOut(Schema):
    at: datetime
    kind: str
    department: str
    user: str
    feature: str
    action: str
    channel: str
    model: str
    policy: str
    ok: bool
    target: str
    counts: dict[str, int]


class GovernanceTotalOut(Schema):
    type: str
    found: int
    masked: int
    refused: int
    redacted: int


class GovernanceOut(Schema):
    matched: int
    totals: list[GovernanceTotalOut]
    entries: list[GovernanceEntryOut]


class GovernanceQuery(Schema):
    department: str = ""
    feature: str = ""
    since: str = ""  # YYYY-MM-DD; checked by the service, which names the field when it is not a date
    until: str = ""
    type: str = ""


def _filter(request, query: GovernanceQuery):
    return governance_filter(actor=request.user, **query.dict())


@router.get("/governance", response={200: GovernanceOut, **error_responses(403)})
def governance(request, query: Query[GovernanceQuery], limit: int = 500):
    """Model calls and redactions, newest first (at most ``limit``, 1–1000), with totals per personal-data
    type over every match: found in text sent to models, masked, refused under ``block``, and redacted."""
    report = governance_report(_filter(request, query), limit=max(1, min(limit, 1000)))
    return {"matched": report.matched, "totals": report.totals, "entries": report.entries}


@router.get("/governance.csv", response={200: str, **error_responses(403)})
def governance_export(request, query: Query[GovernanceQuery]):
    """Every matching model call and redaction as CSV (UTF-8), one count column per personal-data type."""
    return csv_response(_filter(request, query))


def csv_response(wanted) -> StreamingHttpResponse:
    response = StreamingHttpResponse(governance_csv(wanted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="personal-data-audit.csv"'
    return response
