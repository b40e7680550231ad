"""Move the document to another collection of the workflow's department (its passages go with it)."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    collection: str = Field(min_length=1, max_length=80, description="The collection's short name")


def run(step: StepInput) -> StepResult:
    from aiplus.documents.models import Collection
    from aiplus.documents.services import document_move

    slug = step.settings["collection"]
    target = Collection.objects.filter(slug=slug, department_id=step.actor.department_id).first()
    if target is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection {slug!r}")
    document = step.run.document
    if document is None:
        return StepResult(output={"moved": False})
    return StepResult(
        output={"moved": True, "collection": slug},
        commit=lambda: document_move(actor=step.actor, document=document, collection=target),
    )


ACTION = Action("move", _("Move to a collection"), Settings, run)
