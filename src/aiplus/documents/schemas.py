from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict

from aiplus.search.schemas import VectorProgressOut


class CollectionIn(Schema):
    slug: str
    name: str
    visibility: str = "private"
    description: str = ""
    department: str | None = None  # code; platform admins only, others create for their own department
    shared_with: list[str] = []  # department codes
    kind: str = "documents"  # documents, faq or forms


class CollectionSharingIn(Schema):
    """Who may read a collection. A field left out keeps its value; departments apply only when shared."""

    model_config = ConfigDict(extra="forbid")

    visibility: str | None = None
    shared_with: list[str] | None = None  # department codes


class CollectionOut(Schema):
    slug: str
    name: str
    description: str
    department: str
    visibility: str
    shared_with: list[str]
    documents: int
    vectors: VectorProgressOut  # background work giving the passages vectors: "vectors: 120 of 400"
    kind: str = "documents"


class DocumentOut(Schema):
    id: int
    collection: str
    source_id: str
    title: str
    filename: str
    file_type: str
    status: str
    # While processing: pages read so far, of the pages the file has.
    progress_done: int
    progress_total: int
    error_code: str
    error: str
    language: str
    page_count: int
    ocr_pages: int
    size: int
    checksum: str
    created_at: datetime
    processed_at: datetime | None


class IngestOut(Schema):
    source_id: str
    outcome: str
    document: DocumentOut | None
    error: str
    duplicate_of: str
