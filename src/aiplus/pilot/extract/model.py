"""Fields proposed by the configured model, each kept only when its value is written in the document and
valid for its type; the page and offsets are those of the value in the text, never the model's word."""

import json
import logging
import re

from aiplus.documents.parsers import PageText
from aiplus.llm import services as llm
from aiplus.pilot.extract.fields import FieldValue
from aiplus.pilot.extract.schema import FieldSpec, Schema
from aiplus.pilot.extract.values import FINDERS

logger = logging.getLogger("aiplus.pilot.extract")

MAX_CHARS = 24_000
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def verified_value(spec: FieldSpec, proposed, pages: list[PageText]) -> FieldValue | None:
    if not isinstance(proposed, str | int | float) or isinstance(proposed, bool):
        return None
    proposed = str(proposed).strip()
    if not proposed:
        return None
    for page in pages:
        at = page.text.find(proposed)
        if at == -1:
            continue
        end = at + len(proposed)
        found = [f for f in FINDERS[spec.type](proposed) if f[3]]
        if spec.pattern is not None and not spec.pattern.search(proposed):
            return None
        if not found:
            return None
        start, stop, normalised, _valid = found[0]
        if spec.type not in ("text", "name", "address"):
            at, end = at + start, at + stop
        return FieldValue(
            spec.name,
            spec.type,
            spec.required,
            page.text[at:end],
            normalised,
            page.number,
            at,
            end,
            True,
            "model",
        )
    logger.info("model value dropped: not in the document field=%s", spec.name)
    return None


def model_fields(*, actor, pages: list[PageText], schema: Schema) -> dict[str, FieldValue]:
    """The verified values the model proposes, by field name; {} when no model is configured."""
    if not llm.chat_configured(actor):
        return {}
    text = "\n\n".join(page.text for page in pages)[:MAX_CHARS]
    fields = json.dumps(schema.as_dict()["fields"], ensure_ascii=False)
    reply = llm.chat(
        actor=actor,
        flow="pilot.extract",
        messages=[
            {"role": "system", "content": llm.prompt("extract.md").format(fields=fields)},
            {"role": "user", "content": text},
        ],
        temperature=0,
    )
    match = _JSON_OBJECT.search(reply.text or "")
    try:
        proposals = json.loads(match.group()) if match else {}
    except json.JSONDecodeError:
        proposals = {}
    if not isinstance(proposals, dict):
        return {}
    kept = {}
    for spec in schema.fields:
        value = verified_value(spec, proposals.get(spec.name), pages)
        if value is not None:
            kept[spec.name] = value
    return kept
