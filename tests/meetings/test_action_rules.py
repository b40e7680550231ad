"""Rules for Cantonese and code-mixed meetings and for decisions, and rules the development meetings
lean on, each shown with an invented meeting (none is a line of the benchmark meetings). The meetings are
on Wednesday 4 March 2026."""

import datetime

import pytest

from aiplus.meetings.actions import detect
from aiplus.meetings.transcript import Segment
from tests.meetings.transcripts import actions_of, decisions_of, only

# --- rules added for Cantonese, code-mixed meetings and decisions -----------------------------------------------


def test_telling_someone_outside_the_meeting_is_a_task():
    action = only(actions_of("Chair: Wendy, please tell the trainers about the new room.", "Wendy: OK."))
    assert action.owner == "Wendy"
    assert action.task.startswith("tell the trainers")
    assert actions_of("Chair: Wendy, please tell us about the new room.") == []


def test_what_we_do_said_as_agreed_is_a_decision_not_an_action():
    lines = (
        "Ken: Should we shut the Kwun Tong counter on the holiday?",
        "Chair: Agreed. We'll shut the counter on the holiday.",
    )
    assert actions_of(*lines) == []
    assert only(decisions_of(*lines)).text == "We'll shut the counter on the holiday"


def test_the_softening_xia_between_a_verb_and_its_object_goes():
    action = only(actions_of("主席: 阿明，你更新下職員名單啦。", "阿明: 好"))
    assert action.task == "更新職員名單"
    action = only(actions_of("主席: 阿明，你下個月整理下啲文件啦。", "阿明: 好"))
    assert "下個月" not in action.task and action.task == "整理啲文件"


def test_a_bare_verb_after_the_one_handed_the_work_acts_on_the_thing_handed():
    action = only(actions_of("主席: 份問卷交俾我跟進。"))
    assert action.owner == "主席"
    assert action.task == "跟進份問卷"


@pytest.mark.parametrize(
    "line",
    [
        "主席: 我哋開始先，今日三樣嘢：更表、培訓同埋新系統。",
        "Chair: First item is the roster for April.",
        "Chair: Item two, the training plan for today.",
    ],
)
def test_the_chair_announcing_the_agenda_is_no_action(line):
    assert actions_of(line) == []


def test_a_purpose_or_otherwise_clause_is_no_part_of_the_task():
    action = only(actions_of("主席: 阿明你可唔可以先 book 住個會議室, 費事到時冇位?", "阿明: 得"))
    assert action.task == "book 住個會議室"


def test_a_when_clause_before_the_task_is_no_part_of_it():
    action = only(actions_of("主席: 阿明，新系統裝好咗之後開個戶口俾財務科。", "阿明: OK"))
    assert action.owner == "阿明"
    assert action.task.startswith("開個戶口")


def test_i_will_talk_to_someone_outside_the_meeting_is_a_task():
    action = only(actions_of("阿明: 咁我同印刷商講，月底前印好海報。"))
    assert action.owner == "阿明"
    assert action.task.startswith("同印刷商講")


def test_a_request_answered_already_done_is_no_action():
    assert (
        actions_of("主席: 阿明你可唔可以問下供應商幾時送貨？", "阿明: 我尋日已經問咗，佢哋話下星期。") == []
    )
    assert actions_of("Chair: Can you book the hall?", "Amy: I already booked it last week.") == []


def test_you_answering_a_promise_is_said_to_the_one_who_promised():
    actions = actions_of("阿明: 咁我整理好份名單。", "主席: OK，你 send 份名單俾財務科。", "阿珊: 好。")
    assert {a.owner for a in actions} == {"阿明"}


def test_a_question_to_the_meeting_settled_by_a_firm_answer_is_a_decision():
    decision = only(decisions_of("阿明: 舊文件要唔要全部掃描？", "主席: 唔使，只掃描近五年嘅。"))
    assert "只掃描近五年" in decision.text
    assert decision.evidence == [0, 1]
    assert decisions_of("阿明: 要唔要我幫手訂車？", "主席: 唔使喇。") == []
    assert decisions_of("阿明: 要唔要全部掃描？", "主席: 我覺得唔使。") == []


def test_opening_the_next_item_does_not_answer_a_request_as_done():
    """Asked to prepare a notice, the owner moves on to her own agenda item, which talks of last month: the
    request stands."""
    segments = [
        Segment(0, "陳主席", "要，Priya 你準備個中英文 notice，壞機嗰陣即刻貼。"),
        Segment(1, "Priya Nair", "第三樣，熱線上個月最多人問嘅係狗牌續期。"),
    ]
    _, actions = detect(segments, meeting_date=datetime.date(2027, 1, 11), attendees=["陳主席", "Priya Nair"])
    assert [(a.owner, a.evidence) for a in actions] == [("Priya Nair", [0])]


# --- rules the development meetings lean on, each shown with an invented example -------------------------


@pytest.mark.parametrize(
    ("lines", "owner", "task"),
    [
        (  # "who can ...?" answered by the one who will: one action, theirs
            (
                "Chair: Who can renew the cleaning contract?",
                "Ken: I'll renew the cleaning contract this week.",
            ),
            "Ken",
            "renew the cleaning contract",
        ),
        (  # "you could ..." is an offer of work that needs a yes
            ("Chair: You could draft the notice.", "Ken: OK."),
            "Ken",
            "draft the notice",
        ),
        (  # a deadline and 俾我 after the name addressed: a request to them
            ("主席: Ken，星期五之前俾份報價我。", "Ken: 好。"),
            "Ken",
            "俾份報價我",
        ),
    ],
)
def test_requests_the_development_meetings_rely_on(lines, owner, task):
    action = only(actions_of(*lines))
    assert (action.owner, action.task) == (owner, task)


@pytest.mark.parametrize(
    "lines",
    [
        ("主席: 秘書請報告上次會議嘅跟進事項。",),  # asked to report now, at the meeting
        ("主席: 請秘書報告上次會議嘅跟進事項。",),
        ("Chair: You could draft the notice.",),  # an offer nobody took up
        ("Chair: Let's postpone the survey to the autumn.",),  # a decision, not a task
    ],
)
def test_what_is_said_now_offered_or_decided_is_no_action(lines):
    assert actions_of(*lines) == []


def test_a_report_asked_for_the_next_meeting_is_an_action():
    action = only(actions_of("主席: 秘書請下次會議前報告跟進事項。"))
    assert action.owner == "秘書"


@pytest.mark.parametrize(
    ("lines", "owner", "task", "evidence"),
    [
        (  # a want said to someone named is asked of them
            ("Chair: Mary, I'd like a copy of the floor plan.", "Mary: Sure."),
            "Mary",
            "a copy of the floor plan",
            [0, 1],
        ),
        (  # "you ..." answering a promise is about that promise: one action, the promiser's
            ("阿明: 咁我整理好份名單。", "主席: OK，你 send 份名單俾財務科。"),
            "阿明",
            "整理好份名單",
            [0, 1],
        ),
        (  # the summing-up lends a deadline to the action it repeats
            ("Chair: Can you book the hall?", "Ken: OK.", "Chair: To recap: Ken, the hall by Friday."),
            "Ken",
            "book the hall",
            [0, 1, 2],
        ),
    ],
)
def test_one_action_over_several_turns(lines, owner, task, evidence):
    action = only(actions_of(*lines))
    assert (action.owner, action.task, action.evidence) == (owner, task, evidence)


@pytest.mark.parametrize(
    "line",
    [
        "Chair: Mary would check the lifts.",  # would: no one is asked
        "Chair: Mary will be at the depot.",  # will be + a place: no work
    ],
)
def test_a_name_with_would_or_will_be_is_no_action(line):
    assert actions_of(line) == []


def test_a_past_decision_brought_up_with_a_question_is_no_decision():
    assert decisions_of("Ken: We decided on two copies, not three. Can we change it?") == []
