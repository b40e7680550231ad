"""The catalogue's pages: browse and search, a solution (with its versions, files and review actions), the
vendor's form, vendor registration, the innovation office's queue, needs with their matches and proposals.
Each view parses the form, calls one service and renders; access is the selectors'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from aiplus.catalogue import selectors, services
from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.models import Solution, SolutionStatus, Vendor, VendorStatus
from aiplus.catalogue.search import FACETS, FLAGS, CatalogueFilters, adoption_counts, catalogue_search
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.views import download_response, error_page
from aiplus.documents.uploads import upload_limit_mb

LIST_FIELDS = ("categories", "technologies", "languages")
TEXT_FIELDS = (
    "name_en",
    "name_zh",
    "summary_en",
    "summary_zh",
    "description",
    "deployment",
    "residency",
    "certifications",
    "pricing_model",
    "annual_price_hkd",
    "references",
    "risk_tier",
    "demo_url",
)
FLAG_LABELS = {
    "trial": gettext_lazy("Free trial"),
    "sme": gettext_lazy("SME"),
    "startup": gettext_lazy("Start-up"),
}


def _lists() -> dict:
    return {kind: vocab.choices(kind) for kind in vocab.KINDS}


@login_required
def browse(request):
    query = request.GET.get("q", "")
    try:
        results = catalogue_search(
            actor=request.user,
            query=query,
            filters=CatalogueFilters.from_params(request.GET),
            page=request.GET.get("page", "1"),
        )
    except AiplusError as error:
        return error_page(request, error)
    facets = [(name, _kind_label(name), results.facets[name]) for name, _kind, _column in FACETS]
    flags = [(flag, FLAG_LABELS[flag], results.facets[flag][0]) for flag in FLAGS]
    context = {
        "query": query,
        "results": results,
        "hits": results.hits,
        "facets": facets,
        "flags": flags,
        "is_office": selectors.is_office(request.user),
        "vendor": selectors.vendor_of(request.user),
    }
    return render(request, "catalogue/browse.html", context)


def _kind_label(name: str) -> str:
    return {
        "category": _("Capability"),
        "technology": _("Technology"),
        "language": _("Languages"),
        "deployment": _("Deployment"),
        "residency": _("Data residency"),
        "pricing": _("Pricing"),
        "risk": _("Generative-AI risk tier"),
    }[name]


def _version_labels(version) -> dict:
    return {
        "categories": [vocab.label("categories", c) for c in version.categories],
        "technologies": [vocab.label("technologies", c) for c in version.technologies],
        "languages": [vocab.label("languages", c) for c in version.languages],
        "deployment": vocab.label("deployments", version.deployment),
        "residency": vocab.label("residencies", version.residency),
        "pricing_model": vocab.label("pricing_models", version.pricing_model),
        "risk_tier": vocab.label("risk_tiers", version.risk_tier),
    }


def _actions(actor, solution: Solution) -> list[tuple[str, str]]:
    """The status moves this person may make now, as (status, label)."""
    office = selectors.is_office(actor)
    moves = services.TRANSITIONS.get(solution.status, {})
    return [
        (status, SolutionStatus(status).label) for status, who in moves.items() if who == "vendor" or office
    ]


@login_required
@require_http_methods(["GET", "POST"])
def solution_page(request, public_id):
    try:
        solution = selectors.solution_for_reading(request.user, public_id)
        can_edit = selectors.can_edit_solution(request.user, solution)
        if request.method == "POST":
            if not can_edit:
                raise AiplusError(ErrorCode.FORBIDDEN, detail="change solution")
            if "file" in request.FILES or getattr(request, "upload_refused", False):
                if getattr(request, "upload_refused", False):
                    raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
                upload = request.FILES["file"]
                services.attachment_add(
                    actor=request.user,
                    solution=solution,
                    filename=upload.name,
                    data=upload.read(),
                    channel="web",
                )
                messages.success(request, _("File attached."))
            else:
                services.solution_transition(
                    actor=request.user,
                    solution=solution,
                    status=request.POST.get("status", ""),
                    note=request.POST.get("note", ""),
                    channel="web",
                )
                messages.success(
                    request, _("Status changed to %(status)s.") % {"status": solution.get_status_display()}
                )
            return redirect("catalogue:solution", public_id=solution.public_id)
    except AiplusError as error:
        return error_page(request, error)
    version = solution.current_version
    context = {
        "solution": solution,
        "version": version,
        "labels": _version_labels(version),
        "name": version.name(translation.get_language() or "en"),
        "summary": version.summary(translation.get_language() or "en"),
        "can_edit": can_edit,
        "versions": list(solution.versions.order_by("-number")) if can_edit else [],
        "attachments": list(version.attachments.all()),
        "actions": _actions(request.user, solution) if can_edit else [],
        "adoptions": adoption_counts([solution.pk]).get(solution.pk, 0),
        "limit_mb": min(services.ATTACHMENT_LIMIT_BYTES // 2**20, upload_limit_mb()),
    }
    return render(request, "catalogue/solution.html", context)


@login_required
def attachment_download(request, public_id, attachment_id):
    try:
        solution = selectors.solution_for_reading(request.user, public_id)
        found = selectors.attachment_readable(request.user, solution, attachment_id)
    except AiplusError as error:
        return error_page(request, error)
    return download_response(bytes(found.content), filename=found.filename, content_type=found.content_type)


def _solution_form(post) -> dict:
    values = {name: post.get(name, "") for name in TEXT_FIELDS}
    values.update({name: post.getlist(name) for name in LIST_FIELDS})
    values["personal_data"] = post.get("personal_data") == "on"
    values["trial"] = post.get("trial") == "on"
    return values


@login_required
@require_http_methods(["GET", "POST"])
def solution_form(request, public_id=None):
    """A new solution, or a change to one (which keeps the earlier version)."""
    solution = None
    try:
        if public_id is not None:
            solution = selectors.solution_for_editing(request.user, public_id)
        elif selectors.vendor_of(request.user) is None:
            raise AiplusError(ErrorCode.FORBIDDEN, detail="only vendors create solutions on this page")
    except AiplusError as error:
        return error_page(request, error)
    form, form_error, status = {}, "", 200
    if solution is not None:
        version = solution.current_version
        form = {name: getattr(version, name) for name in services.VERSION_FIELDS}
        form["certifications"] = "; ".join(version.certifications)
    if request.method == "POST":
        form = _solution_form(request.POST)
        try:
            if solution is None:
                solution = services.solution_create(actor=request.user, channel="web", **form)
            else:
                services.solution_edit(actor=request.user, solution=solution, channel="web", **form)
            messages.success(request, _("Solution saved."))
            return redirect("catalogue:solution", public_id=solution.public_id)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {"solution": solution, "form": form, "form_error": form_error, "lists": _lists()}
    return render(request, "catalogue/solution_form.html", context, status=status)


VENDOR_FIELDS = (
    "name",
    "name_zh",
    "br_number",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "username",
)


@require_http_methods(["GET", "POST"])
def register(request):
    """A company asks to join the catalogue; the innovation office approves it."""
    form, form_error, status = {}, "", 200
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in VENDOR_FIELDS}
        try:
            services.vendor_register(
                **form,
                password=request.POST.get("password", ""),
                is_sme=request.POST.get("is_sme") == "on",
                is_startup=request.POST.get("is_startup") == "on",
                channel="web",
            )
            return render(request, "catalogue/registered.html")
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    return render(request, "catalogue/register.html", {"form": form, "form_error": form_error}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def workspace(request):
    """The vendor's own solutions, or for the innovation office the vendors and solutions awaiting it."""
    office = selectors.is_office(request.user)
    vendor = selectors.vendor_of(request.user)
    if not office and vendor is None:
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN, detail="catalogue workspace"))
    if request.method == "POST" and office:
        try:
            found = Vendor.objects.filter(pk=request.POST.get("vendor", "0") or 0).first()
            if found is None:
                raise AiplusError(ErrorCode.NOT_FOUND, detail="vendor")
            services.vendor_review(
                actor=request.user,
                vendor=found,
                approve=request.POST.get("decision") == "approve",
                note=request.POST.get("note", ""),
                channel="web",
            )
            messages.success(request, _("Vendor %(name)s reviewed.") % {"name": found.name})
        except AiplusError as error:
            return error_page(request, error)
        return redirect("catalogue:workspace")
    solutions = selectors.solutions_visible(request.user)
    if office:
        solutions = solutions.filter(status__in=[SolutionStatus.SUBMITTED, SolutionStatus.UNDER_REVIEW])
    else:
        solutions = solutions.filter(vendor=vendor)
    context = {
        "office": office,
        "vendor": vendor,
        "pending": Vendor.objects.filter(status=VendorStatus.PENDING) if office else [],
        "solutions": solutions,
    }
    return render(request, "catalogue/workspace.html", context)
