"""Matching a department need with published solutions, explained and reproducible.

For each published solution:

1. **Hard filters** — it supports every language the need asks for; its deployment model and data residency
   are allowed for the need's data sensitivity (``sensitivity_rules`` in ``data/vocabulary.json``); its
   indicative annual price is within the budget (a solution priced by quotation passes, and says so).
2. **Relevance** — BM25 of the need's words over the catalogue index, divided by the best score (0..1).
   Only the ``CANDIDATES`` most relevant solutions (and those of vendors that answered the need) are
   weighed further: one sharing no word with the need and without a proposal cannot meet its must-haves.
3. **Requirements** — a requirement is met when the vendor's proposal for this need says so with evidence,
   or when the solution's own text covers at least ``requirement_met_coverage`` of the requirement's words.
   Every must-have must be met (the gate, 0 or 1); nice-to-haves add their weights (partly, by coverage).
4. **Score** = gate × (criteria_weight × weighted nice-to-haves + relevance_weight × relevance), weights in
   ``data/matching.json``. Ties are broken by the stable hash the search uses.

The breakdown is stored with each match and turned into words (``explain``) in the reader's language.
"""

import logging
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _

from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.models import Match, Need, Proposal, Solution, SolutionVersion, Stage
from aiplus.catalogue.search import catalogue_changed, catalogue_index, tie_hash
from aiplus.catalogue.selectors import can_manage_need
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import query_terms
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid

logger = logging.getLogger("aiplus.catalogue")

CANDIDATES = 500

# Which stage may follow which; adopted and rejected are the end.
NEXT_STAGES = {
    Stage.SUGGESTED: {Stage.SHORTLISTED, Stage.REJECTED},
    Stage.SHORTLISTED: {Stage.MEETING, Stage.PROOF_OF_CONCEPT, Stage.REJECTED},
    Stage.MEETING: {Stage.PROOF_OF_CONCEPT, Stage.ADOPTED, Stage.REJECTED},
    Stage.PROOF_OF_CONCEPT: {Stage.ADOPTED, Stage.REJECTED},
    Stage.ADOPTED: set(),
    Stage.REJECTED: set(),
}


@dataclass(frozen=True)
class Ranked:
    solution: Solution
    version: SolutionVersion
    score: float
    breakdown: dict


def _coverage(requirement: str, terms: set[str]) -> float:
    words = {t.term for t in query_terms(requirement) if t.weight >= 1.0}
    if not words:
        return 0.0
    return len(words & terms) / len(words)


def _hard_filter(need: Need, version: SolutionVersion) -> dict:
    allowed = vocab.sensitivity_allows(need.sensitivity)
    missing = [code for code in need.languages if code not in version.languages]
    price = version.annual_price_hkd
    within = price is None or need.budget_max_hkd is None or price <= need.budget_max_hkd
    return {
        "missing_languages": missing,
        "deployment_ok": version.deployment in allowed["deployments"],
        "residency_ok": version.residency in allowed["residencies"],
        "price": price,
        "budget_ok": within,
        "passed": not missing
        and within
        and version.deployment in allowed["deployments"]
        and version.residency in allowed["residencies"],
    }


def _requirement(item: dict, terms: set[str], answers: dict, threshold: float) -> dict:
    coverage = _coverage(item["text"], terms)
    answer = answers.get(item["id"]) or {}
    by_proposal = bool(answer.get("met")) and bool(answer.get("evidence"))
    met = by_proposal or coverage >= threshold
    return {
        "id": item["id"],
        "text": item["text"],
        "coverage": round(coverage, 3),
        "met": met,
        "source": "proposal" if by_proposal else "text",
        **({"weight": item["weight"]} if "weight" in item else {}),
    }


def need_text(need: Need) -> str:
    parts = [need.title, need.problem, need.current_process]
    parts += [item["text"] for item in [*need.must_haves, *need.nice_to_haves]]
    return "\n".join(part for part in parts if part)


def rank(need: Need) -> list[Ranked]:
    """Every published solution that passes the hard filters, best first, each with its breakdown."""
    settings = vocab.matching_settings()
    index = catalogue_index()
    if not len(index):
        return []
    bm25 = index.index.bm25_scores(query_terms(need_text(need)))
    best = float(bm25.max()) if len(bm25) else 0.0
    relevance = {
        int(s): float(v) / best if best > 0 else 0.0 for s, v in zip(index.solution_ids, bm25, strict=True)
    }
    proposals = list(Proposal.objects.filter(need=need))
    answers = {(p.vendor_id, p.solution_id): p.answers for p in proposals}
    # Requirements are weighed for the solutions that share words with the need (the best CANDIDATES of
    # them) and for every published solution of a vendor that answered it; the rest cannot score.
    sharing = np.flatnonzero(bm25 > 0)
    sharing = sharing[np.argsort(-bm25[sharing], kind="stable")][:CANDIDATES]
    candidates = Solution.objects.filter(
        pk__in=index.solution_ids[sharing].tolist()
    ) | Solution.objects.filter(pk__in=list(relevance), vendor_id__in=[p.vendor_id for p in proposals])
    versions = SolutionVersion.objects.filter(pk__in=candidates.values("current_version"))
    ranked = []
    for version in versions.select_related("solution__vendor"):
        solution = version.solution
        filters = _hard_filter(need, version)
        if not filters["passed"]:
            continue
        terms = set(version.terms.split())
        given = (
            answers.get((solution.vendor_id, solution.pk)) or answers.get((solution.vendor_id, None)) or {}
        )
        threshold = settings["requirement_met_coverage"]
        must = [_requirement(item, terms, given, threshold) for item in need.must_haves]
        nice = [_requirement(item, terms, given, threshold) for item in need.nice_to_haves]
        gate = all(item["met"] for item in must)
        criteria = (
            sum(item["weight"] * (1.0 if item["met"] else item["coverage"]) for item in nice) / 100
            if nice
            else 1.0
        )
        score = (
            settings["criteria_weight"] * criteria + settings["relevance_weight"] * relevance[solution.pk]
        ) * gate
        breakdown = {
            "score": round(score, 4),
            "gate": gate,
            "criteria": round(criteria, 4),
            "relevance": round(relevance[solution.pk], 4),
            "weights": {"criteria": settings["criteria_weight"], "relevance": settings["relevance_weight"]},
            "filters": filters,
            "must_haves": must,
            "nice_to_haves": nice,
        }
        ranked.append(Ranked(solution, version, round(score, 6), breakdown))
    ranked.sort(key=lambda r: (-r.score, tie_hash(r.solution.public_id)))
    return ranked


def match_suggest(*, actor, need: Need, channel: str = "") -> list[Match]:
    """Rank the catalogue for the need and keep the best as suggestions (replacing earlier suggestions;
    matches an officer has taken further are kept as they are)."""
    if not can_manage_need(actor, need):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"match need {need.pk}")
    limit = vocab.matching_settings()["suggestions"]
    ranked = rank(need)
    with transaction.atomic():
        Match.objects.filter(need=need, stage=Stage.SUGGESTED).delete()
        taken = set(Match.objects.filter(need=need).values_list("solution_id", flat=True))
        kept = [r for r in ranked if r.solution.pk not in taken and r.score > 0][:limit]
        Match.objects.bulk_create(
            Match(
                need=need,
                solution=r.solution,
                version=r.version,
                rank=place,
                score=r.score,
                breakdown=r.breakdown,
            )
            for place, r in enumerate(kept, start=1)
        )
    audit_record(
        actor=actor,
        action="catalogue.match.suggest",
        target=f"need:{need.pk}",
        channel=channel,
        count=len(kept),
    )
    return list(Match.objects.filter(need=need).select_related("version", "solution__vendor"))


def shortlist_confirm(*, actor, need: Need, match_ids: list[int], channel: str = "") -> list[Match]:
    """The officer's shortlist: these suggestions become shortlisted, pinned to the versions they matched."""
    if not can_manage_need(actor, need):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"shortlist need {need.pk}")
    wanted = {int(i) for i in match_ids if str(i).isdigit()}
    with transaction.atomic():
        chosen = list(
            Match.objects.select_for_update().filter(need=need, pk__in=wanted, stage=Stage.SUGGESTED)
        )
        if not chosen:
            raise invalid(
                "match.stage", "stage", current=Stage.SUGGESTED.label, wanted=Stage.SHORTLISTED.label
            )
        Match.objects.filter(pk__in=[m.pk for m in chosen]).update(stage=Stage.SHORTLISTED)
    audit_record(
        actor=actor,
        action="catalogue.match.shortlist",
        target=f"need:{need.pk}",
        channel=channel,
        matches=sorted(wanted),
    )
    return list(
        Match.objects.filter(pk__in=[m.pk for m in chosen]).select_related("version", "solution__vendor")
    )


def match_advance(*, actor, match: Match, stage: str, outcome: str = "", channel: str = "") -> Match:
    """Move a match on (meeting, proof of concept, adopted or rejected); adoption and rejection need the
    outcome in words."""
    if not can_manage_need(actor, match.need):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"match {match.pk}")
    current = Stage(match.stage)
    if stage not in Stage.values or stage not in NEXT_STAGES[current]:
        wanted = Stage(stage).label if stage in Stage.values else str(stage)[:40]
        raise invalid("match.stage", "stage", current=current.label, wanted=wanted)
    outcome = clean_text("match.outcome", outcome)
    if stage in {Stage.ADOPTED, Stage.REJECTED} and not outcome:
        raise invalid("match.outcome", "outcome_needed")
    match.stage = stage
    if outcome:
        match.outcome = outcome
    match.save(update_fields=["stage", "outcome", "updated_at"])
    if stage == Stage.ADOPTED:
        catalogue_changed()  # the adoption count shows in search results
    audit_record(
        actor=actor, action=f"catalogue.match.{stage}", target=f"need:{match.need_id}", channel=channel
    )
    return match


def explain(breakdown: dict) -> list[str]:
    """The breakdown in words, in the active language."""
    lines = []
    filters = breakdown["filters"]
    lines.append(
        _(
            "Supports the languages asked for, and its deployment and data residency suit the data's sensitivity."
        )
    )
    if filters["price"] is None:
        lines.append(_("Priced by quotation, so the budget could not be checked."))
    else:
        lines.append(
            _("Indicative annual price HK$%(price)s is within the budget.")
            % {"price": f"{filters['price']:,}"}
        )
    for item in breakdown["must_haves"]:
        lines.append(_requirement_line(item, must=True))
    for item in breakdown["nice_to_haves"]:
        lines.append(_requirement_line(item, must=False))
    if not breakdown["gate"]:
        lines.append(_("A must-have is not met, so the score is 0."))
    lines.append(
        _("Score %(score)s = %(cw)s × requirements %(criteria)s + %(rw)s × relevance %(relevance)s.")
        % {
            "score": f"{breakdown['score']:.2f}",
            "cw": breakdown["weights"]["criteria"],
            "criteria": f"{breakdown['criteria']:.2f}",
            "rw": breakdown["weights"]["relevance"],
            "relevance": f"{breakdown['relevance']:.2f}",
        }
    )
    return lines


def _requirement_line(item: dict, *, must: bool) -> str:
    values = {"text": item["text"], "percent": round(item["coverage"] * 100), "weight": item.get("weight", 0)}
    if item["met"] and item["source"] == "proposal":
        line = _("Meets “%(text)s”, as the vendor's proposal shows with evidence.")
    elif item["met"]:
        line = _("Meets “%(text)s”: the solution's description covers %(percent)s%% of its words.")
    else:
        line = _("Does not show “%(text)s”: its description covers only %(percent)s%% of the words.")
    prefix = _("Must-have") if must else _("Nice-to-have (weight %(weight)s)")
    return f"{prefix % values}: {line % values}"
