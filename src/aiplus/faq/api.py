"""REST endpoints for FAQ and forms collections: import a file, list and save entries. Questions are asked
through ``POST /ask`` like any collection's (``answered`` and ``confidence`` say whether it matched)."""

from ninja import File, Router
from ninja.files import UploadedFile

from aiplus.core.schemas import error_responses
from aiplus.documents.selectors import collection_for_managing, collection_for_reading
from aiplus.faq.models import FaqEntry
from aiplus.faq.schemas import FaqEntryIn, FaqEntryOut, ImportReportOut
from aiplus.faq.services import faq_entry_create, faq_import

router = Router(tags=["FAQ"])


def entry_out(entry: FaqEntry) -> dict:
    return {
        "entry_id": entry.entry_id,
        "language": entry.language,
        "question": entry.question,
        "alternatives": list(entry.alternatives),
        "answer": entry.answer,
        "url": entry.url,
        "form": entry.form,
        "department": entry.department,
        "updated_at": entry.updated_at.isoformat(),
    }


@router.post("/collections/{slug}/faq/import", response={200: ImportReportOut, **error_responses(403, 404)})
def import_faq(request, slug: str, file: UploadedFile = File(...)):
    """Create or update entries from a CSV or XLSX file (columns id, question, answer, language; optional
    alternatives, url, form, department). Rows with problems are reported by row number and left out."""
    collection = collection_for_managing(request.user, slug)
    report = faq_import(
        actor=request.user,
        collection=collection,
        path_or_file=file,
        filename=file.name or "faq.csv",
        channel="api",
    )
    return report.as_dict()


@router.get("/collections/{slug}/faq", response={200: list[FaqEntryOut], **error_responses(404)})
def list_entries(request, slug: str):
    """Every entry's language versions; versions of one entry share its ``entry_id``."""
    collection = collection_for_reading(request.user, slug)
    return [entry_out(e) for e in FaqEntry.objects.filter(collection=collection)]


@router.post("/collections/{slug}/faq", response={200: FaqEntryOut, **error_responses(403, 404)})
def save_entry(request, slug: str, payload: FaqEntryIn):
    """Create an entry's language version, or replace it when the entry already has that language."""
    collection = collection_for_managing(request.user, slug)
    entry = faq_entry_create(actor=request.user, collection=collection, channel="api", **payload.dict())
    return entry_out(entry)
