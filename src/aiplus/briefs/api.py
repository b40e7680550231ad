"""REST endpoints: market briefs over the press releases of a collection the caller may read."""

from django.http import HttpResponse
from ninja import Router

from aiplus.briefs.models import Brief
from aiplus.briefs.output import render
from aiplus.briefs.schemas import BriefIn, BriefOut, BriefSummaryOut
from aiplus.briefs.services import brief_create, brief_for_reading, briefs_visible_to, notice_texts
from aiplus.core.schemas import error_responses

router = Router(tags=["Market briefs"])


def brief_summary_out(brief: Brief) -> dict:
    return {
        "id": brief.pk,
        "collection": brief.collection.slug,
        "headline": brief.headline,
        "date_from": brief.date_from,
        "date_to": brief.date_to,
        "query": brief.query,
        "language": brief.language,
        "mode": brief.mode,
        "created_by": brief.created_by_label,
        "created_at": brief.created_at.isoformat(),
    }


def brief_out(brief: Brief) -> dict:
    content = brief.content
    fields = ("summary", "signals", "quote", "agencies", "vendors", "locations", "sources")
    return {**brief_summary_out(brief), **{f: content.get(f) for f in fields}, "notices": notice_texts(brief)}


@router.get("/briefs", response={200: list[BriefSummaryOut], **error_responses()})
def list_briefs(request, agency: str = "", vendor: str = "", location: str = ""):
    """Briefs over collections you may read, newest first; ``agency``, ``vendor`` or ``location`` keeps those
    naming it (a department code, a vendor id, a place's English name)."""
    kind, key = next(
        ((k, v) for k, v in (("agency", agency), ("vendor", vendor), ("location", location)) if v), ("", "")
    )
    return [brief_summary_out(b) for b in briefs_visible_to(request.user, kind=kind, key=key)]


@router.post("/briefs", response={201: BriefOut, **error_responses(400, 404)})
def create_brief(request, payload: BriefIn):
    """Make a brief over the releases of a collection dated from ``date_from`` to ``date_to`` (YYYY-MM-DD,
    both optional), optionally on a topic; written by the model when one is configured."""
    brief = brief_create(
        actor=request.user,
        slug=payload.collection,
        date_from=payload.date_from,
        date_to=payload.date_to,
        query=payload.query,
        language=payload.language,
        channel="api",
    )
    return 201, brief_out(brief)


@router.get("/briefs/{brief_id}", response={200: BriefOut, **error_responses(404)})
def read_brief(request, brief_id: int):
    return brief_out(brief_for_reading(request.user, brief_id))


@router.get("/briefs/{brief_id}/download", response={200: None, **error_responses(400, 404)})
def download_brief(request, brief_id: int, format: str = "md"):
    """The brief as Markdown (``format=md``) or Word (``format=docx``)."""
    content, content_type, filename = render(brief_for_reading(request.user, brief_id), format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
