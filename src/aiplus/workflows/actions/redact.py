"""Redact: mask the personal data the privacy detector finds (HKID, phone, e-mail, …) in the text the later
steps read, so a summary, an e-mail or a webhook never carries it."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    types: list[str] = Field(default_factory=list, description="Kinds of personal data (empty: all)")

    @field_validator("types")
    @classmethod
    def _known(cls, value):
        from aiplus.privacy.detect import TYPES

        unknown = [kind for kind in value if kind not in TYPES]
        if unknown:
            raise ValueError(f"unknown types {unknown}")
        return value


def run(step: StepInput) -> StepResult:
    from aiplus.privacy.detect import TYPES, detect
    from aiplus.privacy.redact import masked_text

    text = step.text()
    spans = detect(text, types=tuple(step.settings["types"]) or TYPES)
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.type] = counts.get(span.type, 0) + 1
    redacted = masked_text(text, [(span.start, span.end) for span in spans])
    return StepResult(output={"masked": counts}, context={"text": redacted})


ACTION = Action("redact", _("Redact personal data"), Settings, run)
