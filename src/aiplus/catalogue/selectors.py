"""Who may see and change what in the catalogue. Every door (page, API, CLI, search, matching, attachment
download) reads through these functions, so a vendor never sees another vendor's drafts or proposals, and
nobody outside a department (or the innovation office) sees its internal needs.

The innovation office is the permission ``catalogue.review_catalogue`` (given to a group in the admin), or
a platform administrator. Officers are users of a department; vendor users belong to a vendor instead."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from aiplus.catalogue.models import (
    Match,
    Need,
    NeedVisibility,
    Proposal,
    Solution,
    SolutionStatus,
    Vendor,
)
from aiplus.core.errors import AiplusError, ErrorCode

REVIEW_PERMISSION = "catalogue.review_catalogue"


def vendor_of(actor) -> Vendor | None:
    """The vendor the user acts for, or None."""
    if not getattr(actor, "pk", None):
        return None
    member = getattr(actor, "vendor_member", None)  # None too when the user has no vendor row
    return member.vendor if member is not None else None


def is_office(actor) -> bool:
    if getattr(actor, "is_platform_admin", False):
        return True
    return bool(getattr(actor, "pk", None)) and actor.is_active and actor.has_perm(REVIEW_PERMISSION)


def is_officer(actor) -> bool:
    """A department's user (who browses, posts needs and shortlists), or the innovation office."""
    return is_office(actor) or (
        getattr(actor, "department_id", None) is not None and vendor_of(actor) is None
    )


def _not_found(what: str) -> AiplusError:
    return AiplusError(ErrorCode.NOT_FOUND, detail=what)


# --- solutions ---------------------------------------------------------------------------------------


def solutions_visible(actor) -> QuerySet[Solution]:
    queryset = Solution.objects.select_related("vendor", "current_version")
    if is_office(actor):
        return queryset
    vendor = vendor_of(actor)
    published = Q(status=SolutionStatus.PUBLISHED)
    if vendor is not None:
        return queryset.filter(published | Q(vendor=vendor))
    if is_officer(actor):
        return queryset.filter(published)
    return queryset.none()


def solution_for_reading(actor, public_id) -> Solution:
    try:
        return solutions_visible(actor).get(public_id=public_id)
    except (Solution.DoesNotExist, ValueError, TypeError, ValidationError):  # not a solution's id at all
        raise _not_found(f"solution {public_id}") from None


def can_edit_solution(actor, solution: Solution) -> bool:
    vendor = vendor_of(actor)
    return is_office(actor) or (vendor is not None and solution.vendor_id == vendor.pk)


def solution_for_editing(actor, public_id) -> Solution:
    solution = solution_for_reading(actor, public_id)
    if not can_edit_solution(actor, solution):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"edit solution {public_id}")
    return solution


def attachment_readable(actor, solution: Solution, attachment_id: int):
    """An attachment of a solution the actor may read: its owner and the office see every file it ever had;
    others only the files of the published version."""
    files = solution.attachments.all()
    if not can_edit_solution(actor, solution):
        if solution.status != SolutionStatus.PUBLISHED or solution.current_version is None:
            raise _not_found(f"attachment {attachment_id}")
        files = solution.current_version.attachments.all()
    found = files.filter(pk=attachment_id).first()
    if found is None:
        raise _not_found(f"attachment {attachment_id}")
    return found


# --- needs, proposals, matches -------------------------------------------------------------------------


def needs_visible(actor) -> QuerySet[Need]:
    queryset = Need.objects.select_related("department")
    if is_office(actor):
        return queryset
    published = Q(visibility=NeedVisibility.PUBLISHED)
    if vendor_of(actor) is not None:
        return queryset.filter(published)
    department_id = getattr(actor, "department_id", None)
    if department_id is not None:
        return queryset.filter(published | Q(department_id=department_id))
    return queryset.none()


def need_for_reading(actor, need_id) -> Need:
    try:
        return needs_visible(actor).get(pk=int(need_id))
    except (Need.DoesNotExist, ValueError, TypeError):
        raise _not_found(f"need {need_id}") from None


def can_manage_need(actor, need: Need) -> bool:
    """The need's own department and the innovation office run its matching and shortlist."""
    if is_office(actor):
        return True
    return vendor_of(actor) is None and getattr(actor, "department_id", None) == need.department_id


def need_for_managing(actor, need_id) -> Need:
    need = need_for_reading(actor, need_id)
    if not can_manage_need(actor, need):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"manage need {need_id}")
    return need


def proposals_visible(actor, need: Need) -> QuerySet[Proposal]:
    queryset = Proposal.objects.filter(need=need).select_related("vendor", "solution__current_version")
    if can_manage_need(actor, need):
        return queryset
    vendor = vendor_of(actor)
    return queryset.filter(vendor=vendor) if vendor is not None else queryset.none()


def matches_visible(actor, need: Need) -> QuerySet[Match]:
    """Only the need's department and the office see its matches (vendors never do)."""
    if not can_manage_need(actor, need):
        return Match.objects.none()
    return Match.objects.filter(need=need).select_related("version", "solution__vendor")


def match_for_managing(actor, match_id) -> Match:
    match = (
        Match.objects.select_related("need").filter(pk=match_id).first() if str(match_id).isdigit() else None
    )
    if match is None or not can_manage_need(actor, match.need):
        if match is not None and needs_visible(actor).filter(pk=match.need_id).exists():
            raise AiplusError(ErrorCode.FORBIDDEN, detail=f"match {match_id}")
        raise _not_found(f"match {match_id}")
    return match
