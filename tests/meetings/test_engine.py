"""The extractive minutes engine: discussion organised by agenda item, points citing their segments."""

from datetime import date

from aiplus.meetings.engine import align_to_agenda, extractive_minutes, parse_agenda
from aiplus.meetings.roles import Role
from aiplus.meetings.summarise import sentences
from aiplus.meetings.transcript import Segment, Transcript

AGENDA = """Agenda
1. Swimming pool repairs
2. Library opening hours
3. Any other business
"""

LINES = [
    ("Chair", "Good morning. Let us start with the swimming pool repairs."),
    ("Engineer", "The swimming pool repairs will start in May and the pool will close for eight weeks."),
    (
        "Chair",
        "Contractors quoted four hundred thousand dollars for the pool repairs, which is within budget.",
    ),
    ("Mary", "I will put up the pool closure notice by this Friday."),
    ("Chair", "Agreed, the pool repairs go ahead in May."),
    ("Chair", "Next, the library opening hours on Sunday."),
    ("Librarian", "We propose to extend library opening hours on Sunday to eight in the evening."),
    ("Librarian", "The library needs two more officers on the Sunday roster for the longer hours."),
    ("Peter", "I'll check the library staff roster and report back before the next meeting."),
    ("Chair", "Anything else? No other business. Thank you all."),
]


def _transcript():
    return Transcript([Segment(i, speaker, text, start=i * 60.0) for i, (speaker, text) in enumerate(LINES)])


def test_agenda_lines_lose_their_numbering_and_heading():
    assert parse_agenda(AGENDA) == ["Swimming pool repairs", "Library opening hours", "Any other business"]
    assert parse_agenda("第一項：泳池維修\n（二）圖書館開放時間\n- AOB") == [
        "泳池維修",
        "圖書館開放時間",
        "AOB",
    ]


def test_discussion_is_split_at_the_agenda_items_in_order():
    items = sentences(_transcript().segments)
    starts = align_to_agenda(items, parse_agenda(AGENDA))
    segment_of = [items[i].segment for i in starts]
    assert segment_of[:2] == [0, 5]  # pool from the start; the library from "Next, the library…"
    assert segment_of[2] >= 8


def test_minutes_follow_the_agenda_and_every_point_cites_its_segment():
    transcript = _transcript()
    minutes = extractive_minutes(transcript, agenda=parse_agenda(AGENDA), meeting_date=date(2026, 3, 4))
    assert [item.title for item in minutes.items] == [
        "Swimming pool repairs",
        "Library opening hours",
        "Any other business",
    ]
    pool, library, _ = minutes.items
    assert pool.points and all("pool" in p.text.lower() for p in pool.points)
    assert library.points
    assert all(p.text in transcript.segments[p.evidence[0]].text for p in pool.points + library.points)
    assert [a.owner for a in pool.actions] == ["Mary"]
    assert [a.owner for a in library.actions] == ["Peter"]
    assert minutes.summary.startswith("First, the Engineer said that the swimming pool repairs would start")
    assert set(minutes.attendees) == {"Chair", "Engineer", "Mary", "Librarian", "Peter"}


def test_speakers_labelled_by_a_department_role_are_named_by_it_in_both_languages():
    """GIVEN a department whose roles include "Librarian | 館長" WHEN its minutes are written in English and
    Chinese THEN the librarian is "the Librarian" and "館長", and a person is named as labelled."""
    roles = [Role("Chair", "主席"), Role("Librarian", "館長")]
    minutes = extractive_minutes(_transcript(), agenda=parse_agenda(AGENDA), language="both", roles=roles)
    english, chinese = minutes.summary.split("\n\n")
    assert "the Librarian said" in english and "Engineer said" in english
    assert "館長表示" in chinese and "the Engineer" not in english


def test_chinese_output_writes_cantonese_as_written_chinese():
    transcript = Transcript(
        [
            Segment(0, "陳主席", "我哋今日傾吓泳池維修嘅安排，工程五月開始，泳池要封八個禮拜。"),
            Segment(1, "工程師", "承辦商報價四十萬，喺預算之內，我哋可以接受。"),
            Segment(2, "陳主席", "好，咁就決定五月開始泳池維修工程。"),
        ]
    )
    minutes = extractive_minutes(transcript, language="zh-Hant")
    text = minutes.summary + "".join(p.text for item in minutes.items for p in item.points)
    assert "我們" in text and "我哋" not in text and "嘅" not in text
    assert minutes.summary.startswith("首先，陳主席")


def test_a_cantonese_meeting_is_headed_by_its_topics_not_its_procedure():
    lines = [
        ("何主席", "我哋開始先，今日兩樣嘢：大埔辦事處嘅裝修，同埋網上繳費嘅 FAQ。"),
        ("Joyce Lee", "大埔辦事處裝修要封兩個禮拜，我建議三月先做，同埋早啲貼通告。"),
        ("Sam Ng", "大埔辦事處裝修期間，市民可以去沙田櫃位辦理續期。"),
        ("何主席", "好，Joyce，你幫手出個通告，下個禮拜五前貼好。"),
        ("Sam Ng", "網上繳費嘅 FAQ 要加返信用卡嘅步驟，因為而家好多人打熱線問。"),
        ("Joyce Lee", "我同意，FAQ 都要講埋網上繳費嘅收據點樣下載。"),
        ("何主席", "好，多謝大家，散會。"),
    ]
    transcript = Transcript([Segment(i, speaker, text) for i, (speaker, text) in enumerate(lines)])
    minutes = extractive_minutes(transcript, language="both")
    title = minutes.items[0].title
    assert "大埔辦事處" in title and "FAQ" in title
    assert not any(word in title for word in ("同埋", "兩樣", "散會"))
    english, chinese = minutes.summary.split("\n\n")
    assert "大埔辦事處" in english
    assert "我哋開始先" not in english and "散會" not in english
    assert "何主席請Joyce出個通告" in chinese and "Joyce Lee建議三月先做" not in chinese
