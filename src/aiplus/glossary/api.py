"""REST endpoints for department glossaries: read (own or shared), import, add, change, delete, share."""

from ninja import File, Router
from ninja.files import UploadedFile

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.schemas import error_responses
from aiplus.glossary.models import GlossaryTerm
from aiplus.glossary.schemas import GlossaryOut, ImportReportOut, ShareIn, ShareOut, TermIn, TermOut
from aiplus.glossary.services import (
    can_edit_glossary,
    glossary_for_reading,
    glossary_import,
    glossary_share,
    glossary_shared_with,
    glossary_term_delete,
    glossary_term_save,
)

router = Router(tags=["Glossary"])


def department_for(request, code: str) -> Department:
    """The department whose glossary the caller may read; NOT_FOUND for others and for unknown codes."""
    department = Department.objects.filter(code=code.lower()).first()
    if department is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary {code!r}")
    return glossary_for_reading(request.user, department)


def term_out(term: GlossaryTerm) -> dict:
    return {
        "id": term.pk,
        "en": term.en,
        "zh_hant": term.zh_hant,
        "zh_hans": term.zh_hans,
        "notes": term.notes,
        "forbidden": list(term.forbidden),
    }


@router.get("/glossaries/{code}", response={200: GlossaryOut, **error_responses(404)})
def read_glossary(request, code: str):
    """A department's terms; readable by its members and by the departments it is shared with."""
    department = department_for(request, code)
    editable = can_edit_glossary(request.user, department)
    return {
        "department": department.code,
        "can_edit": editable,
        "shared_with": glossary_shared_with(department) if editable else [],
        "terms": [term_out(t) for t in GlossaryTerm.objects.filter(department=department)],
    }


@router.post(
    "/glossaries/{code}/import",
    response={200: ImportReportOut, 422: ImportReportOut, **error_responses(403, 404)},
)
def import_glossary(request, code: str, file: UploadedFile = File(...)):
    """Add or update terms from a CSV or XLSX file (columns en, zh-Hant, zh-Hans, notes, forbidden). A file
    with any bad row stores nothing and answers 422 with every problem by row."""
    department = department_for(request, code)
    report = glossary_import(
        actor=request.user,
        department=department,
        path_or_file=file,
        filename=file.name or "glossary.csv",
        channel="api",
    )
    return (200 if report.stored else 422), report.as_dict()


@router.post("/glossaries/{code}/terms", response={200: TermOut, **error_responses(403, 404, 409)})
def add_term(request, code: str, payload: TermIn):
    department = department_for(request, code)
    term = glossary_term_save(actor=request.user, department=department, channel="api", **payload.dict())
    return term_out(term)


@router.put("/glossaries/{code}/terms/{term_id}", response={200: TermOut, **error_responses(403, 404, 409)})
def change_term(request, code: str, term_id: int, payload: TermIn):
    department = department_for(request, code)
    term = glossary_term_save(
        actor=request.user, department=department, channel="api", pk=term_id, **payload.dict()
    )
    return term_out(term)


@router.delete("/glossaries/{code}/terms/{term_id}", response={204: None, **error_responses(403, 404)})
def delete_term(request, code: str, term_id: int):
    department = department_for(request, code)
    glossary_term_delete(actor=request.user, department=department, pk=term_id, channel="api")
    return 204, None


@router.put("/glossaries/{code}/share", response={200: ShareOut, **error_responses(403, 404)})
def share_glossary(request, code: str, payload: ShareIn):
    """Share with exactly these departments (they read, they do not edit); an empty list stops sharing."""
    department = department_for(request, code)
    codes = glossary_share(
        actor=request.user, department=department, reader_codes=payload.departments, channel="api"
    )
    return {"department": department.code, "shared_with": codes}
