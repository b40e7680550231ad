"""FAQ and forms collections: import, edit, and match a question to an entry.

``faq_import`` reads a CSV or XLSX file (``faq.reading``), creates or updates entries by id in one
transaction, mirrors each entry as a document and passages of its collection (so access, search and
citations are the documents app's), and embeds every wording once (``faq.embedding``). ``faq_match`` finds
the entry a question asks about (``faq.index``, ``faq.matching``) and gives its answer in the asker's
language and script, or declines. Access is the caller's job: pass only collections the asker may read.
"""

import logging
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
from aiplus.core.language import Script, convert_script, detect_script, index_terms
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.models import Chunk, Collection, CollectionKind, Document, Page, Status
from aiplus.documents.selectors import can_manage_collection
from aiplus.faq import matching
from aiplus.faq.embedding import (  # noqa: F401  (re-exported: the task and tests use them from here)
    EMBED_TASK,
    embed_or_queue,
    entries_embed,
    faq_embed_collection,
)
from aiplus.faq.index import (  # noqa: F401  (re-exported for other apps and the benchmark)
    CollectionMatcher,
    Scored,
    collection_matcher,
    drop_cached_matchers,
    faq_scores,
)
from aiplus.faq.models import FAQ_KINDS, LANGUAGES, FaqEntry, is_faq  # noqa: F401
from aiplus.faq.reading import FaqRow, RowProblem, read_rows

logger = logging.getLogger("aiplus.faq")

PAGE_OF_LANGUAGE = {"en": 1, "zh-Hant": 2}
# A broad question to a forms collection lists every form whose confidence is this close to the best one.
FORMS_SPREAD = 0.1
MAX_FORMS = 5
CANDIDATES = 5


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


def read_upload(path_or_file) -> bytes:
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
    read = read_rows(read_upload(path_or_file), filename)
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
    embed_or_queue(collection, wait=wait, actor=actor)
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
    confidence = matching.fuse(scored.dense, scored.passage, scored.bm25, scored.answer, settings_)
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
