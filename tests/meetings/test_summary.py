"""Model-free summaries: cleaned speech, topics, key sentences without repeats, minutes in reported speech."""

from aiplus.meetings.narrate import narrate, reported, written_chinese
from aiplus.meetings.summarise import clean, key_sentences, keyphrases, sentences, topic_boundaries
from aiplus.meetings.transcript import Segment


def _segments(lines):
    return [Segment(i, speaker, text) for i, (speaker, text) in enumerate(lines)]


def test_clean_removes_fillers_marks_and_stutters_but_keeps_the_words():
    assert clean("{vocalsound} Um, so the the budget is, uh, fine .") == "so the budget is, fine."
    assert clean("嗯，我哋下個禮拜再 follow up 個 budget") == "我哋下個禮拜再 follow up 個 budget"


def test_sentences_keep_their_segment_and_speaker_and_split_both_scripts():
    items = sentences(
        _segments([("Chair", "We start now. The pool will close in May."), ("陳主席", "好。泳池五月關閉。")])
    )
    assert [(s.segment, s.speaker, s.text) for s in items] == [
        (0, "Chair", "We start now."),
        (0, "Chair", "The pool will close in May."),
        (1, "陳主席", "好。"),
        (1, "陳主席", "泳池五月關閉。"),
    ]
    assert items[-1].chinese and not items[0].chinese


POOL = [
    "The swimming pool repairs will start in May and the pool will close for eight weeks.",
    "Contractors for the swimming pool repairs have quoted four hundred thousand dollars.",
    "The pool closure notice should go up at the swimming pool entrance next week.",
    "Lifeguards at the swimming pool will be redeployed to the other district pool during repairs.",
]
LIBRARY = [
    "The library opening hours on Sunday will be extended to eight in the evening.",
    "Library staff rosters need two more officers for the longer Sunday opening hours.",
    "Readers asked for the library study room to open earlier on Sunday mornings.",
    "The library will publish the new Sunday opening hours on its website.",
]


def test_topic_boundaries_find_where_the_discussion_moves_on():
    items = sentences(_segments([("A", text) for text in POOL * 4 + LIBRARY * 4]))
    assert topic_boundaries(items, topics=2, block=6) == [0, 16]


def test_key_sentences_cover_both_topics_instead_of_repeating_one():
    items = sentences(_segments([("A", text) for text in POOL * 3 + LIBRARY]))
    chosen = key_sentences(items, budget=30)
    texts = [items[i].text for i in chosen]
    assert any("pool" in t for t in texts) and any("library" in t.lower() for t in texts)
    assert len(set(texts)) == len(texts)


def test_keyphrases_name_what_the_meeting_kept_coming_back_to():
    items = sentences(_segments([("A", text) for text in POOL + LIBRARY]))
    phrases = keyphrases(items, k=3)
    assert "swimming pool" in phrases
    assert any("opening hours" in p or "library" in p for p in phrases)


def test_reported_speech_is_third_person_past_tense():
    assert (
        reported("I will send the letter and we are ready.")
        == "they would send the letter and they were ready"
    )
    assert reported("We should have asked earlier.") == "they should have asked earlier"


def test_cantonese_becomes_written_chinese_in_traditional_characters():
    assert written_chinese("佢哋聽日會交份報告俾我哋啦") == "他們明天會交份報告給我們"
    assert written_chinese("我哋唔使再等") == "我們不用再等"
    assert written_chinese("这个报告") == "這個報告"


def test_narration_in_english_and_chinese():
    lines = [("Chair", "We will close the pool in May."), ("Secretary", "I'll draft the notice.")]
    english = narrate(lines, language="en", overview="The meeting was mainly about the pool.")
    assert english == (
        "The meeting was mainly about the pool. First, the Chair said that they would close the pool in May. "
        "In the end, the Secretary said that they would draft the notice."
    )
    chinese = narrate([("陳主席", "我哋五月會關泳池。"), ("秘書", "我聽日草擬通告。")], language="zh-Hant")
    assert chinese == "首先，陳主席表示我們五月會關泳池。最後，秘書表示我明天草擬通告。"
