"""The collection index: saved and loaded intact, and the re-rank's phrase rarity counted on a sample when
a collection is large."""

from aiplus.core.language import QueryTerm
from aiplus.search import services
from aiplus.search.index import CollectionIndex, IndexRow
from aiplus.search.services import collection_index, search
from tests.conftest import add_text


def _row(chunk_id, terms):
    return IndexRow(
        chunk_id=chunk_id, document_id=chunk_id, terms=terms, language="en", file_type="txt", date_ordinal=0
    )


def test_a_saved_index_loads_with_the_same_ranking_and_phrase_counts(tmp_path):
    index = CollectionIndex.build(
        [_row(1, "dog licenc renew fee"), _row(2, "hawker licenc"), _row(3, "pier")],
        version=7,
        phrase_sample=["Dog licence renewal fee", "Hawker licence", "狗隻牌照"],
    )
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = CollectionIndex.load(path)

    terms = [QueryTerm("licenc", 1.0), QueryTerm("renew", 1.0)]
    assert loaded.version == 7
    assert loaded.bm25(terms, k=3)[0].tolist() == index.bm25(terms, k=3)[0].tolist() == [0, 1]
    assert loaded.phrases == index.phrases
    assert loaded.phrases.documents == 3
    assert loaded.phrases.counts["licenc"] == 2
    assert loaded.phrases.counts["牌照"] == 1  # Chinese phrases are folded to Simplified pairs


def test_a_large_collection_counts_phrases_on_an_even_sample(guidance, alice, amy, monkeypatch):
    for number in range(12):
        add_text(guidance, alice, f"notice-{number}.txt", f"公告第{number}號：圖書館開放時間調整。")
    monkeypatch.setattr(services, "PHRASE_SAMPLE", 5)
    services.drop_cached_indexes()
    index = collection_index(guidance.pk)
    assert 0 < index.phrases.documents < len(index)
    hits = search(actor=amy, query="狗隻牌照續期費用", collections=[guidance])
    assert hits[0].source_id == "dog-zh.txt"
