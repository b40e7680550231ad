"""Needs, proposals and matching: weights are checked, ranking is explained and reproducible, a shortlist
freezes the versions it matched, and adoption counts show on the solution."""

import pytest
from django.utils import translation

from aiplus.catalogue.matching import explain, match_advance, match_suggest, rank, shortlist_confirm
from aiplus.catalogue.models import Match, Stage
from aiplus.catalogue.search import adoption_counts
from aiplus.catalogue.services import need_save, proposal_save, solution_edit
from aiplus.core.errors import AiplusError, ErrorCode
from tests.catalogue.conftest import NEED, make_need, make_solution


def test_nice_to_have_weights_must_total_100(amy):
    with pytest.raises(AiplusError) as raised:
        make_need(
            amy,
            nice_to_haves=[{"text": "Exports to Excel", "weight": 30}, {"text": "Has a trial", "weight": 30}],
        )
    assert raised.value.field == "need.weights" and raised.value.params["total"] == 60
    with pytest.raises(AiplusError) as budget:
        make_need(amy, budget_min_hkd=900000, budget_max_hkd=100000)
    assert budget.value.field == "need.budget_hkd"
    need = make_need(amy, nice_to_haves="Exports to Excel | 70\nHas a trial | 30")
    assert [item["weight"] for item in need.nice_to_haves] == [70, 30]
    assert need.department.code == "dsd"


def test_hard_filters_leave_out_what_the_need_cannot_use(vera, victor, amy):
    fits = make_solution(vera)
    make_solution(
        victor, name_en="Cloud Speech API", deployment="public_cloud", residency="outside_hong_kong"
    )
    make_solution(victor, name_en="Cantonese Expensive Transcriber", annual_price_hkd=2_000_000)
    make_solution(victor, name_en="English Transcriber", languages=["en"])
    ranked = rank(make_need(amy))
    assert [r.solution for r in ranked] == [fits]


def test_matching_is_explained_and_reproducible(vera, victor, amy):
    for number, user in enumerate([vera, victor, vera, victor]):
        make_solution(user, name_en=f"Cantonese Transcriber {number}")
    need = make_need(amy)
    first = [(r.solution.pk, r.score) for r in rank(need)]
    assert len(first) == 4 and first == [(r.solution.pk, r.score) for r in rank(need)]
    best = rank(need)[0]
    assert best.breakdown["gate"] is True
    assert {"criteria", "relevance", "must_haves", "nice_to_haves", "filters"} <= set(best.breakdown)
    with translation.override("en"):
        lines = explain(best.breakdown)
    assert any("Recognises Cantonese speech" in line for line in lines)
    assert any(line.startswith("Score") for line in lines)
    with translation.override("zh-hant"):
        assert any(line.startswith("得分") for line in explain(best.breakdown))


def test_a_failed_must_have_scores_zero(vera, amy):
    make_solution(vera)
    need = make_need(amy, must_haves=["Detects counterfeit banknotes in photographs"])
    ranked = rank(need)
    assert ranked[0].score == 0 and ranked[0].breakdown["gate"] is False
    assert match_suggest(actor=amy, need=need) == []


def test_a_proposal_with_evidence_meets_a_requirement(vera, amy):
    solution = make_solution(vera)
    need = make_need(amy, visibility="published")
    before = rank(need)[0].breakdown["nice_to_haves"][1]
    assert before["met"] is False
    proposal_save(
        actor=vera,
        need=need,
        solution=solution,
        summary="We export every transcript.",
        answers={"n2": {"met": True, "evidence": "XLSX export in release 3.2"}},
    )
    after = rank(need)[0].breakdown["nice_to_haves"][1]
    assert after["met"] is True and after["source"] == "proposal"


def test_a_shortlist_freezes_the_version_it_matched(vera, amy):
    solution = make_solution(vera)
    need = make_need(amy)
    suggested = match_suggest(actor=amy, need=need)
    assert [m.solution for m in suggested] == [solution]
    shortlist_confirm(actor=amy, need=need, match_ids=[suggested[0].pk])
    solution_edit(actor=vera, solution=solution, summary_en="Rewritten after the shortlist.")
    match = Match.objects.get(need=need)
    assert match.stage == Stage.SHORTLISTED
    assert match.version.number == 1 and match.version.summary_en.startswith("Transcribes")
    solution.refresh_from_db()
    assert solution.current_version.number == 2
    match_suggest(actor=amy, need=need)  # a new run keeps what an officer took further
    assert Match.objects.get(need=need).version.number == 1


def test_stages_run_in_order_and_adoption_is_counted(vera, amy):
    solution = make_solution(vera)
    need = make_need(amy)
    match = match_suggest(actor=amy, need=need)[0]
    with pytest.raises(AiplusError):
        match_advance(actor=amy, match=match, stage="adopted", outcome="Skipped ahead")
    shortlist_confirm(actor=amy, need=need, match_ids=[match.pk])
    match.refresh_from_db()
    match_advance(actor=amy, match=match, stage="meeting")
    match_advance(actor=amy, match=match, stage="poc")
    with pytest.raises(AiplusError) as raised:
        match_advance(actor=amy, match=match, stage="adopted")
    assert raised.value.params["reason"] == "outcome_needed"
    match_advance(actor=amy, match=match, stage="adopted", outcome="Rolled out to the hotline in May.")
    assert adoption_counts([solution.pk]) == {solution.pk: 1}


def test_another_department_cannot_match_or_shortlist(vera, amy, bob):
    make_solution(vera)
    need = make_need(amy)
    with pytest.raises(AiplusError) as raised:
        match_suggest(actor=bob, need=need)
    assert raised.value.code == ErrorCode.FORBIDDEN
    match = match_suggest(actor=amy, need=need)[0]
    for actor in (bob, vera):
        with pytest.raises(AiplusError):
            shortlist_confirm(actor=actor, need=need, match_ids=[match.pk])
        with pytest.raises(AiplusError):
            need_save(actor=actor, need=need, **NEED)


def test_a_vendor_cannot_answer_an_internal_need(vera, amy):
    need = make_need(amy)
    with pytest.raises(AiplusError) as raised:
        proposal_save(actor=vera, need=need, summary="Let us in")
    assert raised.value.code == ErrorCode.NOT_FOUND
