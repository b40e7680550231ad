"""Minutes leave aiplus as Markdown, Word or JSON, laid out by their template, in the chosen language."""

import io
import json

import pytest
from docx import Document

from aiplus.core.errors import AiplusError
from aiplus.meetings.export import render, to_markdown
from aiplus.meetings.minutes import ActionItem, Decision, Item, Minutes, Point
from aiplus.meetings.templates import BUILT_IN, template_from_sections
from aiplus.meetings.transcript import Segment, Transcript

TRANSCRIPT = Transcript(
    [
        Segment(0, "陳主席", "我哋今日討論泳池維修。", 0.0, 5.0),
        Segment(1, "Peter", "I'll send the tender papers by Friday.", 65.0, 70.0),
        Segment(2, "陳主席", "好，就咁決定，五月開始維修。", 331.0, 336.0),
    ]
)
MINUTES = Minutes(
    title="Leisure Services Committee",
    date="2026-03-04",
    language="en",
    attendees=["陳主席", "Peter"],
    summary="The Chair said that the pool repairs would start in May.",
    items=[
        Item(
            title="Pool repairs",
            points=[Point("Repairs of the pool were discussed.", [0])],
            decisions=[Decision("Repairs start in May.", [2])],
            actions=[ActionItem("Peter", "Send the tender papers", "2026-03-06", "by Friday", [1])],
            segments=(0, 2),
        )
    ],
)


def test_markdown_follows_the_committee_template_with_an_actions_table_citing_segments():
    text = to_markdown(MINUTES, BUILT_IN["committee"], TRANSCRIPT)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Present" and headings[-1] == "## Date of next meeting"
    assert "| 1 | Peter | Send the tender papers | 2026-03-06 | [1 · 00:01:05] |" in text
    assert "1. Repairs start in May. [2 · 00:05:31]" in text


def test_chinese_and_bilingual_headings():
    chinese = to_markdown(
        Minutes(**{**MINUTES.__dict__, "language": "zh-Hant"}), BUILT_IN["general"], TRANSCRIPT
    )
    assert "## 跟進事項" in chinese and "負責人" in chinese
    both = to_markdown(Minutes(**{**MINUTES.__dict__, "language": "both"}), BUILT_IN["general"], TRANSCRIPT)
    assert "## Action items 跟進事項" in both


def test_docx_has_headings_and_an_actions_table():
    document = Document(io.BytesIO(render(MINUTES, BUILT_IN["project"], TRANSCRIPT, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Actions (owner, due date)" in headings and "1. Pool repairs" in headings
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["#", "Owner", "Task", "Due", "Evidence"]
    assert [c.text for c in table.rows[1].cells][1:4] == ["Peter", "Send the tender papers", "2026-03-06"]


def test_json_has_the_cli_contract_fields():
    data = json.loads(render(MINUTES, BUILT_IN["general"], TRANSCRIPT, "json"))
    assert {"summary", "attendees", "items", "decisions", "actions"} <= set(data)
    assert data["actions"] == [
        {
            "owner": "Peter",
            "task": "Send the tender papers",
            "due": "2026-03-06",
            "due_text": "by Friday",
            "evidence": [1],
        }
    ]


def test_user_defined_templates_are_checked():
    template = template_from_sections(
        "Panel",
        [
            {"kind": "summary", "title_en": "Gist", "title_zh": "要點"},
            {"kind": "actions", "title_en": "To do"},
        ],
    )
    assert [s.title("zh-Hant") for s in template.sections] == ["要點", "To do"]
    with pytest.raises(AiplusError):
        template_from_sections("Bad", [{"kind": "poem", "title_en": "Ode"}])
    with pytest.raises(AiplusError):
        template_from_sections("No actions", [{"kind": "summary", "title_en": "Gist"}])
