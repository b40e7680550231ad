"""One rule per input field: what each refuses, why, and in which language the user reads it."""

from pathlib import Path

import pytest
from django.utils import translation

import aiplus
from aiplus.core.errors import FIELD_LABELS, AiplusError, ErrorCode
from aiplus.core.validation import NUMBER_RULES, TEXT_RULES, clean_number, clean_text, repair_text

BAD_SLUGS = [
    ("海港公告", "slug"),
    ("../x", "slug"),
    ("my docs", "slug"),
    ("", "required"),
    ("x" * 500, "too_long"),
    ("Guides", "slug"),
    ("-guides", "slug"),
    ("a\ud800", "surrogate"),
    ("a\x00b", "control"),
    ("a\nb", "one_line"),
]


@pytest.mark.parametrize(("value", "reason"), BAD_SLUGS)
def test_a_collection_slug_is_lower_case_letters_digits_and_hyphens(value, reason):
    with pytest.raises(AiplusError) as refused:
        clean_text("collection.slug", value)
    assert refused.value.code == ErrorCode.INVALID_FIELD
    assert refused.value.field == "collection.slug"
    assert refused.value.params["reason"] == reason
    assert refused.value.http_status == 400


@pytest.mark.parametrize("value", ["guidance", "pier-notes", "2026-budget", "a" * 50])
def test_good_slugs_pass_unchanged(value):
    assert clean_text("collection.slug", value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("a\ud800", "surrogate"),
        ("\udfff海港", "surrogate"),
        ("Harbour\x07notices", "control"),
        ("Harbour\x1b[31m", "control"),
        ("Harbour\tnotices", "control"),
        ("Harbour\u0085notices", "control"),
        ("two\nlines", "one_line"),
        ("   ", "required"),
        ("n" * 201, "too_long"),
        (42, "not_text"),
    ],
)
def test_a_name_refuses_broken_and_invisible_characters(value, reason):
    with pytest.raises(AiplusError) as refused:
        clean_text("collection.name", value)
    assert refused.value.params["reason"] == reason


def test_a_name_keeps_chinese_and_loses_only_surrounding_spaces():
    assert clean_text("collection.name", "  海港公告 Harbour notices ") == "海港公告 Harbour notices"


def test_multiline_fields_keep_line_breaks_and_tabs_but_not_other_controls():
    assert clean_text("meeting.agenda", "1. Budget\n2.\tStaffing") == "1. Budget\n2.\tStaffing"
    with pytest.raises(AiplusError):
        clean_text("meeting.agenda", "1. Budget\x0c2. Staffing")
    assert clean_text("meeting.agenda", "") == ""  # an agenda is optional


def test_the_question_limit_is_a_setting(settings):
    settings.AIPLUS_MAX_QUESTION_CHARS = 20
    assert clean_text("question", "狗牌幾錢?") == "狗牌幾錢?"
    with pytest.raises(AiplusError) as refused:
        clean_text("question", "狗" * 21)
    assert refused.value.params == {"field": "question", "reason": "too_long", "limit": 20}


@pytest.mark.parametrize("k", [0, -1, 101, 100_000, True, "10"])
def test_the_number_of_results_is_from_1_to_100(k):
    with pytest.raises(AiplusError) as refused:
        clean_number("search.k", k)
    assert refused.value.field == "search.k"


def test_the_message_names_the_field_and_the_reason_in_the_users_language():
    with pytest.raises(AiplusError) as refused:
        clean_text("collection.slug", "海港公告")
    error = refused.value
    with translation.override("en"):
        assert error.message == (
            "collection short name: use lower-case letters, digits and hyphens, starting with a letter or "
            "digit (1–50 characters)."
        )
    with translation.override("zh-hant"):
        assert error.message.startswith("文件庫網址簡稱：")
        assert "50" in error.message
    assert error.field == "collection.slug"


def test_every_field_has_a_label_a_user_can_read():
    assert set(TEXT_RULES) | set(NUMBER_RULES) <= set(FIELD_LABELS)
    # A label with no text or number rule names a field checked another way (a file, a choice): some service
    # must refuse it by that name, or the label is dead.
    sources = "".join(
        path.read_text("utf-8")
        for path in Path(aiplus.__file__).parent.rglob("*.py")
        if path.name != "errors.py" and path.parent.name != "migrations"
    )
    checked_elsewhere = set(FIELD_LABELS) - set(TEXT_RULES) - set(NUMBER_RULES)
    assert [field for field in sorted(checked_elsewhere) if f'"{field}"' not in sources] == []
    with translation.override("zh-hant"):
        untranslated = [field for field, label in FIELD_LABELS.items() if str(label).isascii()]
    assert untranslated == []


def test_repair_drops_what_cannot_be_shown_and_keeps_the_rest():
    assert repair_text("collection.name", "Harbour\x07 notices\ud800\n2026") == "Harbour notices 2026"
    assert repair_text("meeting.agenda", "1. Budget\x00\n2. Staffing") == "1. Budget\n2. Staffing"
