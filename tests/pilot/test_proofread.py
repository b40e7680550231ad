"""Proofreading without a model finds each kind of slip where it is, with the fix; with a model, only the
spelling and grammar it quotes from the text are kept."""

import json

import pytest
from django.utils import translation

from aiplus.glossary.terms import Term
from aiplus.pilot.proofread import proofread
from aiplus.pilot.proofread.model import parts, verified_issues

GLOSSARY = [
    Term(en="information technology", zh_hant="資訊科技", zh_hans="信息技术", forbidden=("資訊",)),
    Term(
        en="Digital Policy Office",
        zh_hant="數字政策辦公室",
        zh_hans="数字政策办公室",
        forbidden=("數位政策辦公室",),
    ),
]


def found(text, **options):
    return [(i.kind.value, i.found, i.suggestion) for i in proofread(text, **options).issues]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本署将於下月延長辦公時間。", ("script", "将", "將")),
        ("請於到達后向接待處報到。", ("script", "后", "後")),
        ("部門將採購新的軟體以提升效率。", ("regional", "軟體", "軟件")),
        ("公眾可免費使用無線網路。", ("regional", "網路", "網絡")),
        ("如有查詢,請致電本署。", ("punctuation", ",", "，")),
        ("Please visit our website for details。", ("punctuation", "。", ".")),
        ("本署於2024年1月5日收到信件，並於5/1/2024回覆。", ("date", "5/1/2024", "2024年1月5日")),
        ("開支為1,000萬元，去年則為1500萬元。", ("number", "1500", "1,500")),
        ("Send an email or an e-mail, or email us.", ("inconsistent_term", "e-mail", "email")),
    ],
)
def test_each_kind_of_slip_is_found_with_its_fix(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "市民可於皇后大道中的辦事處領取表格。",
        "如有查詢，請致電2123 4567與本署職員聯絡。",
        "The meeting will be held at 2:30 pm (Room 3) on 1 March 2025.",
        "本計劃的總開支約為港幣3,500萬元。",
        "我们会尽快回复您的查询。",
        "請參閱附件A（申請須知）第二段。",
    ],
)
def test_clean_text_raises_no_alarm(text):
    assert found(text) == []


def test_the_glossary_flags_a_word_not_to_use_but_not_inside_the_right_term():
    text = "數位政策辦公室負責資訊科技，並公開資訊。"
    issues = found(text, glossary=GLOSSARY)
    assert ("glossary", "數位政策辦公室", "數字政策辦公室") in issues
    assert ("glossary", "資訊", "資訊科技") in issues
    assert sum(1 for kind, word, _ in issues if word == "資訊") == 1  # 資訊科技 itself is not flagged


def test_offsets_point_at_the_words_in_the_text():
    text = "第一段。\n部門將採購新的軟體。"
    for issue in proofread(text).issues:
        assert text[issue.start : issue.end] == issue.found


def test_messages_are_in_the_readers_language():
    with translation.override("zh-hant"):
        issue = proofread("部門將採購新的軟體。").issues[0]
    assert "香港" in issue.message


def test_a_model_issue_that_is_not_in_the_text_is_dropped():
    reply = json.dumps(
        [
            {"text": "recieve", "suggestion": "receive", "kind": "spelling", "message": "Spelling."},
            {"text": "invented words", "suggestion": "x", "kind": "grammar", "message": "Not there."},
            {"text": "same", "suggestion": "same", "kind": "grammar", "message": "No change."},
        ]
    )
    issues = verified_issues("We recieve the same letters.", 100, "Here you are:\n" + reply)
    assert [(i.found, i.suggestion, i.start) for i in issues] == [("recieve", "receive", 103)]
    assert verified_issues("text", 0, "not json at all") == []


def test_long_texts_are_sent_in_parts_that_cover_the_whole_text():
    text = "一行文字。\n" * 5000
    pieces = parts(text, limit=1000)
    assert "".join(part for _, part in pieces) == text
    assert all(len(part) <= 1000 for _, part in pieces)


def test_brackets_inside_a_latin_token_are_not_chinese_punctuation():
    """An HKID's check digit or a form's part number keeps its half-width brackets in a Chinese sentence;
    brackets around Chinese, or after a Chinese word, are still flagged."""
    assert [k for k, *_ in found("申請人身份證號碼為A123456(3)，已核實。") if k == "punctuation"] == []
    assert [k for k, *_ in found("請填寫表格GF340(1)並交回本署。") if k == "punctuation"] == []
    assert ("punctuation", "(", "（") in found("請參閱附件(見第三段)。")
    assert ("punctuation", "(", "（") in found("請參閱附件(A)。")
