"""Collections and ingestion: files in, through parsing and chunking, to searchable passages.

Ingestion is two steps. ``ingest_stream`` stores the file, checks its type and records a queued document
(fast, in the request). ``document_process`` runs on a worker through ``core.workers``: it claims the
document, parses it page by page (recording "page N of M" and stopping if the document is deleted), chunks
and indexes it, and swaps its passages in one transaction. A worker killed in the middle leaves a claim
whose heartbeat stops; ``documents_recover`` queues it again, and the claim makes a second delivery of the
same task harmless. So every document ends ready exactly once.
"""

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from aiplus.core.errors import AiplusError, ErrorCode, error_message
from aiplus.core.language import index_terms, language_of
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, repair_text
from aiplus.core.workers import Claim, WorkKind, work_enqueue, work_recover, work_run
from aiplus.documents.chunking import chunk_page
from aiplus.documents.layout import page_bodies
from aiplus.documents.limits import check_characters
from aiplus.documents.models import Chunk, Collection, CollectionKind, Document, Page, Status, Visibility
from aiplus.documents.parsers import detect_file_type, parser_for
from aiplus.documents.selectors import (
    can_manage_collection,
    collection_for_deleting,
    document_for_managing,
)
from aiplus.documents.signals import document_ready
from aiplus.documents.storage import store_stream, stored_file_remove, stored_path
from aiplus.records.selectors import refuse_if_held
from aiplus.search.vectors import vectors_schedule

logger = logging.getLogger("aiplus.documents")

PROCESS_TASK = "aiplus.documents.process_document"


# --- collections -------------------------------------------------------------------------------------


def collection_create(
    *,
    actor,
    slug: str,
    name: str,
    department,
    visibility: str = Visibility.PRIVATE,
    shared_with: Iterable = (),
    description: str = "",
    kind: str = CollectionKind.DOCUMENTS,
) -> Collection:
    if not actor.is_platform_admin and not (
        actor.can_manage_knowledge and actor.department_id == department.pk
    ):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="create collection")
    slug = clean_text("collection.slug", slug)
    name = clean_text("collection.name", name)
    description = clean_text("collection.description", description)
    if visibility not in Visibility.values:
        raise AiplusError(ErrorCode.INVALID, detail=f"visibility {visibility!r}")
    if kind not in CollectionKind.values:
        raise AiplusError(ErrorCode.INVALID, detail=f"kind {kind!r}")
    if Collection.objects.filter(slug=slug).exists():
        raise AiplusError(ErrorCode.CONFLICT, detail=f"collection {slug!r} exists")
    with transaction.atomic():
        collection = Collection.objects.create(
            slug=slug,
            kind=kind,
            name=name,
            department=department,
            visibility=visibility,
            description=description,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        collection.shared_with.set(list(shared_with))
    audit_record(actor=actor, action="collection.create", target=f"collection:{slug}", visibility=visibility)
    return collection


def _sharing(collection: Collection) -> dict:
    return {
        "visibility": collection.visibility,
        "shared_with": sorted(collection.shared_with.values_list("code", flat=True)),
    }


def collection_visibility_update(
    *,
    actor,
    collection: Collection,
    visibility: str | None = None,
    shared_with: Iterable | None = None,
    channel: str = "",
) -> Collection:
    """Change who may read a collection: its visibility and, when shared, the departments named.

    ``None`` keeps the current value. Departments are kept only while the collection is shared, and its own
    department is never listed, so what is stored is exactly who may read it besides the owners. Only the
    visibility column is written: ``index_version`` labels the collection's passages, not who may read them
    (search checks that on every query), so a sharing change neither rebuilds an index nor, by saving a
    stale copy, turns the label back to an older index.
    """
    if not can_manage_collection(actor, collection):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"change visibility of {collection.slug!r}")
    with transaction.atomic():
        current = Collection.objects.select_for_update().get(pk=collection.pk)
        before = _sharing(current)
        visibility = current.visibility if visibility is None else visibility
        if visibility not in Visibility.values:
            raise AiplusError(ErrorCode.INVALID, detail=f"visibility {visibility!r}")
        departments = list(current.shared_with.all() if shared_with is None else shared_with)
        if visibility != Visibility.SHARED:
            departments = []
        current.visibility = visibility
        current.save(update_fields=["visibility"])
        current.shared_with.set([d for d in departments if d.pk != current.department_id])
        after = _sharing(current)
    if after != before:
        audit_record(
            actor=actor,
            action="collection.visibility",
            target=f"collection:{current.slug}",
            channel=channel,
            before=before,
            after=after,
        )
        logger.info("collection visibility changed slug=%s before=%s after=%s", current.slug, before, after)
    return current


# --- intake ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOutcome:
    source_id: str
    outcome: str  # queued, updated, unchanged, duplicate, rejected
    document: Document | None = None
    error_code: str = ""
    error_params: dict | None = None
    duplicate_of: str = ""

    @property
    def message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""


def _title_from(filename: str) -> str:
    return PurePath(filename).stem.replace("-", " ").replace("_", " ").strip()


def _enqueue(document_id: int) -> None:
    transaction.on_commit(lambda: work_enqueue(DOCUMENT_WORK, document_id))


def ingest_stream(
    *,
    actor,
    collection: Collection,
    stream: BinaryIO,
    filename: str,
    source_id: str = "",
    document_date: date | None = None,
    channel: str = "",
    origin: dict | None = None,
) -> IngestOutcome:
    """Store one file and queue it. Bad files fail alone: an existing document is never harmed by them.

    A file whose name or source id cannot be stored (a control character, a broken character, too long) is
    refused without a record, since the record would carry the same name."""
    try:
        filename = clean_text("document.filename", PurePath(filename or "").name)
        source_id = clean_text("document.source_id", source_id or filename)
    except AiplusError as error:
        logger.info("ingest refused name=%r code=%s detail=%s", filename, error.code, error.detail)
        shown = repair_text("document.source_id", source_id or filename or "")
        return IngestOutcome(shown, "rejected", None, error.code, error.params)
    existing = Document.objects.filter(collection=collection, source_id=source_id).first()
    try:
        stored = store_stream(stream)
        file_type = detect_file_type(filename, stored.head)
    except AiplusError as error:
        if existing is None:
            existing = Document.objects.create(
                collection=collection,
                source_id=source_id,
                filename=PurePath(filename).name,
                title=_title_from(filename),
                status=Status.FAILED,
                error_code=error.code,
                error_params=error.params,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
        logger.info("ingest rejected source=%s code=%s", source_id, error.code)
        return IngestOutcome(source_id, "rejected", existing, error.code, error.params)

    if existing is not None and existing.checksum == stored.checksum and existing.status != Status.FAILED:
        return IngestOutcome(source_id, "unchanged", existing)
    twin = (
        Document.objects.filter(collection=collection, checksum=stored.checksum)
        .exclude(source_id=source_id)
        .exclude(status=Status.FAILED)
        .first()
    )
    if twin is not None and existing is None:
        return IngestOutcome(source_id, "duplicate", twin, duplicate_of=twin.source_id)

    fields = {
        "filename": PurePath(filename).name,
        "file_type": file_type,
        "checksum": stored.checksum,
        "size": stored.size,
        "status": Status.QUEUED,
        "error_code": "",
        "error_params": {},
        "claimed_by": "",
        "claimed_at": None,
        "heartbeat_at": None,
        "progress_done": 0,
        "progress_total": 0,
        "document_date": document_date or timezone.localdate(),
        "origin": origin or {},
    }
    with transaction.atomic():
        if existing is None:
            document = Document.objects.create(
                collection=collection,
                source_id=source_id,
                title=_title_from(filename),
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                **fields,
            )
            outcome = "queued"
        else:
            # The old passages stay searchable until the new version's passages replace them.
            Document.objects.filter(pk=existing.pk).update(**fields)
            document = Document.objects.get(pk=existing.pk)
            outcome = "updated"
        _enqueue(document.pk)
    audit_record(
        actor=actor,
        action=f"document.{outcome}",
        target=f"document:{document.pk}",
        channel=channel,
        collection=collection.slug,
        source_id=source_id,
    )
    return IngestOutcome(source_id, outcome, document)


def iter_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files under the given paths, each with its source id: the path relative to the folder given."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for root, folders, files in os.walk(path):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        full = Path(root) / name
                        found.append((full, full.relative_to(path).as_posix()))
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=str(path))
    return found


def ingest_paths(
    *,
    actor,
    collection: Collection,
    paths: Iterable[Path],
    on_file: Callable[[IngestOutcome], None] = lambda outcome: None,
) -> list[IngestOutcome]:
    outcomes = []
    for path, source_id in iter_files(paths):
        with path.open("rb") as stream:
            modified = date.fromtimestamp(path.stat().st_mtime)
            outcome = ingest_stream(
                actor=actor,
                collection=collection,
                stream=stream,
                filename=path.name,
                source_id=source_id,
                document_date=modified,
                channel="cli",
            )
        on_file(outcome)
        outcomes.append(outcome)
    return outcomes


# --- removal ---------------------------------------------------------------------------------------


def _documents_remove(documents) -> tuple[int, set[str]]:
    """Lock and delete the documents of a query, with their pages and passages, inside the caller's
    transaction. Their stored files go once it is committed (a delete rolled back must still find them),
    except those another document has. A document under a legal hold refuses the whole deletion.
    Returns how many documents went and the checksums of the files."""
    held = list(documents.select_for_update().values_list("checksum", flat=True))
    refuse_if_held(documents.select_related("collection"))  # a legal hold (records) stops any deletion
    Chunk.objects.filter(document__in=documents).delete()
    Page.objects.filter(document__in=documents).delete()
    documents.delete()
    checksums = set(held) - {""}
    unreferenced = checksums - set(
        Document.objects.filter(checksum__in=checksums).values_list("checksum", flat=True)
    )
    if unreferenced:
        transaction.on_commit(lambda: [stored_file_remove(checksum) for checksum in sorted(unreferenced)])
    return len(held), unreferenced


@dataclass(frozen=True)
class DocumentDeleted:
    document_id: int
    source_id: str
    collection: str
    file_removed: bool  # False while another document (in any collection) has the same content


def document_delete(*, actor, document_id: int, channel: str = "") -> DocumentDeleted:
    """Delete a document with its pages and passages, and its stored file unless another document has the
        same content. Outside the owning department the document is not found (``document_for_managing``).

        The collection's ``index_version`` is bumped in the same transaction, so no search returns the document
        afterwards. The row is locked first: a worker finishing this document either commits before the delete
        (whose passages the delete then removes) or finds it gone and skips; a worker still reading it stops at
    its next page, within seconds (``core.workers``).
    """
    document = document_for_managing(actor, document_id)
    collection = document.collection
    with transaction.atomic():
        removed, files = _documents_remove(Document.objects.filter(pk=document.pk))
        if not removed:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {document.pk}")
        Collection.objects.filter(pk=collection.pk).update(index_version=F("index_version") + 1)
    checksum, unreferenced = document.checksum, bool(files)
    audit_record(
        actor=actor,
        action="document.delete",
        target=f"document:{document.pk}",
        channel=channel,
        collection=collection.slug,
        source_id=document.source_id,
        checksum=checksum,
        file_removed=unreferenced,
    )
    logger.info(
        "document deleted id=%s collection=%s file_removed=%s", document.pk, collection.slug, unreferenced
    )
    return DocumentDeleted(
        document_id=document.pk,
        source_id=document.source_id,
        collection=collection.slug,
        file_removed=unreferenced,
    )


@dataclass(frozen=True)
class CollectionDeleted:
    slug: str
    documents: int
    files_removed: int  # stored files no document in any other collection has


def collection_delete(*, actor, slug: str, channel: str = "") -> CollectionDeleted:
    """Delete a collection with its documents, pages and passages, and the stored files no other document
    uses; its search index goes once the delete is committed (``search.apps``). Outside the owning
    department the collection is not found (``collection_for_deleting``).

    The documents are locked before anything is deleted, as ``document_delete`` does: a worker finishing
    one of them either commits first (and its passages are deleted here) or finds it gone and skips.
    """
    collection = collection_for_deleting(actor, slug)
    with transaction.atomic():
        locked = Collection.objects.select_for_update().filter(pk=collection.pk).first()
        if locked is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"collection {slug!r}")
        removed, unreferenced = _documents_remove(Document.objects.filter(collection=locked))
        locked.delete()
    audit_record(
        actor=actor,
        action="collection.delete",
        target=f"collection:{collection.slug}",
        channel=channel,
        name=collection.name,
        department=collection.department.code,
        documents=removed,
        files_removed=len(unreferenced),
    )
    logger.info(
        "collection deleted slug=%s documents=%s files_removed=%s",
        collection.slug,
        removed,
        len(unreferenced),
    )
    return CollectionDeleted(slug=collection.slug, documents=removed, files_removed=len(unreferenced))


# --- processing --------------------------------------------------------------------------------------


DOCUMENT_WORK = WorkKind(
    model=Document,
    task=PROCESS_TASK,
    waiting=Q(status=Status.QUEUED),
    held=Q(status=Status.PROCESSING),
    on_claim={
        "status": Status.PROCESSING,
        "attempts": F("attempts") + 1,
        "progress_done": 0,
        "progress_total": 0,
    },
    on_give_back={"status": Status.QUEUED},
    on_fail=lambda: {"processed_at": timezone.now()},
)


def document_process(*, document_id: int, worker: str | None = None) -> str:
    """Parse, chunk and index one queued document. Safe to call twice: only the claimant does the work.

    Returns the document's status afterwards, "skipped" when another run holds or finished it, or how the
    work stopped early (``core.workers``: deleted, worker stopping, moved to the long queue).
    """
    return work_run(DOCUMENT_WORK, document_id, _document_read, worker=worker)


def _document_read(claim: Claim) -> str:
    document = Document.objects.select_related("collection").get(pk=claim.pk)
    parsed = parser_for(document.file_type)(
        stored_path(document.checksum), ocr=settings.AIPLUS_OCR_ENABLED, on_page=claim.progress
    )
    pages = [page for page in parsed.pages if page.text.strip()]
    check_characters(sum(len(page.text) for page in pages))
    if not pages:
        raise AiplusError(ErrorCode.NO_TEXT)
    passages = [
        passage
        for body in page_bodies(pages)
        for passage in chunk_page(body.page_number, body.text, offset=body.start, rows=body.rows)
    ]
    claim.checkpoint()
    language = language_of("\n".join(page.text for page in pages)[:20000])
    with transaction.atomic():
        # Locked, so a delete of this document waits for this swap, or wins and this run skips.
        if claim.rows.select_for_update().first() is None:
            return "skipped"  # a newer version arrived, or the claim was recovered from us
        Page.objects.filter(document_id=document.pk).delete()
        Chunk.objects.filter(document_id=document.pk).delete()
        Page.objects.bulk_create(
            [Page(document_id=document.pk, number=p.number, text=p.text, ocr=p.ocr) for p in pages]
        )
        Chunk.objects.bulk_create(
            [
                Chunk(
                    document_id=document.pk,
                    collection_id=document.collection_id,
                    ordinal=ordinal,
                    page_number=passage.page_number,
                    char_start=passage.char_start,
                    char_end=passage.char_end,
                    text=passage.text,
                    terms=" ".join(index_terms(passage.text)),
                    language=language_of(passage.text),
                )
                for ordinal, passage in enumerate(passages)
            ],
            batch_size=500,
        )
        claim.finish(
            status=Status.READY,
            title=repair_text("document.title", parsed.title)[:500] or document.title,
            language=language,
            page_count=len(parsed.pages),
            ocr_pages=sum(1 for p in parsed.pages if p.ocr),
            processed_at=timezone.now(),
            error_code="",
            error_params={},
        )
        Collection.objects.filter(pk=document.collection_id).update(index_version=F("index_version") + 1)
        # Searchable by keywords now; the passages' vectors follow in low-priority background work.
        vectors_schedule(collection_id=document.collection_id)
    logger.info("document ready id=%s passages=%s", document.pk, len(passages))
    document_ready.send(
        sender=Document, document=Document.objects.select_related("collection").get(pk=document.pk)
    )
    return Status.READY


def document_move(*, actor, document: Document, collection: Collection, channel: str = "") -> None:
    """Move a document, with its passages, to another collection; both collections' indexes are rebuilt."""
    if (
        Document.objects.filter(collection=collection, source_id=document.source_id)
        .exclude(pk=document.pk)
        .exists()
    ):
        raise AiplusError(
            ErrorCode.CONFLICT, detail=f"{document.source_id!r} is already in {collection.slug!r}"
        )
    previous = document.collection_id
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(collection=collection)
        Chunk.objects.filter(document_id=document.pk).update(collection=collection)
        Collection.objects.filter(pk__in=[previous, collection.pk]).update(
            index_version=F("index_version") + 1
        )
    audit_record(
        actor=actor,
        action="document.move",
        target=f"document:{document.pk}",
        channel=channel,
        to=collection.slug,
    )


def documents_recover(*, enqueue: bool = True) -> list[int]:
    """Queue again every document whose worker died mid-way, and re-send every queued document's task
    (a worker's start-up)."""
    return work_recover(DOCUMENT_WORK, enqueue=enqueue)


def documents_process_queued(
    *, collection: Collection | None = None, on_start=lambda total: None, on_done=lambda status: None
) -> int:
    """Process queued documents in this process (the CLI's ``--wait`` when no worker is running);
    ``on_start`` hears how many there are, ``on_done`` each one's status."""
    queued = Document.objects.filter(status=Status.QUEUED)
    if collection is not None:
        queued = queued.filter(collection=collection)
    document_ids = list(queued.values_list("pk", flat=True))
    on_start(len(document_ids))
    count = 0
    for document_id in document_ids:
        on_done(document_process(document_id=document_id))
        count += 1
    return count
