"""The language toolkit decides which script a user wrote in and turns text into search terms."""

import pytest

from aiplus.core.language import Script, convert_script, detect_script, index_terms, query_terms


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("How do I renew my dog licence?", Script.ENGLISH),
        ("點樣續期狗隻牌照？", Script.TRADITIONAL),
        ("怎样续期狗只牌照？", Script.SIMPLIFIED),
        ("點樣 renew 狗牌?", Script.TRADITIONAL),
        ("请把meeting minutes send俾我", Script.SIMPLIFIED),
        ("What are the opening hours of the 灣仔 office?", Script.ENGLISH),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_traditional_and_simplified_spellings_give_the_same_terms():
    assert index_terms("狗隻牌照續期辦公時間") == index_terms("狗只牌照续期办公时间")


def test_traditional_text_is_segmented_into_words_not_characters():
    terms = index_terms("總監辦公室位於灣仔")
    assert "办公室" in terms
    assert "湾仔" in terms


def test_english_words_are_stemmed_and_stop_words_dropped():
    assert index_terms("Renewing the licences") == index_terms("renewed licence")
    assert "the" not in index_terms("the fee")


def test_cantonese_and_code_mixed_queries_reach_written_chinese_terms():
    terms = {t.term: t.weight for t in query_terms("點樣 renew 狗牌?")}
    assert "续期" in terms  # from the glossary: renew
    assert "牌照" in terms  # from Cantonese: 狗牌
    assert terms["renew"] == 1.0
    assert terms["续期"] < 1.0


def test_convert_script_writes_hong_kong_traditional_forms():
    assert convert_script("续期费用", Script.TRADITIONAL) == "續期費用"
    assert convert_script("續期費用", Script.SIMPLIFIED) == "续期费用"
    assert convert_script("fee", Script.ENGLISH) == "fee"


def test_phrase_coverage_prefers_the_passage_that_repeats_the_questions_phrasing():
    from aiplus.core.language import phrase_coverage_scorer, phrase_weights

    def coverage(query, text):
        return phrase_coverage_scorer(phrase_weights(query, lambda phrase: 0, 10))(text)

    question = "網球雙打中哪一種球會是勝利的關鍵？"
    answering = "削球在網球雙打中往往是勝利的關鍵，因為對手難以回擊。"
    related = "網球是一項體育運動，可以單打或雙打，球員以球拍擊球。"
    assert coverage(question, answering) > coverage(question, related) > 0
    assert coverage("renewal fee", "The renewal fee is HK$80") > coverage("renewal fee", "A fee applies")


def test_phrase_coverage_counts_rare_phrases_for_more_and_rewards_them_close_together():
    from aiplus.core.language import phrase_coverage_scorer, phrase_weights

    frequency = {"哪一": 90, "一年": 40}  # phrases are folded to Simplified, as in the index
    weights = phrase_weights("馬祖哪一年開放觀光？", lambda phrase: frequency.get(phrase, 1), 100)
    assert weights["马祖"] > weights["一年"] > weights["哪一"]
    score = phrase_coverage_scorer(weights)
    together = "馬祖於1994年開放觀光。其後設立國家風景區。"
    apart = "馬祖位於閩江口。島上的觀光設施於近年開放。"
    assert score(together) > score(apart)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Could you circulate the revised version by this Friday?", "en"),
        ("會議將於下午三時舉行，請各位準時出席。", "zh-Hant"),
        ("会议将于下午三时举行，请各位准时出席。", "zh-Hans"),
        ("佢哋話個系統下個月先至裝得好。", "yue"),
        ("我哋今日先傾預算，跟住再講人手嘅問題。", "yue"),
        ("交份 report 俾我", "yue"),  # one borrowed English word leaves it Cantonese
        ("我哋 next week 再 follow up 呢個 item。", "mixed"),
        ("請即處理緊急事項，並與各部門緊密聯繫。", "zh-Hant"),  # 緊 of 緊急 is not the Cantonese 緊
        ("What are the opening hours of the 灣仔 office on Sundays?", "en"),
        ("詳情請參閱 https://www.example.gov.hk/minutes 。", "zh-Hant"),  # an address is no English
        ("……", ""),
    ],
)
def test_segment_language(text, language):
    from aiplus.core.language import segment_language

    assert segment_language(text) == language
