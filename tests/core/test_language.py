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


def test_cantonese_is_written_as_chinese_in_traditional_characters():
    from aiplus.core.language import written_chinese

    assert written_chinese("我哋唔使再等") == "我們不用再等"
    assert written_chinese("护照过期") == "護照過期"
    assert written_chinese("How do I renew?") == "How do I renew?"


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


# --- one Han class, one sentence splitter, one spoken-text cleaner -------------------------------------------


@pytest.mark.parametrize(
    ("character", "block"),
    [
        ("港", "unified ideographs"),
        ("㗎", "extension A (Cantonese 㗎)"),
        ("𡃁", "extension B (Cantonese 𡃁)"),
        ("𠝹", "extension B (Cantonese 𠝹)"),
        ("\U00030000", "extension G"),
        ("\uf900", "compatibility ideographs"),
        ("\U0002f800", "compatibility supplement"),
    ],
)
def test_every_block_of_han_characters_is_han(character, block):
    from aiplus.core.language import has_han, is_wide, word_count

    assert has_han(f"abc{character}"), block
    assert is_wide(character) and word_count(character) == 1


@pytest.mark.parametrize("character", ["a", "1", "é", "ア", "한", " "])
def test_letters_kana_and_hangul_are_not_han(character):
    from aiplus.core.language import has_han

    assert not has_han(character)


def test_cjk_punctuation_and_full_width_forms_are_wide_but_not_han():
    from aiplus.core.language import has_han, is_wide

    for character in "，。、「」（）！？：；ＡＢ１":
        assert is_wide(character) and not has_han(character)
    assert not is_wide("a") and not is_wide(",")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("We start now. The pool will close in May.", ["We start now.", "The pool will close in May."]),
        ("好。泳池五月關閉！會唔會延期？", ["好。", "泳池五月關閉！", "會唔會延期？"]),
        ("佢話：「聽日交。」我哋同意。", ["佢話：「聽日交。」", "我哋同意。"]),
        (
            "The fee is HK$15.3 per page. 費用下月起調整。Mr. Chan agreed at 3 p.m. today.",
            ["The fee is HK$15.3 per page.", "費用下月起調整。", "Mr. Chan agreed at 3 p.m. today."],
        ),
        ("我哋 next week 再 follow up。OK? 好。", ["我哋 next week 再 follow up。", "OK?", "好。"]),
        ("See Cap. 374 for details; the rest follows.", ["See Cap. 374 for details;", "the rest follows."]),
        (
            "Agenda\n1. Pool repairs\n2. Library\n\nAny other business",
            ["Agenda", "1. Pool repairs", "2. Library", "Any other business"],
        ),
        ("  ", []),
    ],
)
def test_one_splitter_finds_sentences_in_english_chinese_and_mixed_text(text, sentences):
    from aiplus.core.language import sentence_spans, split_sentences

    assert split_sentences(text) == sentences
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_lines_mode_ends_a_sentence_at_every_line_break():
    from aiplus.core.language import split_sentences

    assert split_sentences("Fee: HK$120\nItem: dog licence") == ["Fee: HK$120\nItem: dog licence"]
    assert split_sentences("Fee: HK$120\nItem: dog licence", lines=True) == [
        "Fee: HK$120",
        "Item: dog licence",
    ]


def test_a_long_text_without_punctuation_is_one_sentence_and_short_ones_are_each_found():
    from aiplus.core.language import sentence_spans

    assert sentence_spans("港" * 1_500_000) == [(0, 1_500_000)]
    assert len(sentence_spans("好。" * 100_000 + "Mr. Chan came. " * 50_000)) == 150_000


def test_spoken_text_loses_marks_fillers_and_stutters_but_keeps_the_words():
    from aiplus.core.language import clean_spoken

    assert clean_spoken("{vocalsound} Um, so the the budget is, uh, fine .") == "so the budget is, fine."
    assert (
        clean_spoken("I think so, ummm. We start, you know, now (inaudible).") == "I think so. We start, now."
    )
    assert clean_spoken("I like it, like, a lot [laughter]") == "I like it, a lot"
    assert clean_spoken("嗯，我哋下個禮拜再 follow up 個 budget") == "我哋下個禮拜再 follow up 個 budget"
    assert clean_spoken("呃呃，ＦＡＱ要改，we, we 負責。") == "FAQ要改，we 負責。"


def test_cantonese_particles_and_openers_go_only_where_they_open_a_sentence():
    from aiplus.core.language import strip_opener

    assert strip_opener("So, okay, the pool closes in May.") == "the pool closes in May."
    assert strip_opener("咁我哋下個禮拜再傾。") == "我哋下個禮拜再傾。"
    assert strip_opener("好，下一項。") == "下一項。"
    assert strip_opener("好多人打熱線問。") == "好多人打熱線問。"  # 好 opens only with its comma
    assert strip_opener("Sorry, I am late.") == "Sorry, I am late."


def test_cantonese_sentence_final_particles_stay_with_their_sentence_and_are_not_fillers():
    from aiplus.core.language import clean_spoken, split_sentences

    assert split_sentences("係咪呀？好啦，聽日再傾囉。OK 㗎喇！") == [
        "係咪呀？",
        "好啦，聽日再傾囉。",
        "OK 㗎喇！",
    ]
    assert clean_spoken("嗯，係咪呀？好啦，聽日再傾囉。") == "係咪呀？好啦，聽日再傾囉。"


def test_english_terms_are_the_same_when_many_threads_make_them_at_once():
    """Chat answers are made by many server threads at once; a stemmer shared between them garbled words
    (and raised IndexError: a 500 to a chat user)."""
    import sys
    import threading

    def letters(n: int) -> str:
        return "".join(chr(ord("a") + int(digit)) for digit in str(n))

    # Distinct words (each one stemmed afresh, not from the cache) of letters only (the stemmer's kind).
    words = [f"{stem}{letters(n)}ing" for n in range(3000) for stem in ("licens", "renew", "apply")]
    expected = [index_terms(word) for word in ["renewing", "licensing", "applying"]]
    assert expected == [["renew"], ["licens"], ["appli"]]
    problems: list[str] = []

    def stem_all(share: list[str]) -> None:
        try:
            for word in share:
                (term,) = index_terms(f"{word}s")
                if not term.startswith(word[:5]):
                    problems.append(f"{word} → {term}")
        except Exception as error:  # the point is that no thread fails
            problems.append(repr(error))

    threads = [threading.Thread(target=stem_all, args=(words[k::8],)) for k in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as on a busy server
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert problems == []
