"""Workflow templates shipped ready to copy: one JSON file each in this folder (the same shape as an export)."""

import json
from functools import cache
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode

FOLDER = Path(__file__).parent


@cache
def library_templates() -> dict[str, dict]:
    """Template key (its file name) -> its definition."""
    return {path.stem: json.loads(path.read_text("utf-8")) for path in sorted(FOLDER.glob("*.json"))}


def library_template(key: str, *, collection: str = "") -> dict:
    """A copy of a template's definition, its trigger pointed at ``collection`` when one is given."""
    template = library_templates().get(key)
    if template is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"workflow template {key!r}")
    definition = json.loads(json.dumps(template))
    if collection and definition["trigger"]["type"] != "api":
        definition["trigger"]["collection"] = collection
    return definition
