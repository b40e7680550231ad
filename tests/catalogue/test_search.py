"""Search over published solutions: bilingual words, facets with counts, and ties that favour no vendor by
order of entry."""

from aiplus.catalogue.search import CatalogueFilters, catalogue_search, tie_hash
from aiplus.catalogue.services import solution_transition
from tests.catalogue.conftest import make_solution


def test_chinese_and_english_words_find_the_same_solution(vera, victor, amy):
    wanted = make_solution(vera)
    make_solution(
        victor,
        name_en="Invoice Capture",
        name_zh="發票擷取",
        summary_en="Reads invoices.",
        summary_zh="讀取發票。",
        description="",
        categories=["digitise"],
        technologies=["ocr"],
        languages=["en"],
    )
    for query in ("Cantonese hotline", "粵語熱線", "粤语热线"):
        results = catalogue_search(actor=amy, query=query)
        assert [h.id for h in results.hits[:1]] == [str(wanted.public_id)], query


def test_facets_count_and_filter(vera, victor, amy):
    make_solution(vera)
    make_solution(victor, name_en="Cloud Speech", deployment="public_cloud", residency="outside_hong_kong")
    make_solution(victor, name_en="Private Draft", publish=False)
    results = catalogue_search(actor=amy)
    assert results.total == 2
    counts = {f.value: f.count for f in results.facets["deployment"]}
    assert counts["on_premises"] == 1 and counts["public_cloud"] == 1
    filtered = catalogue_search(
        actor=amy, filters=CatalogueFilters.from_params({"deployment": ["public_cloud"]})
    )
    assert [h.name_en for h in filtered.hits] == ["Cloud Speech"]
    # The chosen facet still counts its other values, so the officer can widen the choice.
    assert {f.value: f.count for f in filtered.facets["deployment"]}["on_premises"] == 1
    assert {f.value: f.count for f in filtered.facets["residency"]}["hong_kong"] == 0


def test_equal_scores_are_ordered_by_hash_not_by_entry(vera, victor, amy):
    solutions = [make_solution(user, name_en=f"Same Words {i}") for i, user in enumerate([vera, victor] * 3)]
    browse = [h.id for h in catalogue_search(actor=amy).hits]
    assert browse == [str(s.public_id) for s in sorted(solutions, key=lambda s: tie_hash(s.public_id))]
    # Vera's three score the same for a query (same vendor, same words): they too come in hash order.
    found = [
        h.id
        for h in catalogue_search(actor=amy, query="Cantonese").hits
        if h.vendor.startswith("Harbourlight")
    ]
    assert found == sorted(found, key=tie_hash) and len(found) == 3


def test_a_suspended_solution_leaves_the_catalogue(vera, amy, olivia):
    solution = make_solution(vera)
    assert catalogue_search(actor=amy, query="Cantonese").total == 1
    solution_transition(actor=olivia, solution=solution, status="suspended", note="Certificate expired")
    assert catalogue_search(actor=amy, query="Cantonese").total == 0
