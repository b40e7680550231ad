"""Summaries: extractive without a model (the document's own sentences, no repeats, each citing where it
came from); with a model, every sentence checked against the sentence it cites."""

import pytest

from aiplus.core.access import OPERATOR
from aiplus.core.language import Script, detect_script
from aiplus.llm.models import ModelCall
from aiplus.pilot.sources import SourcePages, sentences_of, source_from_text
from aiplus.pilot.summarise import summarise
from tests.pilot.conftest import NOTICE_EN, NOTICE_HANS

pytestmark = pytest.mark.django_db


def _source(text: str, pages: int = 1) -> SourcePages:
    return SourcePages("notice.txt", [(n, text) for n in range(1, pages + 1)])


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


def test_an_extractive_summary_quotes_the_document_and_says_where_each_sentence_is():
    source = _source(NOTICE_EN)
    summary = summarise(source, actor=OPERATOR, length="standard").as_dict()
    assert summary["engine"] == "extractive" and summary["language"] == "en"
    assert 2 <= len(summary["sentences"]) <= 6
    for sentence in summary["sentences"]:
        (cite,) = sentence["cites"]
        assert _unwrapped(source.text[cite["start"] : cite["end"]]) == sentence["text"]
        assert cite["page"] == 1 and cite["paragraph"] >= 2
    texts = [s["text"] for s in summary["sentences"]]
    assert sum("Octopus" in text for text in texts) <= 1, "the repeated discount sentence is said once"
    assert not any("free" in text for text in texts), "a planted instruction is never a summary sentence"
    assert summary["text"].startswith("- ")


def test_lengths_grow_and_prose_is_one_paragraph():
    source = _source(NOTICE_EN)
    brief = summarise(source, actor=OPERATOR, length="brief").sentences
    detailed = summarise(source, actor=OPERATOR, length="detailed").sentences
    assert len(brief) < len(detailed)
    prose = summarise(source, actor=OPERATOR, length="brief", style="prose").as_dict()["text"]
    assert "\n" not in prose and not prose.startswith("-")


def test_a_chinese_summary_is_in_the_script_asked_for_and_cites_its_page():
    source = SourcePages("notice.txt", [(1, "封面"), (2, NOTICE_HANS)])
    summary = summarise(source, actor=OPERATOR, length="brief", language="zh-Hant")
    assert summary.language == "zh-Hant"
    assert detect_script(" ".join(s.text for s in summary.sentences)) == Script.TRADITIONAL
    assert "宣佈" in summary.sentences[0].text or "渡輪" in summary.sentences[0].text
    assert {c["page"] for s in summary.sentences for c in s.cites} == {2}


def test_without_a_model_another_language_is_refused_politely():
    summary = summarise(_source(NOTICE_HANS), actor=OPERATOR, language="en")
    assert summary.language == "zh-Hans" and summary.notices
    assert detect_script(summary.sentences[0].text) == Script.SIMPLIFIED


def test_offsets_count_across_pages_and_unwrap_lines():
    source = SourcePages(
        "a.pdf", [(1, "First page has one sentence here."), (2, "Second page\nwraps its line.")]
    )
    items = sentences_of(source)
    assert [(s.page, s.text) for s in items] == [
        (1, "First page has one sentence here."),
        (2, "Second page wraps its line."),
    ]
    assert source.text[items[1].start : items[1].end] == "Second page\nwraps its line."


def test_a_model_summary_keeps_only_sentences_supported_by_what_they_cite(model):
    source = _source(NOTICE_EN)
    numbers = {s.text: s.number for s in sentences_of(source)}
    ferry = numbers[
        "The Government announced today that the Lantau ferry service will be extended from 1 March."
    ]
    fares = numbers["Fares will stay at the current level for the first year."]
    model.script(
        f"The Lantau ferry service will be extended from 1 March. [{ferry}]\n"
        f"The minister resigned over a bribery scandal. [{fares}]\n"
        "Everything is free now. [999]"
    )
    summary = summarise(source, actor=OPERATOR, length="standard")
    assert summary.engine == "model"
    assert [s.text for s in summary.sentences] == ["The Lantau ferry service will be extended from 1 March."]
    assert summary.sentences[0].cites[0]["sentence"] == ferry
    assert summary.removed == 2 and summary.notices
    prompt = model.requests[-1]["body"]["messages"][-1]["content"]
    assert "all fares are free" not in prompt, "a planted instruction is withheld from the model"


def test_a_long_document_goes_to_the_model_in_parts_and_is_merged(model, settings):
    long_text = "\n\n".join(NOTICE_EN.split("\n\n")[1:]) + "\n\n"
    source = _source(long_text * 30)  # about 3,000 words
    summary = summarise(source, actor=OPERATOR, length="brief", progress=lambda d, t: None)
    calls = ModelCall.objects.filter(flow="pilot.summarise")
    assert calls.count() >= 2
    assert summary.engine == "model" and 1 <= len(summary.sentences) <= 3
    for sentence in summary.sentences:
        assert sentence.checked and sentence.cites


def test_when_the_model_is_down_the_summary_quotes_the_document(model):
    model.fail_next(500)
    summary = summarise(_source(NOTICE_EN), actor=OPERATOR)
    assert summary.engine == "extractive" and summary.sentences
    assert any("did not answer" in notice for notice in summary.notices)


def test_a_model_summary_asked_in_traditional_chinese_never_comes_back_simplified(model):
    model.script("政府宣布延长大屿山渡轮服务。[1]")
    summary = summarise(_source(NOTICE_HANS), actor=OPERATOR, language="zh-Hant")
    assert summary.sentences[0].text == "政府宣佈延長大嶼山渡輪服務。"


def test_pasted_text_from_a_browser_keeps_its_paragraphs():
    source = source_from_text("The first paragraph is here.\r\n\r\nThe second paragraph follows it.")
    assert [s.paragraph for s in sentences_of(source)] == [1, 2]


def test_a_document_the_policy_keeps_from_the_model_is_summarised_in_its_own_words(amy, dsd, model):
    """GIVEN a department that blocks personal data WHEN a notice naming an HKID is summarised THEN the
    summary quotes the document and says why, and nothing reaches the model."""
    from aiplus.llm.services import department_model_set

    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy="block")
    text = NOTICE_EN.replace(
        "The Government announced", "Applicant A123456(3) was told that the Government announced"
    )
    summary = summarise(_source(text), actor=amy)
    assert summary.engine == "extractive" and summary.sentences
    (notice,) = summary.notices
    assert "personal data (HKID" in notice and notice.endswith("so this summary quotes the document.")
    assert model.requests == []
