"""Decisions and action items are read from a transcript as a meeting secretary would: who will do what by
when, in English, written Chinese, Cantonese and a mix, and nothing that nobody has to do.

The meetings here are on Wednesday 4 March 2026."""

import pytest

from aiplus.meetings.actions import task_similarity
from tests.meetings.transcripts import actions_of, decisions_of, only

# --- English ------------------------------------------------------------------------------------------------


def test_a_request_to_a_named_person_with_a_deadline_and_her_confirmation():
    action = only(
        actions_of(
            "Chair: Mary, can you circulate the revised paper by this Friday?",
            "Mary: Sure, will do.",
        )
    )
    assert action.owner == "Mary"
    assert action.task == "circulate the revised paper"
    assert action.due == "2026-03-06"
    assert action.due_text == "by this Friday"
    assert action.evidence == [0, 1]


def test_you_is_whoever_accepts_next():
    action = only(actions_of("Chair: Can you send the figures to Finance by 15 March?", "Peter: OK."))
    assert action.owner == "Peter"
    assert action.due == "2026-03-15"
    assert action.evidence == [0, 1]


def test_i_will_is_the_speaker():
    action = only(actions_of("Peter Chan: I'll draft the reply to the Bureau by next week."))
    assert action.owner == "Peter Chan"
    assert action.task == "draft the reply to the Bureau"
    assert action.due == "2026-03-13"  # the Friday of next week


@pytest.mark.parametrize(
    ("line", "owner", "task"),
    [
        ("Chair: The Secretariat will issue the circular tomorrow.", "The Secretariat", "issue the circular"),
        ("Chair: IT Section to check the server logs.", "IT Section", "check the server logs"),
        (
            "Chair: Action: Mary to follow up with the vendor on the quotation.",
            "Mary",
            "follow up with the vendor",
        ),
        (
            "Chair: Let's have Peter look into the overtime figures.",
            "Peter",
            "look into the overtime figures",
        ),
        (
            "Chair: Please could Finance recheck the cash flow table.",
            "Finance",
            "recheck the cash flow table",
        ),
    ],
)
def test_an_owner_named_in_the_sentence(line, owner, task):
    action = only(actions_of(line))
    assert action.owner == owner
    assert task in action.task


def test_a_name_is_given_as_the_attendee_it_refers_to():
    action = only(
        actions_of(
            "Margaret Leung: Florence, could you book the room for the next meeting?",
            "Florence Ho: Will do.",
            attendees=["Margaret Leung (Director, Chair)", "Florence Ho (Departmental Secretary)"],
        )
    )
    assert action.owner == "Florence Ho"


def test_i_will_do_it_takes_its_task_from_the_question():
    action = only(actions_of("Chair: Who can update the website?", "Mary: I'll take that."))
    assert action.owner == "Mary"
    assert action.task == "update the website"
    assert action.evidence == [0, 1]


def test_take_that_away_is_an_action_on_what_was_just_discussed():
    action = only(
        actions_of(
            "Kenneth: The overtime figures for the district offices look wrong to me.",
            "Chair: Kenneth, can you take that away?",
            "Kenneth: Yes.",
        )
    )
    assert action.owner == "Kenneth"
    assert "overtime figures" in action.task


@pytest.mark.parametrize(
    "lines",
    [
        ["Chair: The new system will go live in May."],
        ["Mary: We already sent the letter to the Bureau last week."],
        ["Kenneth: If we had a bigger budget we could run the hotline at weekends."],
        ["Chair: Could you explain the second table?", "Mary: Yes, it shows the overtime by district."],
        ["Chair: Is the report ready?", "Mary: Not yet."],
        ["Anthony: I think we should improve communication with the districts."],
        ["Chair: Shall I send a reminder to all divisions?", "Mary: No need, they all replied."],
        ["Chair: Let's move on to item three."],
    ],
)
def test_what_nobody_has_to_do_is_no_action(lines):
    assert actions_of(*lines) == []


def test_a_withdrawn_proposal_is_no_action():
    lines = [
        "Kenneth: I could email every section asking them to pause recruitment.",
        "Chair: Let's not, not yet.",
    ]
    assert actions_of(*lines) == []


def test_two_owners_in_one_sentence_are_two_actions():
    items = actions_of("Chair: So Mary will draft the letter and Peter will check the figures.")
    assert [(a.owner, a.task) for a in items] == [
        ("Mary", "draft the letter"),
        ("Peter", "check the figures"),
    ]


def test_an_action_restated_by_the_chair_at_the_end_is_one_action():
    items = actions_of(
        "Chair: Mary, can you send the revised budget to the Bureau by next Friday?",
        "Mary: OK, will do.",
        "Peter: On the venue, the hall is booked.",
        "Chair: To recap: Mary will send the revised budget to the Bureau by next Friday.",
    )
    action = only(items)
    assert action.owner == "Mary"
    assert action.due == "2026-03-13"
    assert action.evidence == [0, 1, 3]


# --- written Chinese -------------------------------------------------------------------------------------------


def test_please_the_secretariat_before_a_date():
    action = only(actions_of("主席: 請秘書處於三月十五日前提交報告。"))
    assert action.owner == "秘書處"
    assert action.task == "提交報告"
    assert action.due == "2026-03-15"
    assert action.due_text == "於三月十五日前"


@pytest.mark.parametrize(
    ("line", "owner", "words"),
    [
        ("主席: 新系統的測試由資訊科技組負責。", "資訊科技組", "新系統的測試"),
        ("主席: 財務科負責更新預算表，下星期五前交。", "財務科", "更新預算表"),
        ("主席: 陳先生會跟進場地租用事宜。", "陳先生", "場地租用"),
    ],
)
def test_written_chinese_owners(line, owner, words):
    action = only(actions_of(line))
    assert action.owner == owner
    assert words in action.task


def test_written_chinese_decisions():
    assert only(decisions_of("主席: 會議同意採用新的排班安排。")).text == "採用新的排班安排"
    assert only(decisions_of("主席: 委員會議決通過二零二六年度預算。")).evidence == [0]


# --- Cantonese and code-mixed ----------------------------------------------------------------------------------


def test_a_vocative_and_a_deadline_in_code_mixed_cantonese():
    action = only(actions_of("主席: Peter 你 handle 埋個 tender 啦, deadline 係月尾", "Peter: 收到"))
    assert action.owner == "Peter"
    assert action.task == "handle 埋個 tender"
    assert action.due == "2026-03-31"
    assert action.evidence == [0, 1]


def test_we_will_follow_up_next_week_has_no_single_owner():
    action = only(actions_of("陳生: 我哋 next week 再 follow up 個 budget"))
    assert action.owner == ""
    assert action.task == "follow up 個 budget"
    assert action.due == "2026-03-13"


def test_i_will_follow_it_answers_who_will():
    action = only(actions_of("主席: 邊個跟進個 tender？", "Mary: 我嚟跟"))
    assert action.owner == "Mary"
    assert "tender" in action.task
    assert action.evidence == [0, 1]


def test_cantonese_requests_strip_politeness_and_particles():
    action = only(actions_of("主席: 唔該你下星期五之前俾我份 report 吖", "阿明: 冇問題"))
    assert action.owner == "阿明"
    assert "唔該" not in action.task and not action.task.endswith("吖")
    assert action.due == "2026-03-13"
    action = only(actions_of("主席: 麻煩你整理一下會議紀錄啦。", "阿明: 好"))
    assert action.task == "整理一下會議紀錄"


def test_you_finish_it_takes_its_task_from_before():
    action = only(actions_of("阿明: 個網頁啲資料仲係舊嘅。", "主席: 你搞掂佢啦", "阿明: 好"))
    assert action.owner == "阿明"
    assert "網頁" in action.task


def test_handing_work_to_a_team():
    action = only(actions_of("主席: 呢份報告交俾財務科跟進。"))
    assert action.owner == "財務科"
    assert "報告" in action.task


@pytest.mark.parametrize(
    "lines",
    [
        ["主席: 我哋已經發咗信俾佢哋。"],
        ["阿明: 如果有多啲人手就可以開多個櫃位。"],
        ["主席: 使唔使再發一次通告？", "阿明: 唔使喇，大家都收到。"],
        ["阿明: 我覺得個系統幾好用。"],
        ["主席: 新系統五月會上線。"],
        ["主席: 你覺得點？"],
    ],
)
def test_cantonese_distractors(lines):
    assert actions_of(*lines) == []


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["主席: 好，就咁決定，用B方案。"], "用B方案"),
        (["阿明: 不如用B方案，平啲。", "主席: OK 就咁 decide 咗"], "B方案"),
        (["阿明: 我建議延遲到七月先搬。", "主席: 好，照咁做。"], "延遲到七月"),
    ],
)
def test_cantonese_decisions(lines, text):
    assert text in only(decisions_of(*lines)).text


# --- English decisions -----------------------------------------------------------------------------------------


def test_agreed_records_what_follows_it():
    decision = only(decisions_of("Chair: Agreed, then: we replace the registry printers first."))
    assert decision.text == "we replace the registry printers first"


def test_a_bare_agreed_records_the_proposal_before_it():
    decision = only(decisions_of("Mary: I propose we adopt option B for the tender.", "Chair: Agreed."))
    assert "option B" in decision.text
    assert decision.evidence == [0, 1]


def test_agreed_then_what_is_agreed_records_that_statement():
    decision = only(
        decisions_of(
            "Ken: I suggest we move the briefing to the afternoon since the morning clashes with the audit.",
            "Chair: Agreed. We move the briefing to two o'clock. Wendy, please book the hall.",
        )
    )
    assert decision.text == "We move the briefing to two o'clock"
    assert 1 in decision.evidence


def test_agreed_then_something_else_still_records_the_proposal():
    for after in ("Thank you, Ken.", "We should also check the budget for next year."):
        decision = only(
            decisions_of("Ken: I propose we adopt option B for the tender.", f"Chair: Agreed. {after}")
        )
        assert "option B" in decision.text


def test_a_motion_moved_seconded_and_carried():
    decision = only(
        decisions_of(
            "Mr Chan: I move that the committee approves the revised opening hours.",
            "Ms Lee: Seconded.",
            "Chair: The motion is carried.",
        )
    )
    assert "revised opening hours" in decision.text


def test_undecided_is_no_decision():
    assert decisions_of("Chair: We haven't decided on the venue yet; let's come back to it.") == []
    assert decisions_of("Anthony: I agree with Mary on that.") == []


def test_task_similarity_folds_scripts():
    assert task_similarity("更新網頁資料", "更新网页资料") == 1.0
    assert task_similarity("send the revised budget", "revised budget to be sent") > 0.5


def test_this_thing_i_will_do_takes_its_topic_from_the_question():
    action = only(
        actions_of(
            "何經理: 好。宣傳單張呢？邊個負責？",
            "阿傑: 呢樣嘢我嚟搞，今個禮拜五之前出初稿。",
        )
    )
    assert action.owner == "阿傑"
    assert "宣傳單張" in action.task and "初稿" in action.task
    assert action.due == "2026-03-06"
    assert action.evidence == [0, 1]


def test_an_ok_is_taken_by_the_request_made_to_the_one_who_says_it():
    items = actions_of(
        "何經理: 宣傳單張邊個負責？",
        "阿傑: 我嚟搞，今個禮拜五之前出初稿。",
        "何經理: 得。另外麻煩阿欣同保安公司確認一下當日嘅人手。",
        "阿欣: OK，冇問題。",
    )
    owners = {a.owner: a.evidence for a in items}
    assert owners == {"阿傑": [0, 1], "阿欣": [2, 3]}


def test_a_question_with_no_need_in_it_withdraws_nothing():
    action = only(
        actions_of(
            "何經理: 義工嗰邊我自己跟，我聽日打俾社區中心。",
            "阿傑: 使唔使訂埋茶點？",
            "何經理: 唔使喇，今年唔搞茶點。",
        )
    )
    assert action.owner == "何經理"
    assert action.due == "2026-03-05"
    assert "社區中心" in action.task


def test_a_deadline_said_on_its_own_belongs_to_the_action_before_it():
    action = only(
        actions_of(
            "Sarah: Can we get a summary out to the directorate?",
            "James: Yeah, I can pull that together. Probably by Wednesday next week.",
        )
    )
    assert action.owner == "James"
    assert "summary" in action.task
    assert action.due == "2026-03-11"


def test_a_later_date_settles_the_deadline():
    action = only(
        actions_of(
            "Priya: I'd like to update the visitor parking guide before June.",
            "Chair: Priya, please go ahead with the update. How long do you need?",
            "Priya: Give me two weeks for the new version.",
        )
    )
    assert action.owner == "Priya"
    assert action.due == "2026-03-18"
    assert action.evidence == [0, 1, 2]


# --- what is not an action -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Grace: 供應商交咗兩份報價，我 send 咗俾大家。",  # done: 咗 after the verb
        "Grace: 保養公司嚟睇過，話要換個風扇。",  # tried: 過 after the verb
        "Grace: 上個月我哋請咗五個臨時工。",  # 請咗 is hiring done, not a request
        "Grace: 佢哋主要係嚟問申請表。",  # 請 inside 申請
        "Grace: 我會在第三項離席。",  # done at the meeting itself
        "Grace: Ken 你 share 個 screen？",  # done at the meeting itself
        "Grace: And I'll need the names of the new interns for their badges.",  # a want
    ],
)
def test_what_was_done_said_or_wanted_is_no_action(line):
    assert actions_of(line) == []


def test_what_is_still_to_come_after_a_done_verb_is_an_action():
    action = only(actions_of("Chair: 阿玲你改好份稿。", "Ling: 好，我執好咗就 email 俾 Ken。"))
    assert action.owner == "Ling"


def test_a_thing_described_as_done_does_not_make_the_request_done():
    action = only(actions_of("Chair: 啲已經交咗表嘅家長，Winnie 你打電話提佢哋帶相。", "Winnie: 好。"))
    assert action.owner == "Winnie"
    assert "打電話" in action.task


# --- owners ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ("Speaker 1: Ken, please book the training room by Thursday.", "Speaker 2: OK, I will do it."),
        ("Speaker 1: Ken, can you book the training room by Thursday?", "Speaker 2: Sure."),
    ],
)
def test_an_unnamed_speaker_answering_a_request_to_someone_named_takes_it_as_them(lines):
    action = only(actions_of(*lines))
    assert (action.owner, action.task, action.due) == ("Ken", "book the training room", "2026-03-05")
    assert action.evidence == [0, 1]


def test_a_speaker_with_a_name_of_their_own_does_not_answer_for_someone_else():
    action = only(actions_of("Chair: Ken, please book the training room by Thursday.", "Peter: OK."))
    assert (action.owner, action.evidence) == ("Ken", [0])


def test_an_ok_after_a_statement_about_someone_does_not_make_the_speaker_them():
    items = actions_of("Speaker 1: Ken will draft the letter.", "Speaker 2: OK, and I'll send the figures.")
    assert {(a.owner, a.task) for a in items} == {
        ("Ken", "draft the letter"),
        ("Speaker 2", "send the figures"),
    }


def test_a_task_taken_from_a_request_leaves_out_the_name_it_was_addressed_to():
    items = actions_of(
        "Speaker 1: Ken, please book the training room by Thursday.",
        "Speaker 3: Noted.",
        "Speaker 2: I will do it.",
    )
    assert items and all(not a.task.startswith(("Ken", "please")) for a in items), items


def test_a_hand_over_to_someone_named_takes_the_work_said_before_it():
    action = only(actions_of("主席: 我哋下星期要 update 下職員名單，Winnie 你跟進，月尾前交俾我。"))
    assert (action.owner, action.task) == ("Winnie", "update 職員名單")
    assert (action.due, action.due_text) == ("2026-03-31", "月尾前")  # the deadline, not when it is needed


@pytest.mark.parametrize(
    ("line", "owner", "task", "due"),
    [
        ("主席: Kelvin 你負責聯絡保安公司，下星期一前覆我。", "Kelvin", "聯絡保安公司", "2026-03-09"),
        ("主席: 請人事組跟進，一個月內交建議。", "人事組", "交建議", "2026-04-04"),
    ],
)
def test_handing_the_work_back_to_the_one_who_asked_is_no_task_of_its_own(line, owner, task, due):
    action = only(actions_of(line))
    assert (action.owner, action.task, action.due) == (owner, task, due)


def test_a_name_after_give_or_chase_is_not_the_owner():
    action = only(actions_of("Chair: Ivy，追 IT組 要份 incident report。", "Ivy: 收到。"))
    assert action.owner == "Ivy"
    action = only(actions_of("Chair: 阿芬，三月十號之前 check 好份通告俾我睇。", "黃淑芬: OK。"))
    assert action.owner == "黃淑芬"
    assert action.due == "2026-03-10"


def test_handing_over_names_the_owner_only_with_a_verb_after():
    action = only(actions_of("Chair: 阿 Sam，你整份器材清單，月底前交俾財務科。", "Sam: 好。"))
    assert action.owner == "Sam"
    action = only(actions_of("Chair: 培訓交俾人事組安排。"))
    assert action.owner == "人事組"


def test_cantonese_calls_a_person_a_and_one_character_of_the_given_name():
    action = only(actions_of("Chair: 阿俊，你聽日 check 下會議室有冇人 book。", attendees=["何俊賢"]))
    assert action.owner == "何俊賢"


def test_a_clause_with_no_subject_after_i_will_is_the_speakers():
    action = only(
        actions_of(
            "Chair: 呢份嘢邊個跟？",
            "Ricky: 我嚟做，下個禮拜一之前 email 俾法律組。",
            "Chair: OK，thanks。",
        )
    )
    assert action.owner == "Ricky"
    assert action.due == "2026-03-09"


# --- tasks -------------------------------------------------------------------------------------------------


def test_a_verb_and_a_pronoun_take_the_noun_phrase_they_stand_for():
    action = only(
        actions_of(
            "Chair: I suggest a one-page checklist for the new staff. Short, with the main steps.",
            "Ken: Tracy, would you mind drafting it?",
            "Tracy: Yes, I can do it.",
        )
    )
    assert action.owner == "Tracy"
    assert action.task == "drafting a one-page checklist"


def test_a_bare_verb_of_a_character_or_two_takes_what_was_asked():
    action = only(
        actions_of(
            "Chair: 如同事有意見，可於下次會議前向秘書處提交意見書。",
            "杜先生: 好，我會準備。",
        )
    )
    assert action.owner == "杜先生"
    assert "提交意見書" in action.task
    assert action.due_text == "於下次會議前"


def test_before_the_next_meeting_takes_its_date_when_the_meeting_says_it():
    action = only(
        actions_of(
            "Chair: 陳先生，請於下次會議前提交工作計劃。",
            "陳先生: 好的。",
            "Chair: 下次會議定喺四月八日。",
        )
    )
    assert action.due == "2026-04-08"
    action = only(
        actions_of(
            "Ken: I'll collect the feedback from the districts and bring it to the next meeting.",
            "Chair: That's the second of April. Thanks.",
        )
    )
    assert action.due == "2026-04-02"


def test_copy_me_after_a_request_is_part_of_it():
    action = only(
        actions_of("Chair: Marcus, please ask Facilities for the floor plan. Copy me.", "Marcus: Will do.")
    )
    assert action.task == "ask Facilities for the floor plan, Copy me"


def test_a_you_answering_a_promise_is_about_that_promise():
    action = only(
        actions_of(
            "淑儀: 我嚟整份新聞稿。",
            "Chair: 好，你整好俾我過目，下個禮拜三之前得唔得？",
            "淑儀: 得。",
        )
    )
    assert action.owner == "淑儀"
    assert action.due == "2026-03-11"


# --- the summing-up ----------------------------------------------------------------------------------------


def test_the_summing_up_joins_the_actions_it_repeats():
    found = actions_of(
        "Chair: Olivia, can you collect the room bookings for April?",
        "Olivia: Sure.",
        "Chair: Jason, please update the leave records and send me a summary.",
        "Jason: OK.",
        "Chair: So, summing up. Olivia, the bookings by 5 March. Jason, the leave summary by the 20th.",
    )
    assert [(a.owner, a.due) for a in found] == [("Olivia", "2026-03-05"), ("Jason", "2026-03-20")]
    assert all(4 in a.evidence for a in found)


def test_a_cantonese_recap_adds_no_new_actions_for_owners_who_have_them():
    found = actions_of(
        "Chair: 阿玲，你負責訂場，下個禮拜三之前俾份場地表我。",
        "何美玲: 好。",
        "Chair: 通告改個時間就得，阿玲你改埋啦。",
        "何美玲: 收到。",
        "Chair: 好，總結下：阿玲下個禮拜三前俾場地表，同埋改通告。多謝大家。",
    )
    assert len(found) == 2
    assert all(4 in a.evidence for a in found)


# --- decisions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ("Chair: OK，咁就 agreed，HR system 移去 wave 4。",),
        ("Chair: 好，通過，茶點預算加到五千蚊。",),
        ("Ken: 今年使唔使搞抽獎？", "Chair: 咁今年唔搞抽獎住，有贊助先再諗。"),
        ("Ken: 使唔使而家加人手？", "Chair: 唔使住，睇下下個月個數先算。"),
    ],
)
def test_code_mixed_and_for_now_decisions(lines):
    assert len(decisions_of(*lines)) == 1


def test_a_cantonese_agreement_then_what_is_agreed_records_that_statement():
    decision = only(decisions_of("Ken: 不如聖誕節前一日提早收工？", "主席: 同意。咁就平安夜下晝三點收工。"))
    assert decision.text == "平安夜下晝三點收工"


@pytest.mark.parametrize(
    "lines",
    [
        ("Ken: 要唔要我印定份名單？", "Chair: 唔使喇，用返電子版。"),  # an offer turned down
        ("Chair: 車位方面，上個月已經批咗。",),  # approved before
        ("Chair: 好，等承辦商確定咗價錢我就話俾大家知。",),  # 定咗 in a sequence still to come
    ],
)
def test_offers_turned_down_and_past_approvals_are_no_decisions(lines):
    assert decisions_of(*lines) == []
