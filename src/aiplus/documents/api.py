"""REST endpoints for collections and documents. Each one calls a selector or a service and shapes output."""

from ninja import File, Router, Status
from ninja.files import UploadedFile

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.schemas import error_responses
from aiplus.core.selectors import departments_by_code
from aiplus.core.views import file_response
from aiplus.documents import services
from aiplus.documents.models import Collection, Document
from aiplus.documents.schemas import CollectionIn, CollectionOut, CollectionSharingIn, DocumentOut, IngestOut
from aiplus.documents.selectors import (
    collection_for_managing,
    collection_for_reading,
    collections_visible_to,
    document_for_reading,
    stored_file_for_reading,
)
from aiplus.search.vectors import vector_progress

router = Router(tags=["collections and documents"])


def _collection_out(collection: Collection) -> dict:
    return {
        "slug": collection.slug,
        "name": collection.name,
        "description": collection.description,
        "department": collection.department.code,
        "visibility": collection.visibility,
        "shared_with": [d.code for d in collection.shared_with.all()],
        "documents": collection.documents.count(),
        "vectors": vector_progress(collection).as_dict(),
        "kind": collection.kind,
    }


def _document_out(document: Document) -> dict:
    return {
        **{f: getattr(document, f) for f in DocumentOut.model_fields if hasattr(document, f)},
        "collection": document.collection.slug,
        "error": document.error_message,
    }


@router.get("/collections", response={200: list[CollectionOut], **error_responses()})
def list_collections(request):
    return [_collection_out(c) for c in collections_visible_to(request.user).prefetch_related("shared_with")]


@router.post("/collections", response={201: CollectionOut, **error_responses(403, 409)})
def create_collection(request, payload: CollectionIn):
    code = payload.department or getattr(request.user.department, "code", None)
    department = Department.objects.filter(code=code).first() if code else None
    if department is None:
        raise AiplusError(ErrorCode.INVALID, detail="department")
    collection = services.collection_create(
        actor=request.user,
        slug=payload.slug,
        name=payload.name,
        department=department,
        visibility=payload.visibility,
        shared_with=departments_by_code(payload.shared_with),
        description=payload.description,
        kind=payload.kind,
    )
    return Status(201, _collection_out(collection))


@router.get("/collections/{slug}", response={200: CollectionOut, **error_responses(404)})
def get_collection(request, slug: str):
    return _collection_out(collection_for_reading(request.user, slug))


@router.patch("/collections/{slug}", response={200: CollectionOut, **error_responses(403, 404)})
def update_collection_sharing(request, slug: str, payload: CollectionSharingIn):
    """Change who may read the collection: visibility, and the departments it is shared with."""
    collection = collection_for_managing(request.user, slug)
    updated = services.collection_visibility_update(
        actor=request.user,
        collection=collection,
        visibility=payload.visibility,
        shared_with=None if payload.shared_with is None else departments_by_code(payload.shared_with),
        channel="api",
    )
    return _collection_out(updated)


@router.delete("/collections/{slug}", response={204: None, **error_responses(403, 404)})
def delete_collection(request, slug: str):
    """Delete a collection with its documents, passages, index, and the files no other document uses."""
    services.collection_delete(actor=request.user, slug=slug, channel="api")
    return Status(204, None)


@router.get("/collections/{slug}/documents", response={200: list[DocumentOut], **error_responses(404)})
def list_documents(request, slug: str):
    collection = collection_for_reading(request.user, slug)
    return [_document_out(d) for d in collection.documents.select_related("collection")]


@router.post("/collections/{slug}/documents", response={202: list[IngestOut], **error_responses(403, 404)})
def upload_documents(request, slug: str, files: list[UploadedFile] = File(...)):
    """Add files; each is stored and queued, or refused with its reason. Poll the documents for status."""
    collection = collection_for_managing(request.user, slug)
    results = []
    for upload in files:
        outcome = services.ingest_stream(
            actor=request.user,
            collection=collection,
            stream=upload,
            filename=upload.name or "upload",
            channel="api",
        )
        results.append(
            {
                "source_id": outcome.source_id,
                "outcome": outcome.outcome,
                "document": _document_out(outcome.document) if outcome.document else None,
                "error": outcome.message,
                "duplicate_of": outcome.duplicate_of,
            }
        )
    return Status(202, results)


@router.get("/documents/{document_id}", response={200: DocumentOut, **error_responses(404)})
def get_document(request, document_id: int):
    return _document_out(document_for_reading(request.user, document_id))


@router.delete("/documents/{document_id}", response={204: None, **error_responses(403, 404)})
def delete_document(request, document_id: int):
    """Delete a document, its passages and (unless another document has the same content) its file."""
    services.document_delete(actor=request.user, document_id=document_id, channel="api")
    return Status(204, None)


@router.get("/documents/{document_id}/file", response={200: None, **error_responses(404)})
def download_document(request, document_id: int):
    """The original file, as an attachment (and sandboxed, should a browser show it anyway)."""
    stored = stored_file_for_reading(request.user, document_id)
    return file_response(
        stored.path.open("rb"), filename=stored.filename, content_type=stored.content_type, as_attachment=True
    )
