"""Set retention: give the document one of its department's retention schedules (``aiplus.records``), by
code. A workflow applies only schedules its department's records managers wrote; choosing a date by hand,
and every disposal (which needs a second person's approval), stay with the records staff."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schedule: str = Field(min_length=1, max_length=40, description="The retention schedule's code")


def run(step: StepInput) -> StepResult:
    from aiplus.core.access import OPERATOR
    from aiplus.records.models import RetentionSchedule
    from aiplus.records.services import retention_set

    code = step.settings["schedule"]
    if not RetentionSchedule.objects.filter(department_id=step.actor.department_id, code=code).exists():
        from aiplus.core.validation import invalid

        raise invalid("records.schedule", "unknown_schedule", code=code)
    document = step.run.document
    if document is None:
        return StepResult(output={"retention": False})

    def commit() -> None:
        # The department's own schedule is its records policy; the audit names the workflow as the channel.
        retention_set(
            actor=OPERATOR, document=document, schedule_code=code, channel=f"workflow:{step.actor.workflow}"
        )

    return StepResult(output={"retention": True, "schedule": code}, commit=commit)


ACTION = Action("retention", _("Set retention"), Settings, run)
