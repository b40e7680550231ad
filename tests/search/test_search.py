"""Bilingual search finds passages across scripts and languages, only in collections the asker may read."""

from datetime import date, timedelta

import pytest

from aiplus.core.errors import AiplusError
from aiplus.search.services import SearchFilters, search


def _sources(hits):
    return [hit.source_id for hit in hits]


def test_traditional_and_simplified_queries_find_the_same_passages(guidance, amy):
    traditional = search(actor=amy, query="狗隻牌照續期費用", collections=[guidance])
    simplified = search(actor=amy, query="狗只牌照续期费用", collections=[guidance])
    assert _sources(traditional)[0] == "dog-zh.txt"
    assert _sources(traditional) == _sources(simplified)


def test_a_code_mixed_cantonese_query_finds_both_languages(guidance, amy):
    hits = search(actor=amy, query="點樣 renew 狗牌?", collections=[guidance])
    assert set(_sources(hits)[:2]) == {"dog-zh.txt", "dog-en.txt"}


def test_english_query_matches_inflected_words(guidance, amy):
    hits = search(actor=amy, query="renewing licences", collections=[guidance])
    assert _sources(hits)[0] == "dog-en.txt"


def test_filters_by_language_and_type(guidance, amy):
    chinese = search(
        actor=amy, query="牌照 licence", collections=[guidance], filters=SearchFilters(languages=("zh-Hant",))
    )
    assert chinese and all(hit.source_id.endswith("-zh.txt") for hit in chinese)
    assert search(actor=amy, query="licence", filters=SearchFilters(file_types=("pdf",))) == []


def test_filter_by_document_date(guidance, amy):
    tomorrow = date.today() + timedelta(days=2)
    assert search(actor=amy, query="licence", filters=SearchFilters(date_from=tomorrow)) == []
    assert search(actor=amy, query="licence", filters=SearchFilters(date_to=tomorrow))


def test_another_departments_private_passages_never_appear(guidance, pier_notes, bob, amy):
    assert _sources(search(actor=bob, query="pier relocation budget")) == ["pier.txt"]
    assert search(actor=amy, query="pier relocation budget 碼頭遷移預算") == []
    # Passing the collection explicitly does not widen access.
    assert search(actor=amy, query="pier relocation budget", collections=[pier_notes]) == []


def test_an_empty_query_is_refused(amy):
    with pytest.raises(AiplusError):
        search(actor=amy, query="   ")


def test_new_documents_are_searchable_at_once(guidance, alice, amy):
    from tests.conftest import add_text

    assert search(actor=amy, query="liquor") == []
    add_text(guidance, alice, "liquor.txt", "A liquor licence costs HK$1,500 and takes 30 working days.")
    assert _sources(search(actor=amy, query="liquor")) == ["liquor.txt"]
