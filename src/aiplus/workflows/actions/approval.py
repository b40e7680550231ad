"""Approval: only the named approvers (people or teams) may approve or reject, with comments; a rejection
ends the run, or sends it back to an earlier step (``on_reject: back``, ``back_to``)."""

from typing import Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, model_validator

from aiplus.workflows.actions import Action, StepInput, StepResult
from aiplus.workflows.actions.review import task_step


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(default="", max_length=200)
    instructions: str = Field(default="", max_length=2000)
    approvers: list[str] = Field(default_factory=list, max_length=50, description="User names")
    approver_teams: list[str] = Field(default_factory=list, max_length=50, description="Team names")
    due_hours: float = Field(default=48, gt=0, le=24 * 365)
    on_reject: Literal["end", "back"] = "end"
    back_to: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _someone(self):
        if not (self.approvers or self.approver_teams):
            raise ValueError("name at least one approver")
        return self


def run(step: StepInput) -> StepResult:
    from aiplus.workflows.review import person_named, team_named

    settings = step.settings
    for username in settings["approvers"]:
        person_named(step.actor.department_id, username)
    for team in settings["approver_teams"]:
        team_named(team)
    approvers = {"users": settings["approvers"], "teams": settings["approver_teams"]}
    return task_step(step, kind="approval", user="", team="", approvers=approvers)


ACTION = Action("approval", _("Approval"), Settings, run)
