"""The FAQ page of a FAQ or forms collection: import a file, see every entry with its linked language
versions, edit an entry, and ask the collection a question (through the ask page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.documents.selectors import can_manage_collection, collection_for_managing, collection_for_reading
from aiplus.documents.uploads import upload_limit_mb
from aiplus.faq.models import LANGUAGES, FaqEntry
from aiplus.faq.services import faq_entry_create, faq_import, is_faq

FIELDS = ("question", "alternatives", "answer", "url", "form", "department")


def _grouped(collection) -> list[dict]:
    groups: dict[str, dict] = {}
    for entry in FaqEntry.objects.filter(collection=collection):
        groups.setdefault(entry.entry_id, {"entry_id": entry.entry_id, "versions": []})["versions"].append(
            entry
        )
    for group in groups.values():
        present = {v.language for v in group["versions"]}
        group["missing"] = [language for language in LANGUAGES if language not in present]
    return list(groups.values())


@login_required
@require_http_methods(["GET", "POST"])
def faq_page(request, slug):
    try:
        if request.method == "POST":
            found = collection_for_managing(request.user, slug)
        else:
            found = collection_for_reading(request.user, slug)
        if not is_faq(found):
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"FAQ {slug!r}")
    except AiplusError as error:
        return error_page(request, error)
    report, import_error, status = None, "", 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if getattr(request, "upload_refused", False):
            error = AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
            import_error, status = error.message, error.http_status
        elif upload is None:
            import_error, status = _("Choose a CSV or Excel file to import."), 400
        else:
            try:
                report = faq_import(
                    actor=request.user,
                    collection=found,
                    path_or_file=upload,
                    filename=upload.name,
                    channel="web",
                )
            except AiplusError as error:
                import_error, status = error.message, error.http_status
    context = {
        "collection": found,
        "groups": _grouped(found),
        "can_manage": can_manage_collection(request.user, found),
        "report": report,
        "import_error": import_error,
        "limit_mb": upload_limit_mb(),
    }
    return render(request, "faq/faq.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, slug, entry_id, language):
    """Edit one language version of an entry, or write the version an entry lacks."""
    try:
        found = collection_for_managing(request.user, slug)
        if not is_faq(found) or language not in LANGUAGES:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"FAQ entry {entry_id!r}")
        entry = FaqEntry.objects.filter(collection=found, entry_id=entry_id, language=language).first()
        others = FaqEntry.objects.filter(collection=found, entry_id=entry_id).exclude(language=language)
        if entry is None and not others.exists():
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"FAQ entry {entry_id!r}")
    except AiplusError as error:
        return error_page(request, error)
    form = {name: "" for name in FIELDS}
    if entry is not None:
        form |= {name: getattr(entry, name) for name in FIELDS if name != "alternatives"}
        form["alternatives"] = "\n".join(entry.alternatives)
    form_error, status = "", 200
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            faq_entry_create(
                actor=request.user,
                collection=found,
                entry_id=entry_id,
                language=language,
                question=form["question"],
                answer=form["answer"],
                alternatives=[line.strip() for line in form["alternatives"].splitlines() if line.strip()],
                url=form["url"],
                form=form["form"],
                department=form["department"],
                channel="web",
            )
            messages.success(request, _("Entry saved."))
            return redirect("faq:faq", slug=found.slug)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
            form = {name: repair_text("faq.answer", value) for name, value in form.items()}
    context = {
        "collection": found,
        "entry_id": entry_id,
        "language": language,
        "form": form,
        "others": list(others),
        "form_error": form_error,
    }
    return render(request, "faq/entry_edit.html", context, status=status)
