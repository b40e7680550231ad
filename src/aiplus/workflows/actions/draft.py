"""Draft a reply from one of the department's templates with the document assistant (a model is needed)."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template: str = Field(min_length=1, max_length=100, description="The template's name")
    points: str = Field(default="", max_length=2000, description="Points the reply must make")


def run(step: StepInput) -> StepResult:
    from aiplus.core.errors import AiplusError, ErrorCode
    from aiplus.pilot.draft import templates_for
    from aiplus.pilot.jobs import task_run

    template = (
        templates_for(step.actor).filter(name=step.settings["template"]).order_by("-department").first()
    )
    if template is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"template {step.settings['template']!r}")
    options = {"template_id": template.pk, "points": step.settings["points"]}
    result = task_run(actor=step.actor, task="draft", source=step.source(), options=options)
    return StepResult(
        output={"template": template.name, "draft": result["text"]}, context={"draft": result["text"]}
    )


ACTION = Action("draft", _("Draft a reply"), Settings, run)
