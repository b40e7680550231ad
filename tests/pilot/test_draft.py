"""Drafting a reply from a department's template: a model is needed; statements must rest on the source."""

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.pilot.draft import draft_reply, draft_template_create, template_for, templates_for
from aiplus.pilot.models import DraftTemplate
from aiplus.pilot.sources import SourcePages

pytestmark = pytest.mark.django_db

ENQUIRY = SourcePages(
    "letter.txt",
    [
        (
            1,
            "Dear Sir,\n\nI applied for a hawker licence on 3 May. My application number is HL-2041. "
            "I have not heard back after six weeks.\n\nChan Tai Man",
        )
    ],
)


def test_two_demo_templates_are_offered_to_every_department(amy, bob):
    names = set(templates_for(amy).values_list("name", flat=True))
    assert len(names) == 2 and names == set(templates_for(bob).values_list("name", flat=True))
    assert {t.language for t in DraftTemplate.objects.all()} == {"en", "zh-Hant"}


def test_a_departments_own_template_is_not_offered_to_another(alice, bob, amy):
    template = draft_template_create(actor=alice, name="Licence reply", body="Dear {recipient},\n\n{reply}")
    assert template_for(amy, template.pk) == template
    with pytest.raises(AiplusError) as hidden:
        template_for(bob, template.pk)
    assert hidden.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(AiplusError) as refused:
        draft_template_create(actor=amy, name="Mine", body="x")
    assert refused.value.code == ErrorCode.FORBIDDEN


def test_without_a_model_drafting_says_a_model_is_needed(amy):
    template = templates_for(amy).get(language="en")
    with pytest.raises(AiplusError) as refused:
        draft_reply(ENQUIRY, actor=amy, template=template)
    assert refused.value.code == ErrorCode.MODEL_NEEDED


def test_a_draft_cites_the_enquiry_and_flags_what_it_does_not_support(amy, model):
    template = templates_for(amy).get(language="en")
    model.script(
        "Dear Mr Chan,\n\nThank you for your letter. Your application HL-2041 for a hawker licence was "
        "received on 3 May. [2] Your licence has been approved with a fee waiver. [3]\n\nYours sincerely,"
    )
    draft = draft_reply(ENQUIRY, actor=amy, template=template, points="Say it is being processed.")
    assert "[2]" not in draft.text and "HL-2041" in draft.text
    assert [c["sentence"] for c in draft.cites] == [2, 3]
    assert draft.unsupported == ["Your licence has been approved with a fee waiver."]
    prompt = model.requests[-1]["body"]["messages"]
    assert "{reply}" in prompt[0]["content"] and "Say it is being processed." in prompt[1]["content"]


def test_a_chinese_template_gives_a_traditional_draft(amy, model):
    template = templates_for(amy).get(language="zh-Hant")
    model.script("备忘\n\n致：陈先生\n\n申请编号HL-2041已于五月三日收到。[2]")
    draft = draft_reply(ENQUIRY, actor=amy, template=template)
    assert "備忘" in draft.text and "陳先生" in draft.text and "于" not in draft.text
