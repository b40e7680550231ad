"""The JSON shape of a workflow, checked in one place for every door (page, API, CLI, import).

    {"name": "…", "description": "…", "enabled": true,
     "trigger": {"type": "document_added", "collection": "letters"},
     "conditions": [{"kind": "content", "keywords": ["投訴", "complaint"]}],
     "steps": [{"action": "extract", "settings": {...}, "when": [...]}, …]}

A trigger is ``document_added`` (a document of the collection becomes searchable), ``api`` (only started by a
call) or ``schedule`` (every ``every_minutes``, over the collection's documents added since the last time).
A condition is one of the kinds in ``Condition``; a step's ``when`` holds conditions checked just before it
runs (so it can test the fields an earlier step extracted). Each action checks its own settings
(``workflows.actions``). A bad definition is refused with the field and the reason, in the user's language.
"""

import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aiplus.core.validation import clean_text, invalid

TRIGGERS = ("document_added", "api", "schedule")
CONDITION_KINDS = ("filename", "file_type", "content", "field", "department", "origin")
ORIGIN_KEYS = ("channel", "sender", "subject")
MAX_STEPS = 30
MAX_CONDITIONS = 30


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Trigger(Strict):
    type: Literal["document_added", "api", "schedule"]
    collection: str = ""
    every_minutes: int | None = Field(default=None, ge=1, le=7 * 24 * 60)


class Condition(Strict):
    """``filename`` (glob patterns, e.g. "*.pdf"), ``file_type`` (any of), ``content`` (keywords and/or a
    regular expression over the text), ``field`` (an extracted field: present, equals or regex),
    ``department`` (codes), ``origin`` (channel, sender or subject: equals, keywords or regex), ``label``
    (the label a classify step gave: any of ``equals``, at least ``min_confidence`` sure)."""

    kind: Literal["filename", "file_type", "content", "field", "department", "origin", "label"]
    keywords: list[str] = Field(default_factory=list, max_length=200)
    match: Literal["any", "all"] = "any"
    regex: str = Field(default="", max_length=500)
    equals: list[str] = Field(default_factory=list, max_length=200)
    name: str = Field(default="", max_length=64)  # the field's name (kind "field") or origin key
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    negate: bool = False


class Step(Strict):
    action: str
    settings: dict[str, Any] = Field(default_factory=dict)
    when: list[Condition] = Field(default_factory=list, max_length=MAX_CONDITIONS)


class Definition(Strict):
    name: str
    description: str = ""
    enabled: bool = True
    trigger: Trigger
    conditions: list[Condition] = Field(default_factory=list, max_length=MAX_CONDITIONS)
    steps: list[Step] = Field(min_length=1, max_length=MAX_STEPS)


def _problem(error: dict) -> tuple[str, str, dict]:
    """A pydantic error as (field, reason, values) for ``core.validation.invalid``."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "missing":
        return "workflow.definition", "wf_missing", {"where": where}
    if kind == "extra_forbidden":
        return "workflow.definition", "wf_unknown_key", {"where": where}
    if kind in {"literal_error", "enum"}:
        expected = (error.get("ctx") or {}).get("expected", "")
        return "workflow.definition", "wf_choice", {"where": where, "choices": expected}
    if kind in {"too_short", "too_long"}:
        return "workflow.definition", "wf_count", {"where": where}
    return "workflow.definition", "wf_value", {"where": where, "problem": error.get("msg", "")}


def _checked_pattern(where: str, pattern: str) -> None:
    if pattern:
        try:
            re.compile(pattern)
        except re.error:
            raise invalid("workflow.definition", "wf_regex", where=where) from None


def _check_condition(where: str, condition: Condition) -> None:
    _checked_pattern(f"{where}.regex", condition.regex)
    if condition.kind == "content" and not (condition.keywords or condition.regex):
        raise invalid("workflow.definition", "wf_condition", where=where)
    if condition.kind == "field" and not condition.name:
        raise invalid("workflow.definition", "wf_missing", where=f"{where}.name")
    if condition.kind == "origin" and condition.name not in ORIGIN_KEYS:
        raise invalid(
            "workflow.definition", "wf_choice", where=f"{where}.name", choices=", ".join(ORIGIN_KEYS)
        )
    if condition.kind in {"filename", "file_type", "department"} and not condition.equals:
        raise invalid("workflow.definition", "wf_missing", where=f"{where}.equals")


def definition_parse(data) -> Definition:
    """A workflow definition from JSON text or already-parsed data, every part checked."""
    from aiplus.workflows.actions import action_named

    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise invalid("workflow.definition", "wf_json") from None
    if not isinstance(data, dict):
        raise invalid("workflow.definition", "wf_json")
    try:
        definition = Definition.model_validate(data)
    except ValidationError as error:
        field, reason, values = _problem(error.errors()[0])
        raise invalid(field, reason, **values) from None
    definition.name = clean_text("workflow.name", definition.name)
    definition.description = clean_text("workflow.description", definition.description)
    if definition.trigger.type == "document_added" and not definition.trigger.collection:
        raise invalid("workflow.definition", "wf_missing", where="trigger.collection")
    if definition.trigger.type == "schedule" and not definition.trigger.every_minutes:
        raise invalid("workflow.definition", "wf_missing", where="trigger.every_minutes")
    for number, condition in enumerate(definition.conditions):
        _check_condition(f"conditions.{number}", condition)
    for number, step in enumerate(definition.steps):
        action = action_named(step.action, where=f"steps.{number}.action")
        step.settings = action.settings_clean(step.settings, where=f"steps.{number}.settings")
        for index, condition in enumerate(step.when):
            _check_condition(f"steps.{number}.when.{index}", condition)
    return definition


def definition_dump(definition: Definition) -> dict:
    return definition.model_dump(mode="json", exclude_defaults=False)


def settings_parse(model: type[BaseModel], settings: dict, *, where: str) -> dict:
    """An action's settings checked against its schema; the cleaned settings as plain data."""
    try:
        return model.model_validate(settings or {}).model_dump(mode="json", by_alias=True)
    except ValidationError as error:
        first = error.errors()[0]
        field, reason, values = _problem({**first, "loc": (where, *first.get("loc", ()))})
        raise invalid(field, reason, **values) from None
