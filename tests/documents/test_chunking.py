"""Passages keep their place in the page, so a citation can point at the exact text."""

import pytest

from aiplus.documents.chunking import MAX_UNITS, chunk_page, is_lead_in, text_units


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


def test_a_question_goes_with_its_answer_into_the_next_passage():
    """An FAQ's question is never left at the end of one passage with its answer in the next."""
    # The answer fills the first passage up to just after the next question (330 + 5 + 4 + 6 of 350 units).
    answer = "狗隻牌照每三年續期一次。" * 30 + "可網上辦理。"
    fees = "狗隻牌照（三年）：港幣120元。\n已絕育狗隻：港幣60元。\n逾期續期附加費：港幣50元。\n補領狗牌：港幣35元。\n"
    page = f"點樣續期？\n{answer}\n狗牌要幾多錢？\n{fees * 3}"
    passages = chunk_page(1, page)
    assert len(passages) == 2
    assert passages[1].text.startswith("狗牌要幾多錢？")
    assert all(page[p.char_start : p.char_end] == p.text for p in passages)


@pytest.mark.parametrize(
    ("line", "leads_in"),
    [
        ("狗牌要幾多錢？", True),
        ("How do I renew?", True),
        ("Fees:", True),
        ("收費", True),
        ("狗隻牌照（三年）：港幣120元", False),
        ("The licence lasts three years.", False),
    ],
)
def test_headings_and_questions_lead_in_and_facts_do_not(line, leads_in):
    assert is_lead_in(line) is leads_in
