"""A workflow's JSON is checked before anything is saved; each refusal names the place and the reason."""

import pytest
from django.utils import translation

from aiplus.core.errors import AiplusError
from aiplus.workflows.definition import definition_parse
from aiplus.workflows.models import Workflow
from aiplus.workflows.services import workflow_save
from tests.workflows.conftest import triage_definition


def _refusal(data, language: str = "en") -> str:
    """The refusal's message as a reader of ``language`` gets it (never the language an earlier test left)."""
    with translation.override(language):
        with pytest.raises(AiplusError) as caught:
            definition_parse(data)
        return caught.value.message


def test_bad_json_is_refused_with_what_to_give():
    assert "JSON object" in _refusal("{not json")
    assert "JSON object" in _refusal("[1, 2]")


def test_an_unknown_action_lists_the_known_ones():
    message = _refusal({"name": "x", "trigger": {"type": "api"}, "steps": [{"action": "fax"}]})
    assert "steps.0.action" in message and "email" in message and "approval" in message


def test_bad_settings_name_the_setting():
    message = _refusal(
        {
            "name": "x",
            "trigger": {"type": "api"},
            "steps": [{"action": "email", "settings": {"to": ["a@b.hk"]}}],
        }
    )
    assert "steps.0.settings.subject" in message
    message = _refusal(
        {
            "name": "x",
            "trigger": {"type": "api"},
            "steps": [{"action": "summarise", "settings": {"colour": 1}}],
        }
    )
    assert "steps.0.settings.colour" in message


def test_a_bad_regular_expression_and_a_missing_collection_are_refused():
    message = _refusal(
        {
            "name": "x",
            "trigger": {"type": "api"},
            "conditions": [{"kind": "content", "regex": "(投訴"}],
            "steps": [{"action": "redact"}],
        }
    )
    assert "conditions.0.regex" in message
    assert "trigger.collection" in _refusal(
        {"name": "x", "trigger": {"type": "document_added"}, "steps": [{"action": "redact"}]}
    )


def test_the_refusal_is_in_traditional_chinese_for_a_chinese_user():
    message = _refusal({"name": "x", "trigger": {"type": "api"}, "steps": [{"action": "fax"}]}, "zh-hant")
    assert "工作流程" in message and "steps.0.action" in message


@pytest.mark.django_db
def test_each_save_keeps_a_version_and_a_refused_save_changes_nothing(alice, letters, filed):
    workflow = workflow_save(actor=alice, department=alice.department, data=triage_definition())
    changed = triage_definition(description="Second version")
    workflow = workflow_save(actor=alice, department=alice.department, data=changed, workflow=workflow)
    assert workflow.version == 2 and list(workflow.versions.values_list("version", flat=True)) == [2, 1]
    with pytest.raises(AiplusError):
        workflow_save(
            actor=alice,
            department=alice.department,
            data=triage_definition(steps=[{"action": "fax"}]),
            workflow=workflow,
        )
    workflow.refresh_from_db()
    assert workflow.version == 2 and workflow.description == "Second version" and len(workflow.steps) == 5


@pytest.mark.django_db
def test_a_trigger_may_only_watch_the_departments_own_collection(alice, betty, pier_notes, letters, filed):
    with pytest.raises(AiplusError) as caught:
        workflow_save(
            actor=alice,
            department=alice.department,
            data=triage_definition(trigger={"type": "document_added", "collection": "pier-notes"}),
        )
    assert "pier-notes" in caught.value.message
    assert not Workflow.objects.exists()


@pytest.mark.django_db
def test_only_the_departments_knowledge_owners_manage_its_workflows(amy, bob, alice, letters, filed):
    for outsider in (amy, bob):
        with pytest.raises(AiplusError) as caught:
            workflow_save(actor=outsider, department=alice.department, data=triage_definition())
        assert caught.value.code == "forbidden"
