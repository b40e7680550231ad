"""Translation: Traditional↔Simplified by OpenCC with Hong Kong vocabulary, no model needed; English↔Chinese
only with a model, in parts, glossary terms put in the prompt and checked, Traditional output guaranteed."""

import pytest

from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, detect_script
from aiplus.pilot import translate as translation
from aiplus.pilot.sources import SourcePages
from tests.pilot.conftest import NOTICE_EN, NOTICE_HANS

pytestmark = pytest.mark.django_db


def _source(text: str) -> SourcePages:
    return SourcePages("notice.txt", [(1, text)])


def test_simplified_becomes_hong_kong_traditional_keeping_every_paragraph():
    result = translation.translate(_source(NOTICE_HANS + "\n\n软件和网络"), actor=OPERATOR, target="zh-Hant")
    assert result.engine == "opencc"
    assert (
        result.text.split("\n\n")[0]
        == "政府今日宣佈，由三月一日起延長大嶼山渡輪服務。新時間表每日增加六班來往中環及梅窩的航班。"
    )
    assert result.text.count("\n\n") == NOTICE_HANS.count("\n\n") + 1
    assert "軟件" in result.text  # Hong Kong's word, not Taiwan's 軟體


def test_traditional_becomes_simplified():
    traditional = translation.translate(_source(NOTICE_HANS), actor=OPERATOR, target="zh-Hant").text
    back = translation.translate(_source(traditional), actor=OPERATOR, target="zh-Hans")
    assert detect_script(back.text) == Script.SIMPLIFIED and "渡轮" in back.text


def test_english_to_chinese_without_a_model_says_a_model_is_needed():
    with pytest.raises(AiplusError) as refused:
        translation.translate(_source(NOTICE_EN), actor=OPERATOR, target="zh-Hant")
    assert refused.value.code == ErrorCode.MODEL_NEEDED
    assert "language model" in refused.value.message


def test_a_model_answering_in_simplified_still_gives_traditional(model):
    """GIVEN a model that writes Simplified characters WHEN Traditional is asked THEN none reach the user."""
    model.script("政府今日宣布延长大屿山渡轮服务。")
    result = translation.translate(
        _source("The Government extends the ferry."), actor=OPERATOR, target="zh-Hant"
    )
    assert result.engine == "model"
    assert result.text == "政府今日宣佈延長大嶼山渡輪服務。"
    assert detect_script(result.text) == Script.TRADITIONAL


def test_glossary_pairs_go_in_the_prompt_and_are_checked_after(model, monkeypatch):
    monkeypatch.setattr(
        translation,
        "glossary_pairs",
        lambda **kwargs: [("Transport Department", "運輸署"), ("Digital Policy Office", "數字政策辦公室")],
    )
    model.script("交通部表示會延長渡輪服務。")
    result = translation.translate(
        _source("The Transport Department will extend the ferry."), actor=OPERATOR, target="zh-Hant"
    )
    system = model.requests[-1]["body"]["messages"][0]["content"]
    assert "Transport Department => 運輸署" in system
    assert result.glossary_missed == [{"source": "Transport Department", "target": "運輸署"}]


def test_a_long_document_is_translated_in_parts_keeping_paragraph_order(model):
    paragraphs = [f"Paragraph {n} says the ferry runs on time." * 40 for n in range(1, 7)]
    for n in range(1, 7):
        model.script(f"第{n}段。")
    result = translation.translate(_source("\n\n".join(paragraphs)), actor=OPERATOR, target="zh-Hant")
    parts = result.text.split("\n\n")
    assert len(model.requests) >= 2
    assert parts == sorted(parts)
