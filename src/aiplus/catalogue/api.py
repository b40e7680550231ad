"""REST endpoints of the catalogue under /api/v1/catalogue/. Access is the selectors'; every change goes
through the services, like the pages and the CLI."""

from django.conf import settings
from ninja import File, Router
from ninja.files import UploadedFile

from aiplus.catalogue import matching, selectors, services
from aiplus.catalogue.importing import catalogue_import, read_limited
from aiplus.catalogue.models import Vendor
from aiplus.catalogue.schemas import (
    ImportReportOut,
    MatchOut,
    NeedIn,
    NeedOut,
    ProposalIn,
    ProposalOut,
    ReviewIn,
    SearchOut,
    ShortlistIn,
    SolutionDetailOut,
    SolutionIn,
    SolutionOut,
    StageIn,
    StatusIn,
    VendorIn,
    VendorOut,
)
from aiplus.catalogue.search import CatalogueFilters, adoption_counts, catalogue_search
from aiplus.catalogue.shapes import match_out, need_out, proposal_out, solution_out, vendor_out, version_out
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.schemas import error_responses
from aiplus.core.selectors import department_by_code
from aiplus.core.views import download_response

router = Router(tags=["Catalogue"])


def _detail(actor, solution) -> dict:
    data = solution_out(solution, adoptions=adoption_counts([solution.pk]).get(solution.pk, 0))
    if selectors.can_edit_solution(actor, solution):
        data["versions"] = [version_out(v) for v in solution.versions.prefetch_related("attachments")]
    return data


@router.post("/catalogue/vendors", auth=None, response={200: VendorOut, **error_responses(409)})
def register_vendor(request, payload: VendorIn):
    """A company asks to join (no sign-in needed); it can submit solutions once the office approves it."""
    vendor = services.vendor_register(channel="api", **payload.dict())
    return vendor_out(vendor)


@router.get("/catalogue/vendors", response={200: list[VendorOut], **error_responses()})
def list_vendors(request):
    """The office sees every vendor; a vendor's user only their own."""
    if selectors.is_office(request.user):
        return [vendor_out(v) for v in Vendor.objects.all()]
    own = selectors.vendor_of(request.user)
    return [vendor_out(own)] if own else []


@router.post("/catalogue/vendors/{vendor_id}/review", response={200: VendorOut, **error_responses(403, 404)})
def review_vendor(request, vendor_id: int, payload: ReviewIn):
    vendor = Vendor.objects.filter(pk=vendor_id).first() if selectors.is_office(request.user) else None
    if vendor is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"vendor {vendor_id}")
    return vendor_out(
        services.vendor_review(actor=request.user, vendor=vendor, channel="api", **payload.dict())
    )


@router.get("/catalogue/solutions", response={200: SearchOut, **error_responses(403)})
def search_solutions(request, q: str = "", page: int = 1, per_page: int = 20):
    """Published solutions for the words (all without words), filtered by facets given as query parameters
    (``category``, ``technology``, ``language``, ``deployment``, ``residency``, ``pricing``, ``risk``, and
    ``trial``/``sme``/``startup`` = ``yes``), with every facet value's count."""
    results = catalogue_search(
        actor=request.user,
        query=q,
        filters=CatalogueFilters.from_params(request.GET),
        page=page,
        per_page=per_page,
    )
    return {
        "total": results.total,
        "page": page,
        "solutions": [vars(hit) for hit in results.hits],
        "facets": {name: [vars(f) for f in counts] for name, counts in results.facets.items()},
    }


@router.get("/catalogue/my-solutions", response={200: list[SolutionOut], **error_responses()})
def my_solutions(request):
    """Solutions the user may change, in every status: a vendor's own, or all for the office."""
    mine = [
        s for s in selectors.solutions_visible(request.user) if selectors.can_edit_solution(request.user, s)
    ]
    counts = adoption_counts([s.pk for s in mine])
    return [solution_out(s, adoptions=counts.get(s.pk, 0)) for s in mine]


@router.post("/catalogue/solutions", response={200: SolutionDetailOut, **error_responses(403)})
def create_solution(request, payload: SolutionIn):
    values = payload.dict(exclude_none=True)
    vendor_id = values.pop("vendor", None)
    vendor = Vendor.objects.filter(pk=vendor_id).first() if vendor_id else None
    solution = services.solution_create(actor=request.user, vendor=vendor, channel="api", **values)
    return _detail(request.user, solution)


@router.get("/catalogue/solutions/{public_id}", response={200: SolutionDetailOut, **error_responses(404)})
def get_solution(request, public_id: str):
    """A solution with, for its vendor and the office, every earlier version."""
    return _detail(request.user, selectors.solution_for_reading(request.user, public_id))


@router.patch(
    "/catalogue/solutions/{public_id}", response={200: SolutionDetailOut, **error_responses(403, 404)}
)
def edit_solution(request, public_id: str, payload: SolutionIn):
    """Change fields; the solution gets a new version and the earlier one is kept."""
    solution = selectors.solution_for_editing(request.user, public_id)
    values = payload.dict(exclude_none=True)
    values.pop("vendor", None)
    services.solution_edit(actor=request.user, solution=solution, channel="api", **values)
    return _detail(request.user, solution)


@router.post(
    "/catalogue/solutions/{public_id}/status", response={200: SolutionDetailOut, **error_responses(403, 404)}
)
def change_status(request, public_id: str, payload: StatusIn):
    """submit, review, publish, suspend, withdraw (``status``), with the reviewer's note."""
    solution = selectors.solution_for_editing(request.user, public_id)
    services.solution_transition(actor=request.user, solution=solution, channel="api", **payload.dict())
    return _detail(request.user, solution)


@router.post(
    "/catalogue/solutions/{public_id}/attachments",
    response={200: SolutionDetailOut, **error_responses(403, 404)},
)
def add_attachment(request, public_id: str, file: UploadedFile = File(...)):
    solution = selectors.solution_for_editing(request.user, public_id)
    data = file.read(settings.AIPLUS_MAX_UPLOAD_BYTES + 1)
    services.attachment_add(
        actor=request.user, solution=solution, filename=file.name or "", data=data, channel="api"
    )
    return _detail(request.user, solution)


@router.get("/catalogue/solutions/{public_id}/attachments/{attachment_id}", response=error_responses(404))
def get_attachment(request, public_id: str, attachment_id: int):
    solution = selectors.solution_for_reading(request.user, public_id)
    found = selectors.attachment_readable(request.user, solution, attachment_id)
    return download_response(bytes(found.content), filename=found.filename, content_type=found.content_type)


@router.post("/catalogue/import", response={200: ImportReportOut, **error_responses(403)})
def import_solutions(request, file: UploadedFile = File(...)):
    """Solutions from a CSV or XLSX file, as ``aiplus catalogue import`` (columns in docs/catalogue.md); rows
    with problems are reported by row number and left out."""
    report = catalogue_import(
        actor=request.user, data=read_limited(file), filename=file.name or "", channel="api"
    )
    return report.as_dict()


@router.get("/catalogue/needs", response={200: list[NeedOut], **error_responses()})
def list_needs(request):
    """Needs the user may see: their department's and published ones (vendors: published only)."""
    return [need_out(n) for n in selectors.needs_visible(request.user)]


@router.post("/catalogue/needs", response={200: NeedOut, **error_responses(403)})
def post_need(request, payload: NeedIn):
    values = payload.dict()
    code = values.pop("department")
    department = department_by_code(code) if code else None
    return need_out(services.need_save(actor=request.user, department=department, channel="api", **values))


@router.get("/catalogue/needs/{need_id}", response={200: NeedOut, **error_responses(404)})
def get_need(request, need_id: int):
    return need_out(selectors.need_for_reading(request.user, need_id))


@router.put("/catalogue/needs/{need_id}", response={200: NeedOut, **error_responses(403, 404)})
def edit_need(request, need_id: int, payload: NeedIn):
    need = selectors.need_for_managing(request.user, need_id)
    values = payload.dict()
    values.pop("department")
    return need_out(services.need_save(actor=request.user, need=need, channel="api", **values))


@router.get("/catalogue/needs/{need_id}/proposals", response={200: list[ProposalOut], **error_responses(404)})
def list_proposals(request, need_id: int):
    """The need's department and the office see every proposal; a vendor only their own."""
    need = selectors.need_for_reading(request.user, need_id)
    return [proposal_out(p) for p in selectors.proposals_visible(request.user, need)]


@router.post("/catalogue/needs/{need_id}/proposals", response={200: ProposalOut, **error_responses(403, 404)})
def answer_need(request, need_id: int, payload: ProposalIn):
    need = selectors.need_for_reading(request.user, need_id)
    solution = selectors.solution_for_editing(request.user, payload.solution) if payload.solution else None
    answers = {key: value.dict() for key, value in payload.answers.items()}
    proposal = services.proposal_save(
        actor=request.user,
        need=need,
        summary=payload.summary,
        answers=answers,
        solution=solution,
        channel="api",
    )
    return proposal_out(proposal)


@router.get("/catalogue/needs/{need_id}/matches", response={200: list[MatchOut], **error_responses(403, 404)})
def list_matches(request, need_id: int):
    need = selectors.need_for_managing(request.user, need_id)
    return [match_out(m) for m in selectors.matches_visible(request.user, need)]


@router.post(
    "/catalogue/needs/{need_id}/matches", response={200: list[MatchOut], **error_responses(403, 404)}
)
def suggest_matches(request, need_id: int):
    """Rank the catalogue for the need now; each match has its score breakdown and explanation."""
    need = selectors.need_for_managing(request.user, need_id)
    return [match_out(m) for m in matching.match_suggest(actor=request.user, need=need, channel="api")]


@router.post(
    "/catalogue/needs/{need_id}/shortlist", response={200: list[MatchOut], **error_responses(403, 404)}
)
def shortlist(request, need_id: int, payload: ShortlistIn):
    """Confirm suggestions as the shortlist; their solution versions are frozen from now on."""
    need = selectors.need_for_managing(request.user, need_id)
    chosen = matching.shortlist_confirm(
        actor=request.user, need=need, match_ids=payload.matches, channel="api"
    )
    return [match_out(m) for m in chosen]


@router.post("/catalogue/matches/{match_id}/stage", response={200: MatchOut, **error_responses(403, 404)})
def advance(request, match_id: int, payload: StageIn):
    match = selectors.match_for_managing(request.user, match_id)
    return match_out(matching.match_advance(actor=request.user, match=match, channel="api", **payload.dict()))
