"""REST endpoints for proofreading and field extraction."""

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from aiplus.core.schemas import error_responses
from aiplus.pilot.services_check import extract_from_file, file_text, proofread_text

router = Router(tags=["Proofread and extract"])


class ProofreadIn(Schema):
    text: str


class IssueOut(Schema):
    start: int
    end: int
    kind: str
    found: str
    message: str
    suggestion: str


class ProofreadOut(Schema):
    issues: list[IssueOut]
    model_used: bool
    notice: str = ""


class FieldOut(Schema):
    name: str
    type: str
    required: bool
    found: bool
    value: str
    normalised: str
    valid: bool
    page: int
    start: int
    end: int
    method: str


class ExtractOut(Schema):
    fields: list[FieldOut]
    pages: int
    model_used: bool
    notice: str = ""


@router.post("/proofread", response={200: ProofreadOut, **error_responses(503)})
def proofread(request, payload: ProofreadIn):
    """Issues in a text, each with its offsets (Python string indices), kind, message in the asker's
    language, and suggested fix."""
    return proofread_text(actor=request.user, text=payload.text, channel="api").as_dict()


@router.post("/proofread/file", response={200: ProofreadOut, **error_responses(415, 503)})
def proofread_file(request, file: UploadedFile = File(...)):
    """Issues in a PDF, DOCX or text file; offsets are into its text, pages separated by a blank line."""
    text = file_text(file, file.name or "upload.txt")
    return proofread_text(actor=request.user, text=text, channel="api").as_dict()


@router.post("/extract", response={200: ExtractOut, **error_responses(415, 503)})
def extract(request, schema_text: str = Form(..., alias="schema"), file: UploadedFile = File(...)):
    """The schema's fields from a form or letter; ``schema`` is the JSON text of the schema. Each value
    gives its page and offsets into that page's text."""
    result = extract_from_file(
        actor=request.user,
        path_or_file=file,
        filename=file.name or "upload",
        schema=schema_text.encode("utf-8", "surrogatepass"),
        channel="api",
    )
    return result.as_dict()
