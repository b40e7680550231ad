"""Deadlines said in a meeting become dates a secretary can put in the minutes, counted from the meeting's
own date. The meeting in these tests is on Wednesday 4 March 2026."""

import datetime

import pytest

from aiplus.meetings.dates import chinese_number, find_due

WEDNESDAY = datetime.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("said", "date"),
    [
        # absolute dates, with and without a year; day first, as written in Hong Kong
        ("please send it by 15 March", "2026-03-15"),
        ("by March 15th", "2026-03-15"),
        ("no later than 30 April 2026", "2026-04-30"),
        ("on 15/3", "2026-03-15"),
        ("due 15/03/2026", "2026-03-15"),
        ("2026-03-15", "2026-03-15"),
        ("三月十五日前", "2026-03-15"),
        ("3月15號之前交", "2026-03-15"),
        ("2026年4月1日", "2026-04-01"),
        ("二十號前", "2026-03-20"),
        ("by the 20th", "2026-03-20"),
        # today and tomorrow
        ("by the end of the day", "2026-03-04"),
        ("今日之內", "2026-03-04"),
        ("by tomorrow", "2026-03-05"),
        ("聽日俾我", "2026-03-05"),
        ("明天", "2026-03-05"),
        # this Friday is the Friday of the meeting's week; next Friday the Friday after
        ("this Friday", "2026-03-06"),
        ("本星期五前", "2026-03-06"),
        ("今個禮拜五", "2026-03-06"),
        ("by Friday", "2026-03-06"),
        ("next Friday", "2026-03-13"),
        ("下星期五前", "2026-03-13"),
        ("下個禮拜五", "2026-03-13"),
        ("Monday next week", "2026-03-09"),
        # next week means the Friday of next week
        ("next week", "2026-03-13"),
        ("下星期", "2026-03-13"),
        ("下個禮拜", "2026-03-13"),
        ("by the end of this week", "2026-03-06"),
        # spans
        ("within two weeks", "2026-03-18"),
        ("兩星期內", "2026-03-18"),
        ("兩個禮拜內", "2026-03-18"),
        ("in 10 working days", "2026-03-18"),
        ("十個工作天內", "2026-03-18"),
        ("within a month", "2026-04-04"),
        # ends of months, quarters and years
        ("by the end of the month", "2026-03-31"),
        ("月底前", "2026-03-31"),
        ("deadline 係月尾", "2026-03-31"),
        ("end of next month", "2026-04-30"),
        ("下個月尾", "2026-04-30"),
        ("by the end of March", "2026-03-31"),
        ("三月底", "2026-03-31"),
        ("mid-April", "2026-04-15"),
        ("by Q2", "2026-06-30"),
        ("年底前", "2026-12-31"),
    ],
)
def test_deadlines_resolve_against_the_meeting_date(said, date):
    due = find_due(said, meeting_date=WEDNESDAY)
    assert due is not None, said
    assert due.iso == date


@pytest.mark.parametrize("said", ["before the next meeting", "下次開會前", "as soon as possible", "盡快"])
def test_deadlines_without_a_day_keep_their_words(said):
    due = find_due(f"please do it {said}", meeting_date=WEDNESDAY)
    assert due is not None
    assert due.date is None
    assert due.text.endswith(said.split()[-1])


def test_the_words_as_said_keep_their_by_and_before():
    assert find_due("Can you get that to me by 14 March?", meeting_date=WEDNESDAY).text == "by 14 March"
    assert find_due("請於三月十五日前提交", meeting_date=WEDNESDAY).text == "於三月十五日前"
    assert find_due("報告下星期五之前俾我", meeting_date=WEDNESDAY).text == "下星期五之前"


@pytest.mark.parametrize(
    ("said", "words", "date"),
    [
        ("我哋下星期要更新名單，月尾前交俾我", "月尾前", "2026-03-31"),
        ("Next month we review it, so send it to me by Friday", "by Friday", "2026-03-06"),
        ("By Friday please, and next week we meet again", "By Friday", "2026-03-06"),
        ("下個月再傾，之後先決定", "下個月", "2026-04-30"),  # a time alone is still the one said
    ],
)
def test_of_two_times_said_the_one_marked_as_the_deadline_is_taken(said, words, date):
    due = find_due(said, meeting_date=WEDNESDAY)
    assert (due.text, due.iso) == (words, date)
    assert due.firm == (words != "下個月")


def test_the_span_points_at_the_words_in_the_sentence():
    sentence = "我哋 next week 再 follow up 個 budget"
    due = find_due(sentence, meeting_date=WEDNESDAY)
    assert sentence[due.start : due.end] == "next week"


def test_a_month_already_past_means_next_year():
    december = datetime.date(2026, 12, 10)
    assert find_due("by 15 January", meeting_date=december).iso == "2027-01-15"
    assert find_due("end of February", meeting_date=december).iso == "2027-02-28"


def test_without_a_meeting_date_only_dates_with_their_year_resolve():
    assert find_due("by next Friday", meeting_date=None).date is None
    assert find_due("by next Friday", meeting_date=None).text == "by next Friday"
    assert find_due("by 15 March 2026", meeting_date=None).iso == "2026-03-15"


def test_sentences_without_deadlines_find_none():
    for sentence in ["Let's move on to item three.", "我哋討論下個預算", "The budget is 42 million."]:
        assert find_due(sentence, meeting_date=WEDNESDAY) is None, sentence


@pytest.mark.parametrize(
    ("written", "value"), [("十五", 15), ("廿三", 23), ("三十一", 31), ("兩", 2), ("12", 12)]
)
def test_chinese_numbers(written, value):
    assert chinese_number(written) == value


@pytest.mark.parametrize(
    ("said", "date"),
    [("at the meeting on the second of April", "2026-04-02"), ("April the first", "2026-04-01"),
     ("Yes, the fourteenth is fine.", "2026-03-14")],
)  # fmt: skip
def test_dates_in_words(said, date):
    assert find_due(said, meeting_date=WEDNESDAY).iso == date


def test_an_ordinal_that_is_not_a_date_is_left_alone():
    assert find_due("we move in the third quarter", meeting_date=WEDNESDAY) is None
    assert find_due("the second item is the budget", meeting_date=WEDNESDAY) is None


def test_before_the_next_meeting_in_code_mixed_cantonese_is_a_deadline_without_a_day():
    due = find_due("下次 meeting 前 send 俾我", meeting_date=WEDNESDAY)
    assert due is not None and due.text == "下次 meeting 前" and due.date is None
