"""Proofreading and field extraction for pages, the API and the CLI: input checked, the actor's glossary
and model used, the result audited (counts only, never the text)."""

import logging
from dataclasses import dataclass, field, replace

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import detect_script
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.parsers import PageText
from aiplus.faq.services import read_upload
from aiplus.glossary.services import glossary_for
from aiplus.llm.services import chat_configured
from aiplus.pilot.extract import FieldValue, Schema, extract_fields, parse_schema, read_pages
from aiplus.pilot.extract.model import model_fields
from aiplus.pilot.proofread import ProofreadResult, proofread
from aiplus.pilot.proofread.model import model_issues

logger = logging.getLogger("aiplus.pilot")

# A model that does not answer, or a text the personal-data policy keeps from it: the rule results stand,
# with the reason as a notice.
_WITHOUT_MODEL = (ErrorCode.MODEL_UNAVAILABLE, ErrorCode.PERSONAL_DATA_BLOCKED)


def _department(actor):
    return getattr(actor, "department", None)


def proofread_text(*, actor, text, channel: str) -> ProofreadResult:
    """Rules always; the model's spelling and grammar too when one is configured. A model that does not
    answer, or a text the personal-data policy keeps from it, leaves the rule issues (``model_used`` False)
    and says why (``notice``)."""
    text = clean_text("proofread.text", text)
    finder = model_issues(actor=actor, language=str(detect_script(text)))
    try:
        result = proofread(text, glossary=glossary_for(_department(actor)), model_issues=finder)
    except AiplusError as error:
        if error.code not in _WITHOUT_MODEL:
            raise
        result = replace(proofread(text, glossary=glossary_for(_department(actor))), notice=error.message)
    audit_record(
        actor=actor,
        action="pilot.proofread",
        channel=channel,
        issues=len(result.issues),
        model=result.model_used,
    )
    return result


def file_text(path_or_file, filename: str) -> str:
    """A file's text, its pages separated by blank lines."""
    pages = read_pages(read_upload(path_or_file), filename)
    text = "\n\n".join(page.text for page in pages).strip()
    if not text:
        raise AiplusError(ErrorCode.NO_TEXT)
    return text


def proofread_apply(*, text: str, start: int, end: int, found: str, suggestion: str) -> str:
    """The text with one issue's fix applied, if the text still reads ``found`` there."""
    text = clean_text("proofread.text", text)
    if not (0 <= start <= end <= len(text)) or text[start:end] != found:
        raise invalid("proofread.text", "proofread_changed")
    return text[:start] + suggestion + text[end:]


@dataclass(frozen=True)
class ExtractResult:
    fields: list[FieldValue]
    pages: list[PageText] = field(default_factory=list)
    model_used: bool = False
    notice: str = ""  # why the model was not used although one is configured

    def as_dict(self) -> dict:
        return {
            "fields": [f.as_dict() for f in self.fields],
            "pages": len(self.pages),
            "model_used": self.model_used,
            "notice": self.notice,
        }


def extract_from_pages(*, actor, pages: list[PageText], schema: Schema, channel: str) -> ExtractResult:
    """Rule values for every field; for fields the rules missed, the model's verified proposals (none, and
    a notice saying why, when the model does not answer or the policy keeps the document from it)."""
    values = extract_fields(pages, schema)
    model_used, notice = False, ""
    if any(not v.found for v in values) and chat_configured(actor):
        try:
            proposals, model_used = model_fields(actor=actor, pages=pages, schema=schema), True
        except AiplusError as error:
            if error.code not in _WITHOUT_MODEL:
                raise
            proposals, notice = {}, error.message
        values = [proposals.get(v.name, v) if not v.found else v for v in values]
    audit_record(
        actor=actor,
        action="pilot.extract",
        channel=channel,
        fields=len(values),
        found=sum(v.found for v in values),
    )
    return ExtractResult(values, pages, model_used, notice)


def extract_from_file(*, actor, path_or_file, filename: str, schema, channel: str) -> ExtractResult:
    schema = schema if isinstance(schema, Schema) else parse_schema(schema)
    pages = read_pages(read_upload(path_or_file), filename)
    if not any(page.text.strip() for page in pages):
        raise AiplusError(ErrorCode.NO_TEXT)
    return extract_from_pages(actor=actor, pages=pages, schema=schema, channel=channel)
