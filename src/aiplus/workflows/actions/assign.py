"""Assign: route the document to a person or a team (a group); a later review or approval step that names
nobody gives its task to them."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, model_validator

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str = Field(default="", max_length=150, description="A user of the department")
    team: str = Field(default="", max_length=150, description="A team (group)")

    @model_validator(mode="after")
    def _one(self):
        if bool(self.user) == bool(self.team):
            raise ValueError("give a user or a team")
        return self


def run(step: StepInput) -> StepResult:
    from aiplus.workflows.review import person_named, team_named

    user, team = step.settings["user"], step.settings["team"]
    if user:
        person_named(step.actor.department_id, user)
    else:
        team_named(team)
    assignee = {"user": user, "team": team}
    return StepResult(output=assignee, context={"assignee": assignee})


ACTION = Action("assign", _("Assign to a person or team"), Settings, run)
