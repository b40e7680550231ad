"""The schema a user writes for extraction: a JSON object ``{"fields": [{"name", "type", "required",
"label", "pattern"}]}`` (``label`` a word or a list of the words that introduce the value on the form,
``pattern`` a regular expression the value must match)."""

import json
import re
from dataclasses import dataclass, field

from aiplus.core.validation import clean_text, invalid

TYPES = ("text", "hkid", "date", "amount", "phone", "email", "case_number", "address", "name")
MAX_FIELDS = 50
# The schema the Extract page starts with, and the benchmark's.
EXAMPLE_SCHEMA = {
    "fields": [
        {"name": "reference", "type": "case_number", "required": True},
        {"name": "applicant", "type": "name", "required": True},
        {"name": "hkid", "type": "hkid"},
        {"name": "date", "type": "date"},
        {"name": "amount", "type": "amount"},
        {"name": "phone", "type": "phone"},
        {"name": "email", "type": "email"},
        {"name": "address", "type": "address"},
    ]
}
MAX_SCHEMA_BYTES = 100_000


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = "text"
    required: bool = False
    labels: tuple[str, ...] = ()
    pattern: re.Pattern | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "label": list(self.labels),
            "pattern": self.pattern.pattern if self.pattern else "",
        }


@dataclass(frozen=True)
class Schema:
    fields: list[FieldSpec] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"fields": [f.as_dict() for f in self.fields]}


def _field(item) -> FieldSpec:
    if not isinstance(item, dict):
        raise invalid("extract.schema", "schema_json")
    name = clean_text("extract.field", item.get("name"))
    kind = item.get("type", "text")
    if kind not in TYPES:
        raise invalid("extract.type", "schema_type", types=", ".join(TYPES))
    labels = item.get("label", item.get("labels", []))
    labels = [labels] if isinstance(labels, str) else labels
    if not isinstance(labels, list):
        raise invalid("extract.label", "not_text")
    labels = tuple(
        clean_text("extract.label", label) for label in labels if isinstance(label, str) and label.strip()
    )
    pattern_text = clean_text("extract.pattern", item.get("pattern", ""))
    try:
        pattern = re.compile(pattern_text) if pattern_text else None
    except re.error:
        raise invalid("extract.pattern", "schema_pattern") from None
    return FieldSpec(name, kind, bool(item.get("required", False)), labels, pattern)


def parse_schema(value) -> Schema:
    """A schema from JSON text, bytes or an already parsed object; INVALID_FIELD saying what is wrong."""
    if isinstance(value, bytes):
        if len(value) > MAX_SCHEMA_BYTES:
            raise invalid("extract.schema", "too_long", limit=MAX_SCHEMA_BYTES)
        try:
            value = value.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise invalid("extract.schema", "schema_json") from None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            raise invalid("extract.schema", "schema_json") from None
    if isinstance(value, list):
        value = {"fields": value}
    items = value.get("fields") if isinstance(value, dict) else None
    if not isinstance(items, list):
        raise invalid("extract.schema", "schema_json")
    if not 1 <= len(items) <= MAX_FIELDS:
        raise invalid("extract.schema", "schema_size", limit=MAX_FIELDS)
    fields = [_field(item) for item in items]
    names = [f.name for f in fields]
    duplicate = next((name for name in names if names.count(name) > 1), None)
    if duplicate:
        raise invalid("extract.field", "schema_duplicate", name=duplicate)
    return Schema(fields)
