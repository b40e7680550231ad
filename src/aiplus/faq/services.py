"""FAQ and forms collections: import, edit, and match a question to an entry.

``faq_import`` reads a CSV or XLSX file (``faq.reading``), creates or updates entries by id in one
transaction, mirrors each entry as a document and passages of its collection (so access, search and
citations are the documents app's), and embeds every wording once. ``faq_match`` finds the entry a question
asks about (``faq.matching``) and gives its answer in the asker's language and script, or declines.
Access is the caller's job: pass only collections the asker may read.
"""

import hashlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, convert_script, detect_script, index_terms, query_terms
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.models import Chunk, Collection, CollectionKind, Document, Page, Status
from aiplus.documents.selectors import can_manage_collection
from aiplus.faq import matching
from aiplus.faq.models import LANGUAGES, FaqEntry
from aiplus.faq.reading import FaqRow, RowProblem, read_rows
from aiplus.llm import embeddings

logger = logging.getLogger("aiplus.faq")

FAQ_KINDS = (CollectionKind.FAQ, CollectionKind.FORMS)
PAGE_OF_LANGUAGE = {"en": 1, "zh-Hant": 2}
EMBED_BATCH = 64
# An import with at most this many texts to embed embeds them in the request; a larger one on a worker.
EMBED_INLINE_TEXTS = 60
EMBED_TASK = "aiplus.faq.embed_collection"
# A broad question to a forms collection lists every form whose confidence is this close to the best one.
FORMS_SPREAD = 0.1
MAX_FORMS = 5
CANDIDATES = 5


def is_faq(collection: Collection) -> bool:
    return collection.kind in FAQ_KINDS


# --- import and edit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    collection: str
    rows: int
    created: int
    updated: int
    unchanged: int
    problems: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "collection": self.collection,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.as_dict() for p in self.problems],
        }


def _check_manage(actor, collection: Collection) -> None:
    if not can_manage_collection(actor, collection):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"edit FAQ {collection.slug!r}")
    if not is_faq(collection):
        raise invalid("faq.file", "faq_kind")


def _read_bytes(path_or_file) -> bytes:
    limit = settings.AIPLUS_MAX_UPLOAD_BYTES
    if isinstance(path_or_file, str | Path):
        with open(path_or_file, "rb") as handle:
            data = handle.read(limit + 1)
    else:
        data = path_or_file.read(limit + 1)
    if len(data) > limit:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit // 2**20})
    if not data:
        raise AiplusError(ErrorCode.EMPTY_FILE)
    return data


def _save(collection: Collection, row: FaqRow, actor) -> str:
    """Create or update one language version; ``created``, ``updated`` or ``unchanged``."""
    values = {
        "question": row.question,
        "alternatives": list(row.alternatives),
        "answer": row.answer,
        "url": row.url,
        "form": row.form,
        "department": row.department,
    }
    entry = FaqEntry.objects.filter(
        collection=collection, entry_id=row.entry_id, language=row.language
    ).first()
    if entry is None:
        FaqEntry.objects.create(
            collection=collection,
            entry_id=row.entry_id,
            language=row.language,
            updated_by=actor_user(actor),
            **values,
        )
        return "created"
    if all(getattr(entry, name) == value for name, value in values.items()):
        return "unchanged"
    for name, value in values.items():
        setattr(entry, name, value)
    entry.updated_by = actor_user(actor)
    entry.save()
    return "updated"


def _page_text(entry: FaqEntry) -> str:
    lines = [entry.question, "", entry.answer]
    if entry.form:
        lines.append(f"{entry.form}")
    if entry.url:
        lines.append(entry.url)
    return "\n".join(line for line in lines).strip()


def _mirror(collection: Collection, entry_ids: Iterable[str]) -> None:
    """Each entry id as a document of its collection: one page and one passage per language version."""
    for entry_id in sorted(set(entry_ids)):
        versions = list(FaqEntry.objects.filter(collection=collection, entry_id=entry_id))
        if not versions:
            Document.objects.filter(collection=collection, source_id=entry_id).delete()
            continue
        title = next((v.question for v in versions if v.language == "en"), versions[0].question)
        languages = {v.language for v in versions}
        document, _created = Document.objects.update_or_create(
            collection=collection,
            source_id=entry_id,
            defaults={
                "title": title[:500],
                "filename": f"{entry_id}.faq"[:255],
                "file_type": "faq",
                "status": Status.READY,
                "language": "mixed" if len(languages) > 1 else versions[0].language,
                "page_count": len(versions),
            },
        )
        document.pages.all().delete()
        document.chunks.all().delete()
        for ordinal, entry in enumerate(versions):
            text = _page_text(entry)
            number = PAGE_OF_LANGUAGE.get(entry.language, ordinal + 1)
            Page.objects.create(document=document, number=number, text=text)
            chunk = Chunk.objects.create(
                document=document,
                collection=collection,
                ordinal=ordinal,
                page_number=number,
                char_start=0,
                char_end=len(text),
                text=text,
                terms=" ".join(index_terms(" ".join([*entry.wordings, entry.answer]))),
                language=entry.language,
            )
            FaqEntry.objects.filter(pk=entry.pk).update(document=document, chunk=chunk)
    Collection.objects.filter(pk=collection.pk).update(index_version=F("index_version") + 1)


def _wordings_key(entry: FaqEntry) -> str:
    return hashlib.sha256("\n".join([*entry.wordings, "", entry.passage]).encode("utf-8")).hexdigest()


def _stale(entries: list[FaqEntry], model: str) -> list[FaqEntry]:
    return [
        e
        for e in entries
        if e.vectors is None
        or e.passage_vector is None
        or e.vectors_model != model
        or e.vectors_key != _wordings_key(e)
    ]


def _texts(entries: list[FaqEntry]) -> int:
    return sum(len(e.wordings) + 1 for e in entries)


def entries_embed(entries: list[FaqEntry], *, actor=None) -> int:
    """Embed the wordings of entries whose vectors are missing or stale; how many entries were embedded.
    Nothing happens when embeddings are off; a failing endpoint leaves the entries to BM25 for now."""
    if not embeddings.embeddings_configured():
        return 0
    model = embeddings.model_name()
    stale = _stale(entries, model)
    for start in range(0, len(stale), EMBED_BATCH):
        batch = stale[start : start + EMBED_BATCH]
        texts = [wording for entry in batch for wording in entry.wordings]
        try:
            # Wordings are embedded as queries (question to question), the answer as a passage, as e5 expects.
            vectors = embeddings.embed_texts(texts, query=True, flow="faq.index", actor=actor)
            passages = embeddings.embed_texts(
                [e.passage for e in batch], query=False, flow="faq.index", actor=actor
            )
        except AiplusError:
            logger.warning("embeddings unavailable; FAQ entries matched by keywords only")
            return start
        at = 0
        for entry, passage in zip(batch, passages, strict=True):
            rows = vectors[at : at + len(entry.wordings)]
            at += len(entry.wordings)
            entry.vectors = np.ascontiguousarray(rows, dtype=np.float32).tobytes()
            entry.passage_vector = np.ascontiguousarray(passage, dtype=np.float32).tobytes()
            entry.vectors_model = model
            entry.vectors_key = _wordings_key(entry)
            FaqEntry.objects.filter(pk=entry.pk).update(
                vectors=entry.vectors,
                passage_vector=entry.passage_vector,
                vectors_model=model,
                vectors_key=entry.vectors_key,
            )
    return len(stale)


def _embed_or_queue(collection: Collection, *, wait: bool, actor=None) -> None:
    """Embed what the collection's entries lack now when it is little (or ``wait``), else on a worker; until
    then the collection is matched by keywords alone."""
    if not embeddings.embeddings_configured():
        return
    stale = _stale(list(FaqEntry.objects.filter(collection=collection)), embeddings.model_name())
    if not stale:
        return
    if wait or _texts(stale) <= EMBED_INLINE_TEXTS:
        entries_embed(stale, actor=actor)
        return
    from celery import current_app

    from aiplus.core.workers import LONG_QUEUE, TASK_EXPIRES

    collection_id = collection.pk
    transaction.on_commit(
        lambda: current_app.send_task(
            EMBED_TASK, args=[collection_id], queue=LONG_QUEUE, expires=TASK_EXPIRES
        )
    )
    logger.info("FAQ embedding queued collection=%s entries=%s", collection.slug, len(stale))


def faq_embed_collection(*, collection_id: int) -> int:
    """Embed every entry of a collection that lacks its vectors (the background task; safe to run twice).
    The collection's index version moves on, so every process's matcher picks the vectors up."""
    entries = list(FaqEntry.objects.filter(collection_id=collection_id))
    done = entries_embed(entries)
    if done:
        Collection.objects.filter(pk=collection_id).update(index_version=F("index_version") + 1)
    return done


def faq_import(
    *,
    actor,
    collection: Collection,
    path_or_file: str | Path | BinaryIO,
    filename: str,
    channel: str = "",
    wait: bool = False,
) -> ImportReport:
    """Entries from a CSV or XLSX file, created or updated by id; bad rows are reported and left out.

    Each new or changed wording is embedded: at once for a small file or with ``wait`` (the CLI waits), else
    by a background worker (``faq_embed_collection``), matching by keywords alone meanwhile."""
    _check_manage(actor, collection)
    filename = clean_text("document.filename", filename)
    read = read_rows(_read_bytes(path_or_file), filename)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        changed = []
        for row in read.rows:
            outcome = _save(collection, row, actor)
            counts[outcome] += 1
            if outcome != "unchanged":
                changed.append(row.entry_id)
        if changed:
            _mirror(collection, changed)
    _embed_or_queue(collection, wait=wait, actor=actor)
    report = ImportReport(
        collection.slug, len(read.rows) + len(read.problems), problems=read.problems, **counts
    )
    audit_record(
        actor=actor,
        action="faq.import",
        target=f"collection:{collection.slug}",
        channel=channel,
        filename=filename,
        **counts,
        problems=len(read.problems),
    )
    return report


def faq_entry_create(
    *,
    actor,
    collection: Collection,
    entry_id: str,
    question: str,
    answer: str,
    language: str,
    alternatives: Iterable[str] = (),
    url: str = "",
    form: str = "",
    department: str = "",
    channel: str = "",
) -> FaqEntry:
    """Create or replace one language version of an entry (the page's edit form saves through here too)."""
    _check_manage(actor, collection)
    row = _checked_row(entry_id, language, question, answer, alternatives, url, form, department)
    with transaction.atomic():
        outcome = _save(collection, row, actor)
        if outcome != "unchanged":
            _mirror(collection, [row.entry_id])
    entry = FaqEntry.objects.get(collection=collection, entry_id=row.entry_id, language=row.language)
    entries_embed([entry], actor=actor)
    audit_record(
        actor=actor,
        action=f"faq.entry.{outcome}",
        target=f"collection:{collection.slug}",
        channel=channel,
        entry=row.entry_id,
        language=row.language,
    )
    return entry


def _checked_row(entry_id, language, question, answer, alternatives, url, form, department) -> FaqRow:
    """The same rules as a file's rows, by building a one-row table and reading it."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "language", "question", "answer", "alternatives", "url", "form", "department"])
    alternatives = [a for a in alternatives if str(a).strip()]
    if any("|" in str(a) for a in alternatives):
        raise invalid("faq.alternative", "faq_bar")
    writer.writerow([entry_id, language, question, answer, "|".join(alternatives), url, form, department])
    read = read_rows(buffer.getvalue().encode("utf-8"), "entry.csv")
    if read.problems:
        raise read.problems[0].error
    return read.rows[0]


def faq_alternative_add(
    *, actor, collection: Collection, entry_id: str, wording: str, language: str, channel: str = ""
) -> FaqEntry:
    """Add another wording of an entry's question (e.g. an asker's question approved in the review queue)."""
    _check_manage(actor, collection)
    wording = clean_text("faq.alternative", wording)
    entry_id = clean_text("faq.id", entry_id)
    versions = {e.language: e for e in FaqEntry.objects.filter(collection=collection, entry_id=entry_id)}
    if not versions:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"FAQ entry {entry_id!r}")
    wanted = "en" if str(language).lower().startswith("en") else "zh-Hant"
    entry = versions.get(wanted) or next(iter(versions.values()))
    if wording not in entry.wordings:
        return faq_entry_create(
            actor=actor,
            collection=collection,
            entry_id=entry.entry_id,
            question=entry.question,
            answer=entry.answer,
            language=entry.language,
            alternatives=[*entry.alternatives, wording],
            url=entry.url,
            form=entry.form,
            department=entry.department,
            channel=channel,
        )
    return entry


# --- matching ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Version:
    pk: int
    entry_id: str
    language: str
    question: str
    answer: str
    url: str
    form: str
    department: str
    chunk_id: int
    document_id: int


class CollectionMatcher:
    """The entries of one collection, ready to score a question against: BM25 per language version and one
    vector per wording."""

    def __init__(self, collection: Collection, entries: list[FaqEntry], model: str):
        self.collection = collection
        self.versions = [
            _Version(
                e.pk,
                e.entry_id,
                e.language,
                e.question,
                e.answer,
                e.url,
                e.form,
                e.department,
                e.chunk_id or 0,
                e.document_id or 0,
            )
            for e in entries
        ]
        self.entry_ids = sorted({e.entry_id for e in entries})
        at = {entry_id: i for i, entry_id in enumerate(self.entry_ids)}
        self.version_entry = np.asarray([at[e.entry_id] for e in entries], dtype=np.int64)
        self.bm25 = matching.Bm25([index_terms(" ".join(e.wordings)) for e in entries])
        self.vectors = None
        ready = all(
            e.vectors is not None and e.passage_vector is not None and e.vectors_model == model
            for e in entries
        )
        if model and entries and ready:
            rows = [
                np.frombuffer(bytes(e.vectors), dtype=np.float32).reshape(len(e.wordings), -1)
                for e in entries
            ]
            self.vectors = np.vstack(rows)
            self.wording_entry = np.concatenate(
                [np.full(len(r), at[e.entry_id], dtype=np.int64) for r, e in zip(rows, entries, strict=True)]
            )
            self.passages = np.vstack(
                [np.frombuffer(bytes(e.passage_vector), dtype=np.float32) for e in entries]
            )

    def scores(
        self, terms, vector: np.ndarray | None
    ) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray]:
        """Per entry id (``entry_ids``): the best wording's cosine and the best version's question-and-answer
        cosine (None without vectors), and the best language version's normalised BM25."""
        bm25 = np.zeros(len(self.entry_ids), dtype=np.float32)
        np.maximum.at(bm25, self.version_entry, self.bm25.scores(terms))
        dense = passage = None
        if vector is not None and self.vectors is not None and self.vectors.shape[1] == vector.shape[0]:
            vector = vector.astype(np.float32)
            dense = np.full(len(self.entry_ids), -1.0, dtype=np.float32)
            np.maximum.at(dense, self.wording_entry, self.vectors @ vector)
            passage = np.full(len(self.entry_ids), -1.0, dtype=np.float32)
            np.maximum.at(passage, self.version_entry, self.passages @ vector)
        return dense, passage, bm25


_matchers: dict[int, tuple[int, str, CollectionMatcher]] = {}
_matchers_lock = threading.Lock()


def collection_matcher(collection: Collection) -> CollectionMatcher:
    version = Collection.objects.filter(pk=collection.pk).values_list("index_version", flat=True).first()
    model = embeddings.model_name() if embeddings.embeddings_configured() else ""
    cached = _matchers.get(collection.pk)
    if cached is not None and cached[:2] == (version, model):
        return cached[2]
    with _matchers_lock:
        entries = list(FaqEntry.objects.filter(collection=collection).order_by("pk"))
        stale = _stale(entries, model) if model else []
        if (
            stale and _texts(stale) <= EMBED_INLINE_TEXTS
        ):  # a few left over (an endpoint was down): do them now
            entries_embed(stale)
        matcher = CollectionMatcher(collection, entries, model)
        _matchers[collection.pk] = (version, model, matcher)
        return matcher


def drop_cached_matchers() -> None:
    _matchers.clear()


@dataclass(frozen=True)
class FaqHit:
    """One matched entry, in the language version chosen for the asker."""

    entry_id: str
    confidence: float
    collection: str
    kind: str
    language: str
    question: str
    answer: str
    url: str
    form: str
    department: str
    chunk_id: int
    document_id: int
    page: int


@dataclass(frozen=True)
class FaqMatch:
    entry_id: str | None
    confidence: float
    answered: bool
    answer: str
    url: str = ""
    form: str = ""
    language: str = ""
    candidates: list[tuple[str, float]] = field(default_factory=list)
    hits: list[FaqHit] = field(default_factory=list)  # what the answer gives: one entry, or several forms

    def as_dict(self) -> dict:
        return {
            "entry_id": self.entry_id,
            "confidence": round(self.confidence, 4),
            "answered": self.answered,
            "answer": self.answer,
            "url": self.url,
            "form": self.form,
            "language": self.language,
            "candidates": [[entry_id, round(c, 4)] for entry_id, c in self.candidates],
        }


@dataclass(frozen=True)
class Scored:
    """Every entry of the collections with its raw scores (for the matcher and the benchmark)."""

    matchers: list[CollectionMatcher]
    dense: np.ndarray | None
    passage: np.ndarray | None
    bm25: np.ndarray

    def owner(self, index: int) -> tuple[CollectionMatcher, str]:
        for matcher in self.matchers:
            if index < len(matcher.entry_ids):
                return matcher, matcher.entry_ids[index]
            index -= len(matcher.entry_ids)
        raise IndexError(index)


def faq_scores(*, question: str, collections: list[Collection], actor=None) -> Scored:
    matchers = [collection_matcher(c) for c in collections if is_faq(c)]
    vector = None
    if any(m.vectors is not None for m in matchers):
        try:
            vector = embeddings.embed_texts([question], query=True, flow="faq.match", actor=actor)[0]
        except AiplusError:
            vector = None
    terms = query_terms(question)
    dense_parts, passage_parts, bm25_parts = [], [], []
    for matcher in matchers:
        dense, passage, bm25 = matcher.scores(terms, vector)
        dense_parts.append(dense)
        passage_parts.append(passage)
        bm25_parts.append(bm25)
    bm25 = np.concatenate(bm25_parts) if bm25_parts else np.zeros(0, dtype=np.float32)
    dense = passage = None
    if dense_parts and all(d is not None for d in dense_parts):
        dense, passage = np.concatenate(dense_parts), np.concatenate(passage_parts)
    return Scored(matchers, dense, passage, bm25)


def _reply_language(script: Script) -> str:
    return "en" if script == Script.ENGLISH else "zh-Hant"


def _hit(matcher: CollectionMatcher, entry_id: str, confidence: float, script: Script) -> FaqHit:
    versions = {v.language: v for v in matcher.versions if v.entry_id == entry_id}
    wanted = _reply_language(script)
    version = versions.get(wanted) or versions[next(lang for lang in LANGUAGES if lang in versions)]
    chinese = version.language != "en"
    language = version.language
    convert = (lambda text: convert_script(text, script)) if chinese and script == Script.SIMPLIFIED else str
    if chinese and script == Script.SIMPLIFIED:
        language = "zh-Hans"
    department = convert(version.department) or matcher.collection.department.display_name(
        "zh" if chinese else "en"
    )
    return FaqHit(
        entry_id=entry_id,
        confidence=confidence,
        collection=matcher.collection.slug,
        kind=matcher.collection.kind,
        language=language,
        question=convert(version.question),
        answer=convert(version.answer),
        url=version.url,
        form=version.form,
        department=convert(department),
        chunk_id=version.chunk_id,
        document_id=version.document_id,
        page=PAGE_OF_LANGUAGE.get(version.language, 1),
    )


def _form_line(hit: FaqHit) -> str:
    parts = [f"{hit.form} {hit.question}".strip(), hit.department]
    line = " — ".join(p for p in parts if p)
    return f"{line}: {hit.url}" if hit.url else line


def decline_text(script: Script) -> str:
    with translation.override("en" if script == Script.ENGLISH else "zh-hant"):
        text = _("Sorry, I do not have an answer to that question. You can ask to talk to a person.")
    return convert_script(text, script) if script == Script.SIMPLIFIED else text


def _forms_text(hits: list[FaqHit], script: Script) -> str:
    if len(hits) == 1:
        return _form_line(hits[0])
    with translation.override("en" if script == Script.ENGLISH else "zh-hant"):
        intro = _("These forms may be what you are looking for:")
    intro = convert_script(intro, script) if script == Script.SIMPLIFIED else intro
    return "\n".join([intro, *(f"- {_form_line(h)}" for h in hits)])


def faq_match(
    *, question: str, collections: list[Collection], actor=None, tuning: matching.Tuning | None = None
) -> FaqMatch:
    """The entry a question asks about among the FAQ and forms collections given, or a decline."""
    question = clean_text("question", question)
    settings_ = tuning or matching.tuning()
    script = detect_script(question)
    scored = faq_scores(question=question, collections=collections, actor=actor)
    confidence = matching.fuse(scored.dense, scored.passage, scored.bm25, settings_)
    threshold = settings_.threshold if scored.dense is not None else settings_.bm25_threshold
    order = np.argsort(-confidence, kind="stable")[:CANDIDATES] if len(confidence) else []
    candidates = [(scored.owner(int(i))[1], float(confidence[i])) for i in order]
    if not candidates or candidates[0][1] < threshold:
        best = candidates[0][1] if candidates else 0.0
        return FaqMatch(None, best, False, decline_text(script), candidates=candidates)
    top = float(confidence[order[0]])
    matcher, entry_id = scored.owner(int(order[0]))
    hits = [_hit(matcher, entry_id, top, script)]
    if matcher.collection.kind == CollectionKind.FORMS:
        for i in order[1:MAX_FORMS]:
            if confidence[i] >= threshold and confidence[i] >= top - FORMS_SPREAD:
                other, other_id = scored.owner(int(i))
                if other.collection.kind == CollectionKind.FORMS:
                    hits.append(_hit(other, other_id, float(confidence[i]), script))
        text = _forms_text(hits, script)
    else:
        text = hits[0].answer
    first = hits[0]
    return FaqMatch(
        entry_id=first.entry_id,
        confidence=top,
        answered=True,
        answer=text,
        url=first.url,
        form=first.form,
        language=first.language,
        candidates=candidates,
        hits=hits,
    )
