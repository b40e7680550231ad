"""Model-free summaries: cleaned speech, topics, key sentences without repeats, minutes in reported speech."""

from aiplus.meetings.narrate import narrate, reported, written_chinese
from aiplus.meetings.summarise import (
    is_procedural,
    key_sentences,
    keyphrases,
    sentences,
    topic_boundaries,
)
from aiplus.meetings.transcript import Segment


def _segments(lines):
    return [Segment(i, speaker, text) for i, (speaker, text) in enumerate(lines)]


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
    english = narrate(lines, language="en")
    assert english == (
        "First, the Chair said that they would close the pool in May. "
        "In the end, the Secretary said that they would draft the notice."
    )
    chinese = narrate([("陳主席", "我哋五月會關泳池。"), ("秘書", "我聽日草擬通告。")], language="zh-Hant")
    assert chinese == "首先，陳主席表示我們五月會關泳池。最後，秘書表示我明天草擬通告。"


MIXED = [
    ("陳主席", "我哋開始先，今日兩樣嘢：元朗辦事處嘅冷氣，同埋網上預約嘅 FAQ。"),
    ("Ada Ho", "元朗辦事處部冷氣上個禮拜壞咗兩次，同埋啲職員話櫃位好熱。"),
    ("Ben Lam", "我哋已經搵咗承辦商，不過元朗辦事處要等兩個禮拜先有人嚟整冷氣。"),
    ("陳主席", "第二樣，網上預約嘅 FAQ 要改，因為而家冇講點樣取消預約。"),
    ("Ada Ho", "我同意，FAQ 都要加返網上預約嘅收費同埋步驟。"),
    ("陳主席", "好，多謝大家，散會。"),
]
DEPOT = [
    ("Chair", "Good morning. First item is the Tai Po depot lease."),
    (
        "Officer",
        "The Tai Po depot lease ends in June, and we close the depot if the landlord does not renew it.",
    ),
    ("Officer", "The landlord of the Tai Po depot wants a higher rent, about ten per cent more."),
    ("Chair", "We close the depot only if the rent is above budget."),
    ("Chair", "Next item, the staff canteen contract."),
    ("Officer", "The canteen contract expires in March and the tender documents are ready."),
    ("Chair", "Any other business? Thank you all."),
]


def test_keyphrases_are_whole_topic_words_never_function_words_or_pieces():
    phrases = keyphrases(sentences(_segments(MIXED)), k=3)
    assert "元朗辦事處" in phrases and "網上預約" in phrases
    assert "FAQ" in phrases  # an acronym keeps its capitals
    for word in ("同埋", "辦事", "而家", "兩樣", "第二樣", "散會", "陳主席"):
        assert word not in phrases


def test_keyphrases_keep_names_in_capitals_and_leave_out_procedure_and_verbs():
    phrases = keyphrases(sentences(_segments(DEPOT)), k=3)
    assert phrases[:2] == ["Tai Po depot", "canteen contract"]
    assert not {"item", "close", "morning", "Po depot lease"} & set(phrases)


def test_procedural_sentences_rank_low_as_key_sentences():
    assert is_procedural("Any other business?") and is_procedural("Thank you all.")
    assert is_procedural("我哋開始先，今日兩樣嘢：冷氣同埋預約。") and is_procedural("好，散會。")
    assert not is_procedural("The canteen contract expires in March.")
    assert not is_procedural("承辦商下個禮拜開始維修冷氣。")
    items = sentences(_segments(MIXED))
    chosen = [items[i].text for i in key_sentences(items, budget=60)]
    assert chosen and not any(text.startswith("我哋開始先") for text in chosen)


def test_a_reporting_verb_the_speaker_used_is_said_once():
    assert narrate([("Anthony Chu", "I propose that we end the pilot.")], language="en") == (
        "First, Anthony Chu proposed that they end the pilot."
    )
    assert narrate([("Ada", "We suggest we keep the old form.")], language="en") == (
        "First, Ada suggested that they keep the old form."
    )
    assert narrate([("Ada", "I think the fee is too high.")], language="en") == (
        "First, Ada considered that the fee was too high."
    )
    assert narrate([("Ada", "Let's ask the vendor for a quote.")], language="en") == (
        "First, Ada suggested that they ask the vendor for a quote."
    )
    assert narrate([("Ada", "Could we move the briefing to Thursday?")], language="en") == (
        "First, Ada suggested that they move the briefing to Thursday."
    )
    assert narrate([("Ada", "We need to tell the public early.")], language="en") == (
        "First, Ada said that they needed to tell the public early."
    )


def test_a_request_to_someone_named_reads_as_asking_them():
    names = {"Florence", "Dennis", "Sai", "Kung"}
    lines = [
        ("Chair", "Florence, please prepare a notice for the website by Friday."),
        ("Chair", "Could you send me the revised figures, Dennis?"),
        ("Chair", "Can you check the roster?"),
        ("Chair", "Sai Kung office is short of two officers."),
    ]
    assert narrate(lines, language="en", names=names) == (
        "First, the Chair asked Florence to prepare a notice for the website by Friday. "
        "Then, the Chair asked Dennis to send them the revised figures. "
        "Next, the Chair asked members to check the roster. "
        "In the end, the Chair said that Sai Kung office was short of two officers."
    )


def test_cantonese_openings_become_written_chinese_reporting_verbs():
    lines = [
        ("Mary", "我建議下個月再檢討收費。"),
        ("主席", "Ben，唔該你聽日交份報告俾我。"),
        ("主席", "唔該大家準時交表。"),
        ("Ben", "我覺得收費太高，我建議分兩期加。"),
    ]
    assert narrate(lines, language="zh-Hant", names={"Ben"}) == (
        "首先，Mary建議下個月再檢討收費。其後，主席請Ben明天交份報告給我。"
        "接著，主席請大家準時交表。最後，Ben認為收費太高，並建議分兩期加。"
    )
