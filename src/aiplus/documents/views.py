"""Collection and document pages. Each view parses the request, checks access through the selectors, calls
one service, and renders; errors are shown with their translated message and HTTP status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.selectors import departments_by_code
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page, file_response
from aiplus.documents.models import CollectionKind, Status, Visibility
from aiplus.documents.parsers import has_pages
from aiplus.documents.selectors import (
    can_manage_collection,
    collection_for_deleting,
    collection_for_managing,
    collection_for_reading,
    collections_visible_to,
    departments_to_share_with,
    document_for_managing,
    document_for_reading,
    stored_file_for_reading,
)
from aiplus.documents.services import (
    collection_create,
    collection_delete,
    collection_visibility_update,
    document_delete,
    ingest_stream,
)
from aiplus.documents.uploads import upload_limit_mb
from aiplus.search.vectors import vector_progress

OUTCOME_LABELS = {
    "queued": _("Queued for processing"),
    "updated": _("New version queued"),
    "unchanged": _("Unchanged (already uploaded)"),
    "duplicate": _("Duplicate of another document"),
    "rejected": _("Rejected"),
}

PENDING = {Status.QUEUED, Status.PROCESSING}


def _status_counts():
    return {
        f"count_{status}": Count("documents", filter=Q(documents__status=status), distinct=True)
        for status in Status.values
    }


@login_required
@require_http_methods(["GET", "POST"])
def collections(request):
    user = request.user
    form = {"slug": "", "name": "", "visibility": Visibility.PRIVATE, "kind": CollectionKind.DOCUMENTS}
    form_error, status = "", 200
    if request.method == "POST":
        form = {key: request.POST.get(key, default) for key, default in form.items()}
        try:
            if not user.can_manage_knowledge or user.department is None:
                raise AiplusError(ErrorCode.FORBIDDEN, detail="create collection")
            created = collection_create(
                actor=user,
                slug=form["slug"],
                name=form["name"],
                department=user.department,
                visibility=form["visibility"],
                kind=form["kind"],
            )
            if created.kind != CollectionKind.DOCUMENTS:
                return redirect("faq:faq", slug=created.slug)
            return redirect("documents:collection", slug=created.slug)
        except AiplusError as error:
            if error.code == ErrorCode.FORBIDDEN:
                return error_page(request, error)
            form_error, status = error.message, error.http_status
            form = {key: repair_text("collection.name", value) for key, value in form.items()}

    language = translation.get_language() or "en"
    rows = [
        {
            "collection": collection,
            "department": collection.department.display_name(language),
            "counts": [(s, getattr(collection, f"count_{s.value}")) for s in Status],
            "total": sum(getattr(collection, f"count_{s}") for s in Status.values),
        }
        for collection in collections_visible_to(user).annotate(**_status_counts()).order_by("name")
    ]
    context = {
        "rows": rows,
        "can_create": user.can_manage_knowledge and user.department is not None,
        "department": user.department.display_name(language) if user.department else "",
        "visibilities": Visibility.choices,
        "kinds": CollectionKind.choices,
        "form": form,
        "form_error": form_error,
    }
    return render(request, "documents/collections.html", context, status=status)


def _documents_context(request, collection):
    documents = list(collection.documents.all())
    vectors = vector_progress(collection)
    return {
        "collection": collection,
        "documents": documents,
        "vectors": vectors,
        "pending": any(d.status in PENDING for d in documents) or vectors.state == "working",
        "can_manage": can_manage_collection(request.user, collection),
    }


def _sharing_context(collection, language: str, can_manage: bool) -> dict:
    shared = list(collection.shared_with.order_by("code"))
    context = {"shared_with_names": [d.display_name(language) for d in shared]}
    if can_manage:
        context["visibilities"] = Visibility.choices
        context["share_choices"] = [
            {"code": d.code, "name": d.display_name(language), "checked": d in shared}
            for d in departments_to_share_with(collection)
        ]
    return context


@login_required
@require_http_methods(["GET", "POST"])
def collection(request, slug):
    try:
        if request.method == "POST":
            found = collection_for_managing(request.user, slug)
        else:
            found = collection_for_reading(request.user, slug)
    except AiplusError as error:
        return error_page(request, error)

    outcomes, upload_error, status = [], "", 200
    if request.method == "POST":
        files = request.FILES.getlist("files")  # parsing the body runs the size-limiting upload handler
        if getattr(request, "upload_refused", False):
            error = AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
            upload_error, status = error.message, error.http_status
        elif not files:
            upload_error, status = _("Choose at least one file to upload."), 400
        for upload in [] if upload_error else files:
            outcome = ingest_stream(
                actor=request.user, collection=found, stream=upload, filename=upload.name, channel="web"
            )
            outcomes.append(
                {
                    "filename": upload.name,
                    "outcome": outcome.outcome,
                    "label": OUTCOME_LABELS.get(outcome.outcome, outcome.outcome),
                    "message": outcome.message,
                    "duplicate_of": outcome.duplicate_of,
                }
            )

    language = translation.get_language() or "en"
    context = _documents_context(request, found)
    context |= _sharing_context(found, language, context["can_manage"]) | {
        "department": found.department.display_name(language),
        "outcomes": outcomes,
        "upload_error": upload_error,
        "limit_mb": upload_limit_mb(),
    }
    return render(request, "documents/collection.html", context, status=status)


@login_required
@require_GET
def collection_status(request, slug):
    """The document list alone, polled by the collection page while documents are being processed."""
    try:
        found = collection_for_reading(request.user, slug)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "documents/_documents.html", _documents_context(request, found))


@login_required
@require_POST
def collection_sharing(request, slug):
    """The sharing form on the collection page: visibility, and the departments ticked."""
    try:
        found = collection_for_managing(request.user, slug)
        collection_visibility_update(
            actor=request.user,
            collection=found,
            visibility=request.POST.get("visibility", "").strip(),
            shared_with=departments_by_code(request.POST.getlist("shared_with")),
            channel="web",
        )
    except AiplusError as error:
        return error_page(request, error)
    messages.success(request, _("Sharing saved."))
    return redirect("documents:collection", slug=found.slug)


@login_required
@require_http_methods(["GET", "POST"])
def delete_collection(request, slug):
    """Asks to confirm, then deletes the collection and everything in it. Another department's collection
    is not found, as if it did not exist."""
    try:
        found = collection_for_deleting(request.user, slug)
        if request.method == "POST":
            deleted = collection_delete(actor=request.user, slug=found.slug, channel="web")
            messages.success(
                request,
                _("Deleted %(collection)s and its %(count)s documents.")
                % {"collection": found.name, "count": deleted.documents},
            )
            return redirect("documents:collections")
    except AiplusError as error:
        return error_page(request, error)
    context = {"collection": found, "documents": found.documents.count()}
    return render(request, "documents/collection_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_document(request, document_id):
    """Asks to confirm, then deletes. Another department's document is not found, as if it did not exist."""
    try:
        document = document_for_managing(request.user, document_id)
        if request.method == "POST":
            deleted = document_delete(actor=request.user, document_id=document.pk, channel="web")
            messages.success(request, _("Deleted %(document)s.") % {"document": document})
            return redirect("documents:collection", slug=deleted.collection)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "documents/delete.html", {"document": document})


@login_required
@require_GET
def passage(request, document_id, chunk_id):
    try:
        document = document_for_reading(request.user, document_id)
        chunk = document.chunks.filter(pk=chunk_id).first()
        if chunk is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"chunk {chunk_id} of document {document_id}")
    except AiplusError as error:
        return error_page(request, error)
    page = document.pages.filter(number=chunk.page_number).first()
    text = page.text if page is not None else chunk.text
    start, end = (chunk.char_start, chunk.char_end) if page is not None else (0, len(text))
    if not (0 <= start <= end <= len(text)):
        start, end = 0, len(text)
    context = {
        "document": document,
        "chunk": chunk,
        "page_number": chunk.page_number,
        "before": text[:start],
        "passage": text[start:end],
        "after": text[end:],
        "has_pages": has_pages(document.file_type),
        "file_fragment": f"#page={chunk.page_number}" if document.file_type == "pdf" else "",
    }
    return render(request, "documents/passage.html", context)


@login_required
@require_GET
def document_file(request, document_id):
    """The original file, shown in the browser (a PDF opens at the cited page), sandboxed."""
    try:
        stored = stored_file_for_reading(request.user, document_id)
    except AiplusError as error:
        return error_page(request, error)
    return file_response(stored.path.open("rb"), filename=stored.filename, content_type=stored.content_type)
