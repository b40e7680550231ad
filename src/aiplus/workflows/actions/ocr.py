"""OCR: read the document's file again with the documents app's own parsers, OCR on for scans and images."""

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict

from aiplus.workflows.actions import Action, StepInput, StepResult


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


def run(step: StepInput) -> StepResult:
    from aiplus.documents.parsers import parser_for
    from aiplus.documents.storage import stored_path

    document = step.run.document
    if document is None or not document.checksum:  # a payload: its text was read (with OCR) on arrival
        text = step.text()
        return StepResult(output={"characters": len(text), "ocr_pages": 0}, context={"text": text})
    parsed = parser_for(document.file_type)(stored_path(document.checksum), ocr=True)
    text = "\n\n".join(page.text for page in parsed.pages if page.text.strip())
    output = {
        "pages": len(parsed.pages),
        "ocr_pages": sum(1 for p in parsed.pages if p.ocr),
        "characters": len(text),
    }
    return StepResult(output=output, context={"text": text})


ACTION = Action("ocr", _("Read the text (OCR for scans)"), Settings, run)
