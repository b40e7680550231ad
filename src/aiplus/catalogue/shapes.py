"""Solutions, needs, proposals and matches as plain dicts: what the API returns and the CLI prints, with
list labels in the reader's language."""

from django.utils import translation

from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.matching import explain
from aiplus.catalogue.models import Match, Need, Proposal, Solution, SolutionVersion, Vendor
from aiplus.catalogue.services import VERSION_FIELDS


def vendor_out(vendor: Vendor) -> dict:
    return {
        "id": vendor.pk,
        "name": vendor.name,
        "name_zh": vendor.name_zh,
        "br_number": vendor.br_number,
        "is_sme": vendor.is_sme,
        "is_startup": vendor.is_startup,
        "contact_name": vendor.contact_name,
        "contact_email": vendor.contact_email,
        "contact_phone": vendor.contact_phone,
        "website": vendor.website,
        "status": vendor.status,
        "review_note": vendor.review_note,
    }


def version_out(version: SolutionVersion) -> dict:
    return {
        "number": version.number,
        "created_at": version.created_at.isoformat(),
        **{name: getattr(version, name) for name in VERSION_FIELDS},
        "attachments": [
            {"id": a.pk, "filename": a.filename, "size": a.size} for a in version.attachments.all()
        ],
    }


def solution_out(solution: Solution, *, adoptions: int = 0, score: float | None = None) -> dict:
    version = solution.current_version
    language = translation.get_language() or "en"
    return {
        "id": str(solution.public_id),
        "vendor": solution.vendor.name,
        "vendor_is_sme": solution.vendor.is_sme,
        "status": solution.status,
        "review_note": solution.review_note,
        "name": version.name(language),
        "summary": version.summary(language),
        "category_labels": [vocab.label("categories", c) for c in version.categories],
        "adoptions": adoptions,
        "score": score,
        "version": version_out(version),
    }


def need_out(need: Need) -> dict:
    return {
        "id": need.pk,
        "department": need.department.code,
        "title": need.title,
        "problem": need.problem,
        "current_process": need.current_process,
        "volumes": need.volumes,
        "must_haves": need.must_haves,
        "nice_to_haves": need.nice_to_haves,
        "sensitivity": need.sensitivity,
        "languages": need.languages,
        "budget_min_hkd": need.budget_min_hkd,
        "budget_max_hkd": need.budget_max_hkd,
        "timeline": need.timeline,
        "visibility": need.visibility,
        "created_at": need.created_at.isoformat(),
    }


def proposal_out(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "need": proposal.need_id,
        "vendor": proposal.vendor.name,
        "solution": str(proposal.solution.public_id) if proposal.solution else None,
        "summary": proposal.summary,
        "answers": proposal.answers,
    }


def match_out(match: Match) -> dict:
    return {
        "id": match.pk,
        "solution": str(match.solution.public_id),
        "vendor": match.solution.vendor.name,
        "name": match.version.name(translation.get_language() or "en"),
        "version": match.version.number,
        "stage": match.stage,
        "rank": match.rank,
        "score": match.score,
        "breakdown": match.breakdown,
        "explanation": explain(match.breakdown),
        "outcome": match.outcome,
    }
