"""Send to the review queue: a task for a person or team (this step's, or the one an assign step chose); the
run waits until the task is marked done (approved) or rejected."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(default="", max_length=200, description="What the task is called in the queue")
    instructions: str = Field(default="", max_length=2000)
    user: str = Field(default="", max_length=150)
    team: str = Field(default="", max_length=150)
    due_hours: float = Field(default=24, gt=0, le=24 * 365)
    on_reject: Literal["end", "back"] = "end"
    back_to: int = Field(default=1, ge=1, description="The step a rejection goes back to (1 is the first)")


def task_step(
    step: StepInput, *, kind: str, user: str, team: str, approvers: dict | None = None
) -> StepResult:
    """Make the queue task in the step's transaction and hold the run (shared by review and approval)."""
    from aiplus.workflows.review import person_named, task_create, team_named

    settings = step.settings
    assignee = person_named(step.actor.department_id, user) if user else None
    group = team_named(team) if team else None
    document = step.run.document
    title = (
        settings.get("title")
        or f"{step.run.workflow.name}: {document or step.run.payload.get('filename') or step.run.pk}"
    )

    def commit() -> None:
        task_create(
            department_id=step.actor.department_id,
            title=title,
            kind=kind,
            run=step.run,
            step=step.step,
            assignee=assignee,
            team=group,
            instructions=settings.get("instructions", ""),
            due_hours=settings.get("due_hours"),
            approvers=approvers,
        )

    shown = {"title": title, "user": user, "team": team, **(approvers or {})}
    return StepResult(output=shown, commit=commit, wait=True)


def run(step: StepInput) -> StepResult:
    chosen = (
        step.settings if step.settings["user"] or step.settings["team"] else step.context.get("assignee", {})
    )
    return task_step(step, kind="review", user=chosen.get("user", ""), team=chosen.get("team", ""))


ACTION = Action("review", _("Send to the review queue"), Settings, run)
