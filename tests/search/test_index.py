"""The collection index: saved and loaded intact, updated after a change exactly as a full build would rank,
and the re-rank's phrase rarity counted on a sample when a collection is large."""

import random
import threading

import numpy as np

from aiplus.core.language import QueryTerm, query_terms
from aiplus.documents.models import Document
from aiplus.documents.services import document_delete
from aiplus.search import services
from aiplus.search.index import CollectionIndex, IndexRow, PhraseFrequency
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
        phrases=PhraseFrequency.count(["Dog licence renewal fee", "Hawker licence", "狗隻牌照"]),
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


QUESTIONS = ["狗隻牌照續期費用", "小販牌照申請", "liquor licence fee", "圖書館開放時間", "renew licence 續期"]


def _same_ranking(index, full):
    assert index.chunk_ids.tolist() == full.chunk_ids.tolist()
    assert index.document_ids.tolist() == full.document_ids.tolist()
    assert index.dates.tolist() == full.dates.tolist()
    assert sorted(index.vocabulary) == sorted(full.vocabulary)
    for question in QUESTIONS:
        rows, scores = index.bm25(query_terms(question), k=50)
        full_rows, full_scores = full.bm25(query_terms(question), k=50)
        assert rows.tolist() == full_rows.tolist()
        np.testing.assert_allclose(scores, full_scores, rtol=1e-6)


def test_an_update_ranks_exactly_as_a_full_build(guidance, alice, amy, monkeypatch):
    monkeypatch.setattr(services, "REBUILD_SHARE", 10.0)
    built = collection_index(guidance.pk)
    assert built.changes == 0
    add_text(guidance, alice, "liquor.txt", "A liquor licence costs HK$1,500.\n\nApply at any office.")
    add_text(guidance, alice, "library.txt", "圖書館開放時間調整。\n\n星期一休館。")
    document_delete(actor=alice, document_id=Document.objects.get(source_id="dog-en.txt").pk)
    add_text(
        guidance,
        alice,
        "hawker-zh.txt",
        "小販牌照申請\n\n申請小販牌照須親身遞交申請表格，申請費為港幣三百元。",
    )

    index = collection_index(guidance.pk)  # updated from the one in memory
    full = services._built(guidance.pk, index.version)
    assert index.changes > 0
    _same_ranking(index, full)
    # Dropped passages' phrases stay counted until the next full build; new ones are all counted.
    assert all(index.phrases.counts[phrase] >= count for phrase, count in full.phrases.counts.items())
    assert index.phrases.documents == full.phrases.documents + 2
    hits = search(actor=amy, query="小販牌照申請費", collections=[guidance])
    assert hits[0].source_id == "hawker-zh.txt" and "三百" in hits[0].text

    services.drop_cached_indexes()  # another process: updates the newest saved index
    add_text(guidance, alice, "pier.txt", "Pier opening hours change in May.")
    index = collection_index(guidance.pk)
    assert index.changes > 0
    _same_ranking(index, services._built(guidance.pk, index.version))
    assert [p.name for p in services._index_path(guidance.pk, 0).parent.iterdir()] == [
        f"collection-{guidance.pk}-v{index.version}.npz"
    ]


def test_updated_rows_keep_chunk_id_order_and_drop_unused_terms():
    rng = random.Random(7)
    words = [f"w{n}" for n in range(300)]

    def row(chunk_id):
        terms = " ".join(rng.choice(words[: 100 + chunk_id % 200]) for _ in range(rng.randint(1, 40)))
        return IndexRow(chunk_id, chunk_id // 3, terms, "en", "txt", chunk_id)

    rows = {chunk_id: row(chunk_id) for chunk_id in range(10, 400, 2)}
    index = CollectionIndex.build(rows.values(), version=1)
    keep = np.asarray([chunk_id % 7 != 0 for chunk_id in rows])
    added = [row(chunk_id) for chunk_id in (401, 5, 403, 211)]  # 5 and 211 commit late
    updated = index.updated(added, keep=keep, version=2, phrases=index.phrases, changes=1)
    survivors = [r for r, kept in zip(rows.values(), keep, strict=True) if kept] + added
    full = CollectionIndex.build(sorted(survivors, key=lambda r: r.chunk_id), version=2)
    _same_ranking(updated, full)
    for _ in range(50):
        terms = [QueryTerm(rng.choice(words), rng.random()) for _ in range(4)]
        np.testing.assert_allclose(updated.bm25(terms, k=20)[1], full.bm25(terms, k=20)[1], rtol=1e-6)


def test_a_full_build_replaces_updates_once_changes_pass_the_share(guidance, alice, monkeypatch):
    monkeypatch.setattr(services, "REBUILD_SHARE", 0.5)
    collection_index(guidance.pk)
    add_text(guidance, alice, "a.txt", "Alpha notice.")  # 1 change, 4 passages
    assert collection_index(guidance.pk).changes == 1
    add_text(guidance, alice, "b.txt", "Beta notice.")  # 2 changes, 5 passages
    assert collection_index(guidance.pk).changes == 2
    document_delete(actor=alice, document_id=Document.objects.get(source_id="a.txt").pk)  # 3 of 4
    assert collection_index(guidance.pk).changes == 0


def test_a_sampled_collection_counts_new_passages_on_the_sample_stride(guidance, alice, monkeypatch):
    monkeypatch.setattr(services, "PHRASE_SAMPLE", 2)
    monkeypatch.setattr(services, "REBUILD_SHARE", 10.0)
    built = collection_index(guidance.pk)
    assert built.phrases.every == 2
    for number in range(4):
        add_text(guidance, alice, f"notice-{number}.txt", f"公告第{number}號。")
    index = collection_index(guidance.pk)
    new_ids = set(index.chunk_ids.tolist()) - set(built.chunk_ids.tolist())
    assert index.phrases.documents == built.phrases.documents + sum(1 for i in new_ids if i % 2 == 0)


def test_processes_saving_at_once_never_leave_a_half_written_index(tmp_path):
    path = tmp_path / "index" / "collection-1-v3.npz"
    versions = [
        CollectionIndex.build([_row(n, f"term{n % 50} other{n}") for n in range(size)], version=3)
        for size in (3000, 4000)
    ]
    versions[0].save(path)
    errors: list[Exception] = []

    def write(index):
        for _ in range(10):
            try:
                index.save(path)
            except Exception as error:  # any failure is the finding
                errors.append(error)

    def read():
        for _ in range(30):
            try:
                assert len(CollectionIndex.load(path)) in (3000, 4000)
            except Exception as error:  # any failure is the finding
                errors.append(error)

    threads = [threading.Thread(target=write, args=(v,)) for v in versions] + [threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [p.name for p in path.parent.iterdir()] == [path.name]
