"""Extract fields to a schema with the document assistant's extractor (rules; the model for what they miss),
and check the result: a required field not found fails the step (or only marks it, with ``on_missing``)."""

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from aiplus.core.validation import invalid
from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    fields_schema: dict[str, Any] = Field(
        alias="schema", description="The fields, as the Extract page takes them"
    )
    on_missing: Literal["fail", "continue"] = "continue"

    @field_validator("fields_schema")
    @classmethod
    def _schema(cls, value):
        from aiplus.pilot.extract import parse_schema

        return parse_schema(value).as_dict()


def run(step: StepInput) -> StepResult:
    from aiplus.documents.parsers import PageText
    from aiplus.pilot.extract import parse_schema
    from aiplus.pilot.services_check import extract_from_pages

    schema = parse_schema(step.settings["schema"])
    pages = [PageText(number=1, text=step.text(), ocr=False)]
    result = extract_from_pages(actor=step.actor, pages=pages, schema=schema, channel="workflow")
    fields = {value.name: value.normalised or value.value for value in result.fields if value.found}
    missing = [value.name for value in result.fields if value.required and not value.found]
    if missing and step.settings["on_missing"] == "fail":
        raise invalid("workflow.fields", "wf_fields_missing", names=", ".join(missing))
    output = {"fields": fields, "missing": missing, "model_used": result.model_used}
    return StepResult(output=output, context={"fields": {**step.context.get("fields", {}), **fields}})


ACTION = Action("extract", _("Extract fields"), Settings, run)
