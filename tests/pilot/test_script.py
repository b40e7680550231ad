"""Output in the asked script: what is in the other script is converted, what is right is kept as written."""

from aiplus.pilot.script import in_script


def test_simplified_clauses_become_traditional_and_traditional_ones_are_kept():
    mixed = "申請人不准許轉讓牌照，政府宣布延长服务时间。"
    assert in_script(mixed, "zh-Hant") == "申請人不准許轉讓牌照，政府宣佈延長服務時間。"


def test_traditional_becomes_simplified_and_english_is_untouched():
    assert in_script("運輸署宣布新路線。Route 91 starts.", "zh-Hans") == "运输署宣布新路线。Route 91 starts."
    assert in_script("政府宣布", "en") == "政府宣布"
