"""The visual editor's form: a workflow's definition as plain form fields (one group per step, each setting
its own input) and back, with the step operations (add, remove, move up, move down). The page carries the
definition being edited in the form itself, so no JavaScript is needed; only "save" stores it (through
``services.workflow_save``, which checks it as every other door does)."""

import json
import types
import typing
from dataclasses import dataclass

from aiplus.workflows.actions import actions


@dataclass
class SettingField:
    name: str
    kind: str  # text, number, checkbox, select, lines, json
    value: object
    choices: tuple = ()
    required: bool = False
    help: str = ""


def _kind(annotation) -> tuple[str, tuple]:
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) and len(arguments) == 1:  # an optional setting
        annotation = arguments[0]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "select", typing.get_args(annotation)
    if annotation is bool:
        return "checkbox", ()
    if annotation in (int, float):
        return "number", ()
    if origin is list:
        return "lines", ()
    if annotation is str:
        return "text", ()
    return "json", ()


def setting_fields(action_name: str, settings: dict) -> list[SettingField]:
    action = actions().get(action_name)
    if action is None:
        return []
    rows = []
    for attribute, info in action.settings.model_fields.items():
        name = info.alias or attribute
        kind, choices = _kind(info.annotation)
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        value = settings.get(name, default)
        if kind == "lines":
            value = "\n".join(str(v) for v in value or [])
        elif kind == "json":
            value = json.dumps(value, ensure_ascii=False, indent=1) if value is not None else ""
        rows.append(SettingField(name, kind, value, choices, info.is_required(), info.description or ""))
    return rows


def _setting_value(field: SettingField, raw: str | None):
    if field.kind == "checkbox":
        return raw is not None
    raw = (raw or "").strip()
    if field.kind == "lines":
        return [line.strip() for line in raw.replace(",", "\n").splitlines() if line.strip()]
    if field.kind == "number":
        try:
            return float(raw) if "." in raw else int(raw)
        except ValueError:
            return raw  # refused by the action's schema, with the setting's name
    if field.kind == "json":
        try:
            return json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return raw
    return raw


def _json_list(raw: str) -> list | str:
    raw = (raw or "").strip()
    if not raw:
        return []
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw  # refused by the definition check, with its place


def definition_from_form(data) -> dict:
    """The definition the form describes (``data``: the POST), without the pending operation."""
    steps = []
    for index in range(int(data.get("step_count") or 0)):
        prefix = f"step-{index}-"
        action = data.get(prefix + "action", "")
        settings = {}
        for field in setting_fields(action, {}):
            value = _setting_value(field, data.get(prefix + field.name))
            if value not in (None, "") or field.required:
                settings[field.name] = value
        step = {"action": action, "settings": settings}
        when = _json_list(data.get(prefix + "when", ""))
        if when:
            step["when"] = when
        steps.append(step)
    trigger = {"type": data.get("trigger_type", "api")}
    if data.get("trigger_collection", "").strip():
        trigger["collection"] = data["trigger_collection"].strip()
    if data.get("trigger_every_minutes", "").strip().isdigit():
        trigger["every_minutes"] = int(data["trigger_every_minutes"])
    return {
        "name": data.get("name", ""),
        "description": data.get("description", ""),
        "enabled": data.get("enabled") is not None,
        "trigger": trigger,
        "conditions": _json_list(data.get("conditions", "")),
        "steps": steps,
    }


def operation_apply(definition: dict, operation: str, new_action: str = "") -> dict:
    """``add``, ``remove:N``, ``up:N`` or ``down:N`` applied to the definition's steps."""
    steps = list(definition["steps"])
    verb, _, number = operation.partition(":")
    index = int(number) if number.isdigit() else -1
    if verb == "add" and new_action in actions():
        steps.append({"action": new_action, "settings": {}})
    elif verb == "remove" and 0 <= index < len(steps):
        steps.pop(index)
    elif verb == "up" and 0 < index < len(steps):
        steps[index - 1], steps[index] = steps[index], steps[index - 1]
    elif verb == "down" and 0 <= index < len(steps) - 1:
        steps[index + 1], steps[index] = steps[index], steps[index + 1]
    return {**definition, "steps": steps}


def editor_steps(definition: dict) -> list[dict]:
    """Each step as the page shows it: its action, label, settings' fields and its conditions as JSON."""
    shown = []
    for index, step in enumerate(definition.get("steps", [])):
        action = actions().get(step.get("action", ""))
        shown.append(
            {
                "index": index,
                "action": step.get("action", ""),
                "label": action.label if action else step.get("action", ""),
                "fields": setting_fields(step.get("action", ""), step.get("settings") or {}),
                "when": json.dumps(step["when"], ensure_ascii=False) if step.get("when") else "",
            }
        )
    return shown
