"""The pages of department needs: the list, the form, and a need with its matches (for its department and
the innovation office) or the vendor's proposal form (for vendors, on published needs only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aiplus.catalogue import matching, selectors, services
from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.models import NeedVisibility, SolutionStatus, Stage
from aiplus.catalogue.shapes import match_out
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.views import error_page

NEED_FIELDS = (
    "title",
    "problem",
    "current_process",
    "volumes",
    "must_haves",
    "nice_to_haves",
    "sensitivity",
    "budget_min_hkd",
    "budget_max_hkd",
    "timeline",
    "visibility",
)


@login_required
def needs(request):
    context = {
        "needs": selectors.needs_visible(request.user),
        "can_post": selectors.is_officer(request.user),
    }
    return render(request, "catalogue/needs.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_form(request):
    if not selectors.is_officer(request.user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN, detail="post needs"))
    form, form_error, status = {"visibility": NeedVisibility.INTERNAL}, "", 200
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in NEED_FIELDS}
        form["languages"] = request.POST.getlist("languages")
        try:
            need = services.need_save(actor=request.user, channel="web", **form)
            messages.success(request, _("Need posted."))
            return redirect("catalogue:need", need_id=need.pk)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {
        "form": form,
        "form_error": form_error,
        "sensitivities": vocab.choices("sensitivities"),
        "languages": vocab.choices("languages"),
        "visibilities": NeedVisibility.choices,
    }
    return render(request, "catalogue/need_form.html", context, status=status)


@login_required
def need_page(request, need_id):
    try:
        need = selectors.need_for_reading(request.user, need_id)
    except AiplusError as error:
        return error_page(request, error)
    manage = selectors.can_manage_need(request.user, need)
    vendor = selectors.vendor_of(request.user)
    proposals = list(selectors.proposals_visible(request.user, need))
    context = {
        "need": need,
        "manage": manage,
        "sensitivity": vocab.label("sensitivities", need.sensitivity),
        "languages": [vocab.label("languages", code) for code in need.languages],
        "matches": [match_out(m) for m in selectors.matches_visible(request.user, need)],
        "stages": Stage,
        "next_stages": {s: sorted(matching.NEXT_STAGES[s]) for s in Stage},
        "proposals": proposals,
        "vendor": vendor,
        "own_solutions": vendor.solutions.exclude(status=SolutionStatus.WITHDRAWN) if vendor else [],
        "requirements": [*need.must_haves, *need.nice_to_haves],
        "can_propose": vendor is not None and need.visibility == NeedVisibility.PUBLISHED,
    }
    return render(request, "catalogue/need.html", context)


@login_required
@require_POST
def need_action(request, need_id):
    """Find matches, confirm the shortlist, move a match on, or (a vendor) send a proposal."""
    action = request.POST.get("action", "")
    try:
        need = selectors.need_for_reading(request.user, need_id)
        if action == "propose":
            solution_id = request.POST.get("solution", "")
            solution = selectors.solution_for_editing(request.user, solution_id) if solution_id else None
            answers = {
                item["id"]: {
                    "met": request.POST.get(f"met-{item['id']}") == "on",
                    "evidence": request.POST.get(f"evidence-{item['id']}", ""),
                }
                for item in [*need.must_haves, *need.nice_to_haves]
            }
            services.proposal_save(
                actor=request.user,
                need=need,
                summary=request.POST.get("summary", ""),
                answers=answers,
                solution=solution,
                channel="web",
            )
            messages.success(request, _("Proposal sent."))
        elif action == "match":
            found = matching.match_suggest(actor=request.user, need=need, channel="web")
            messages.success(request, _("%(count)s matching solutions found.") % {"count": len(found)})
        elif action == "shortlist":
            matching.shortlist_confirm(
                actor=request.user, need=need, match_ids=request.POST.getlist("match"), channel="web"
            )
            messages.success(request, _("Shortlist confirmed; the matched versions are kept as they are."))
        elif action == "stage":
            match = selectors.match_for_managing(request.user, request.POST.get("match", ""))
            if match.need_id != need.pk:
                raise AiplusError(ErrorCode.NOT_FOUND, detail="match")
            matching.match_advance(
                actor=request.user,
                match=match,
                stage=request.POST.get("stage", ""),
                outcome=request.POST.get("outcome", ""),
                channel="web",
            )
            messages.success(request, _("Stage updated."))
        else:
            raise AiplusError(ErrorCode.INVALID, detail=f"action {action!r}")
    except AiplusError as error:
        return error_page(request, error)
    return redirect("catalogue:need", need_id=need.pk)
