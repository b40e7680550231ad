"""Translate with the document assistant (a model is needed, except between Traditional and Simplified)."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: Literal["en", "zh-Hant", "zh-Hans"] = "zh-Hant"


def run(step: StepInput) -> StepResult:
    from aiplus.pilot.jobs import task_run

    result = task_run(
        actor=step.actor,
        task="translate",
        source=step.source(),
        options=dict(step.settings),
        department_id=step.actor.department_id,
    )
    return StepResult(
        output={"target": step.settings["target"], "translation": result["text"]},
        context={"translation": result["text"]},
    )


ACTION = Action("translate", _("Translate"), Settings, run)
