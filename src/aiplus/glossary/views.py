"""The glossary pages: the glossaries a user may read, and one department's terms with import, add, edit,
delete and share for its knowledge managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.documents.uploads import upload_limit_mb
from aiplus.glossary.models import GlossaryTerm
from aiplus.glossary.services import (
    can_edit_glossary,
    glossary_for_reading,
    glossary_import,
    glossary_share,
    glossary_shared_with,
    glossary_term_delete,
    glossary_term_save,
    readable_glossaries,
)

TERM_FIELDS = ("en", "zh_hant", "zh_hans", "notes", "forbidden")


def _department(user, code: str) -> Department:
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary {code!r}")
    return glossary_for_reading(user, department)


@login_required
def glossaries(request):
    found = readable_glossaries(request.user)
    own = getattr(request.user, "department", None)
    if own is not None and len(found) == 1:
        return redirect("glossary:glossary", code=own.code)
    return render(request, "glossary/glossaries.html", {"departments": found})


def _term_values(post) -> dict:
    values = {name: post.get(name, "") for name in TERM_FIELDS}
    values["forbidden"] = [v.strip() for v in values["forbidden"].replace("，", "|").split("|") if v.strip()]
    return values


def _act(request, department) -> tuple[object, str]:
    """Run the posted action; (import report or None, error message)."""
    action = request.POST.get("action")
    if action == "import":
        upload = request.FILES.get("file")
        if getattr(request, "upload_refused", False):
            return None, AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()}).message
        if upload is None:
            return None, _("Choose a CSV or Excel file to import.")
        report = glossary_import(
            actor=request.user,
            department=department,
            path_or_file=upload,
            filename=upload.name,
            channel="web",
        )
        return report, ""
    if action == "add":
        glossary_term_save(
            actor=request.user, department=department, channel="web", **_term_values(request.POST)
        )
        messages.success(request, _("Term saved."))
    elif action == "delete":
        glossary_term_delete(
            actor=request.user, department=department, pk=int(request.POST.get("term", 0) or 0), channel="web"
        )
        messages.success(request, _("Term deleted."))
    elif action == "share":
        codes = request.POST.get("departments", "").replace("，", ",").split(",")
        glossary_share(actor=request.user, department=department, reader_codes=codes, channel="web")
        messages.success(request, _("Sharing saved."))
    return None, ""


@login_required
@require_http_methods(["GET", "POST"])
def glossary_page(request, code):
    try:
        department = _department(request.user, code)
    except AiplusError as error:
        return error_page(request, error)
    report, form_error, status = None, "", 200
    form = {name: "" for name in TERM_FIELDS}
    if request.method == "POST":
        try:
            report, form_error = _act(request, department)
            if not form_error and report is None:
                return redirect("glossary:glossary", code=department.code)
            if report is not None and not report.stored:
                status = 422
        except AiplusError as error:
            form_error, status = error.message, error.http_status
            form = {name: repair_text("glossary.notes", request.POST.get(name, "")) for name in TERM_FIELDS}
        if form_error and status == 200:
            status = 400
    editable = can_edit_glossary(request.user, department)
    context = {
        "department": department,
        "terms": GlossaryTerm.objects.filter(department=department),
        "can_edit": editable,
        "shared_with": ", ".join(glossary_shared_with(department)) if editable else "",
        "report": report,
        "form_error": form_error,
        "form": form,
        "limit_mb": upload_limit_mb(),
    }
    return render(request, "glossary/glossary.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request, code, term_id):
    try:
        department = _department(request.user, code)
        term = GlossaryTerm.objects.filter(department=department, pk=term_id).first()
        if term is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary term {term_id}")
        if not can_edit_glossary(request.user, department):
            raise AiplusError(ErrorCode.FORBIDDEN, detail=f"edit glossary {code!r}")
    except AiplusError as error:
        return error_page(request, error)
    form = {name: getattr(term, name) for name in TERM_FIELDS}
    form["forbidden"] = " | ".join(term.forbidden)
    form_error, status = "", 200
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in TERM_FIELDS}
        try:
            glossary_term_save(
                actor=request.user,
                department=department,
                channel="web",
                pk=term.pk,
                **_term_values(request.POST),
            )
            messages.success(request, _("Term saved."))
            return redirect("glossary:glossary", code=department.code)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
            form = {name: repair_text("glossary.notes", value) for name, value in form.items()}
    context = {"department": department, "term": term, "form": form, "form_error": form_error}
    return render(request, "glossary/term_edit.html", context, status=status)
