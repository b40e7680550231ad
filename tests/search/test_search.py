"""Bilingual search finds passages across scripts and languages, only in collections the asker may read."""

from datetime import date, timedelta

import pytest

from aiplus.core.errors import AiplusError
from aiplus.documents.models import Chunk
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


def test_a_short_result_list_is_the_top_of_the_re_ranked_list(guidance, alice, amy):
    """A paragraph that names the question's words most often leads BM25, but the one repeating the
    question's phrase in one sentence answers it; asking for one hit must still re-rank the candidates."""
    from aiplus.core.language import query_terms
    from aiplus.search.services import collection_index
    from tests.conftest import add_text

    question = "哪一年開始發出狗隻牌照續期通知？"
    add_text(
        guidance,
        alice,
        "notices.txt",
        "狗隻通知、牌照通知、續期通知：各類通知何時開始發出，視乎狗隻、牌照及續期的情況。通知一律以郵寄發出，"
        "發出日期見各通知。",
    )
    add_text(
        guidance,
        alice,
        "history.txt",
        "漁護署自1998年開始發出狗隻牌照續期通知，提醒狗主在牌照屆滿前辦理。此後，署方又增設網上繳費、"
        "自助服務站、流動登記車及熱線查詢等多項服務，方便市民在全港各區辦理各類手續。",
    )
    index = collection_index(guidance.pk)
    rows, _ = index.bm25(query_terms(question), k=1)
    bm25_first = Chunk.objects.get(pk=int(index.chunk_ids[rows[0]])).document.source_id
    assert bm25_first == "notices.txt"
    assert _sources(search(actor=amy, query=question, collections=[guidance]))[0] == "history.txt"
    assert _sources(search(actor=amy, query=question, collections=[guidance], k=1)) == ["history.txt"]
