"""Classify: the department's classifier (``aiplus.classifier``) labels the document. The label and its
confidence go into the run's context, where a later step's ``label`` condition reads them ("route on
'noise' when at least 0.7 sure"), and the prediction waits, unreviewed, in the classifier's review queue: a
person's confirmation or correction is what teaches the classifier, never the prediction itself."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    classifier: str = Field(min_length=1, max_length=80, description="The classifier's short name")


def run(step: StepInput) -> StepResult:
    from aiplus.classifier.models import Classifier

    slug = step.settings["classifier"]
    classifier = Classifier.objects.filter(department_id=step.actor.department_id, slug=slug).first()
    if classifier is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"classifier {slug!r}")
    text = step.text()
    result = StepResult()

    def commit() -> None:
        # The prediction is stored here, in the step's own transaction, so a step run again after a crash
        # never leaves a second prediction in the review queue; what it found fills the step's record.
        from aiplus.classifier.services import classify

        found = classify(classifier=classifier, text=text, document=step.run.document)
        shown = {"classifier": slug, "label": found.label, "confidence": round(found.confidence, 3)}
        result.output.update({**shown, "ranked": [[label, round(p, 3)] for label, p in found.ranked[:3]]})
        result.context["classification"] = shown

    result.commit = commit
    return result


ACTION = Action("classify", _("Classify"), Settings, run)
