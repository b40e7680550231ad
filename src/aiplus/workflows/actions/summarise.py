"""Summarise with the document assistant (the model when configured, extractive with citations otherwise)."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    length: Literal["brief", "standard", "detailed"] = "brief"
    style: Literal["bullets", "prose"] = "bullets"
    language: Literal["", "en", "zh-Hant", "zh-Hans"] = ""


def run(step: StepInput) -> StepResult:
    from aiplus.pilot.jobs import task_run

    result = task_run(actor=step.actor, task="summarise", source=step.source(), options=dict(step.settings))
    summary = result["text"]
    return StepResult(
        output={"summary": summary, "engine": result.get("engine", "")}, context={"summary": summary}
    )


ACTION = Action("summarise", _("Summarise"), Settings, run)
