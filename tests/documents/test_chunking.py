"""Passages keep their place in the page, so a citation can point at the exact text."""

from aiplus.documents.chunking import MAX_UNITS, chunk_page, text_units


def test_passages_cover_the_page_in_order_with_exact_offsets():
    page = " ".join(f"Sentence number {i} explains one rule of the licence scheme." for i in range(80))
    passages = chunk_page(3, page)
    assert len(passages) > 1
    for passage in passages:
        assert page[passage.char_start : passage.char_end] == passage.text
        assert passage.page_number == 3
        assert text_units(passage.text) <= MAX_UNITS * 1.3
    assert [p.char_start for p in passages] == sorted(p.char_start for p in passages)


def test_chinese_text_is_cut_at_sentence_ends():
    page = "狗隻牌照每年須續期一次。" * 60
    passages = chunk_page(1, page)
    assert len(passages) > 1
    assert all(p.text.endswith("。") for p in passages)


def test_a_sentence_longer_than_a_passage_is_still_cut():
    page = "無標點的長句" * 200
    passages = chunk_page(1, page)
    assert len(passages) > 1
    assert "".join(p.text for p in passages) == page
