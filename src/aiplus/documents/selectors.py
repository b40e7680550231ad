"""Reads under access rules. Every page, endpoint and command that shows collection content goes through
these functions, so the visibility rule lives in one place."""

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q, QuerySet

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.documents.models import Collection, Document, Visibility
from aiplus.documents.storage import stored_path


def collections_visible_to(actor) -> QuerySet[Collection]:
    collections = Collection.objects.select_related("department")
    if not getattr(actor, "is_authenticated", False):
        return collections.filter(visibility=Visibility.PUBLIC)
    if actor.is_platform_admin:
        return collections.all()
    department_id = actor.department_id
    rule = Q(visibility=Visibility.PUBLIC) | Q(department_id=department_id)
    rule |= Q(visibility=Visibility.SHARED, shared_with__id=department_id)
    return collections.filter(rule).distinct()


def can_manage_collection(actor, collection: Collection) -> bool:
    """Knowledge owners and department admins manage their own department's collections."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_platform_admin:
        return True
    return actor.can_manage_knowledge and actor.department_id == collection.department_id


def collection_for_reading(actor, slug: str) -> Collection:
    collection = collections_visible_to(actor).filter(slug=slug).first()
    if collection is None:
        # The same answer whether it does not exist or is hidden, so names do not leak.
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection {slug!r}")
    return collection


def collection_for_managing(actor, slug: str) -> Collection:
    collection = collection_for_reading(actor, slug)
    if not can_manage_collection(actor, collection):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"manage collection {slug!r}")
    return collection


def collection_for_deleting(actor, slug: str) -> Collection:
    """A collection the actor may delete. Outside the owning department it is not found, even where it is
    readable (shared or public), as ``document_for_managing`` does for a document; inside it, a member who
    may read but not manage it is refused."""
    collection = collection_for_reading(actor, slug)
    if not getattr(actor, "is_platform_admin", False) and collection.department_id != actor.department_id:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection {slug!r}")
    if not can_manage_collection(actor, collection):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"delete collection {slug!r}")
    return collection


def document_for_reading(actor, document_id: int) -> Document:
    document = (
        Document.objects.select_related("collection")
        .filter(pk=document_id, collection__in=collections_visible_to(actor))
        .first()
    )
    if document is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {document_id}")
    return document


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True)
class StoredFile:
    path: Path
    filename: str
    content_type: str


def stored_file_for_reading(actor, document_id: int) -> StoredFile:
    """The original file of a document the actor may read, with the type to send it as."""
    document = document_for_reading(actor, document_id)
    path = stored_path(document.checksum) if document.checksum else None
    if path is None or not path.is_file():
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"file of document {document_id}")
    content_type = CONTENT_TYPES.get(document.file_type) or (
        mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    )
    return StoredFile(path, document.filename, content_type)


def document_for_managing(actor, document_id: int) -> Document:
    """A document the actor may change. Outside the owning department it is not found, even where the
    collection is readable (shared or public), so another department learns nothing by trying; inside it,
    a member who may read but not manage is refused."""
    document = document_for_reading(actor, document_id)
    collection = document.collection
    if not getattr(actor, "is_platform_admin", False) and collection.department_id != actor.department_id:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {document_id}")
    if not can_manage_collection(actor, collection):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"manage document {document_id}")
    return document


def departments_to_share_with(collection: Collection) -> QuerySet[Department]:
    """Every department a collection could be shared with: all but its own."""
    return Department.objects.exclude(pk=collection.department_id).order_by("code")
