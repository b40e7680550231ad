"""Browse and search over published solutions, with facets and counts.

The spine's pieces do the work: ``core.language`` turns text into index and query terms (bilingual, with
Cantonese and glossary expansions), ``search.index.CollectionIndex`` holds the BM25 postings (and vectors,
once a worker has embedded the published versions), and ``search.fusion`` mixes the two scores. One index
of the catalogue is kept per process and rebuilt when a published solution changes (the stamp below).

Equal scores (every solution when browsing without words) are ordered by a hash of the solution's public id,
which is fixed for a solution but unrelated to when it was entered, so no vendor is favoured by entry order.
"""

import hashlib
import logging
import threading
import uuid
from dataclasses import dataclass, field, replace

import numpy as np
from django.db import transaction
from django.db.models import Count, F

from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.models import CatalogueRevision, Match, SolutionStatus, SolutionVersion, Stage
from aiplus.catalogue.selectors import is_officer, vendor_of
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import query_terms
from aiplus.core.validation import clean_number, clean_text
from aiplus.llm import embeddings
from aiplus.search.fusion import dense_weight, fuse
from aiplus.search.index import CollectionIndex, IndexRow

logger = logging.getLogger("aiplus.catalogue")

EMBED_TASK = "aiplus.catalogue.embed_published"
DENSE_CANDIDATES = 50
# Facets: the name a filter and a count go by, the vocabulary it takes its labels from, the version field.
FACETS = (
    ("category", "categories", "categories"),
    ("technology", "technologies", "technologies"),
    ("language", "languages", "languages"),
    ("deployment", "deployments", "deployment"),
    ("residency", "residencies", "residency"),
    ("pricing", "pricing_models", "pricing_model"),
    ("risk", "risk_tiers", "risk_tier"),
)
FLAGS = ("trial", "sme", "startup")


@dataclass(frozen=True)
class SolutionHit:
    """What a result list shows of a published solution, held in the index so a search reads no rows."""

    id: str
    vendor: str
    vendor_is_sme: bool
    name_en: str
    name_zh: str
    summary_en: str
    summary_zh: str
    categories: list[str]
    languages: list[str]
    deployment: str
    residency: str
    pricing_model: str
    annual_price_hkd: int | None
    trial: bool
    adoptions: int
    score: float = 0.0

    def name(self, language: str) -> str:
        return self.name_zh if language.lower().startswith("zh") and self.name_zh else self.name_en

    def summary(self, language: str) -> str:
        return self.summary_zh if language.lower().startswith("zh") and self.summary_zh else self.summary_en


def tie_hash(public_id) -> int:
    return int.from_bytes(hashlib.blake2b(str(public_id).encode(), digest_size=8).digest(), "big") >> 1


class CatalogueIndex:
    """The published solutions' current versions: BM25 (and vectors), facet membership and tie hashes."""

    def __init__(self, rows: list[dict], stamp: tuple, adoptions: dict[int, int]):
        self.stamp = stamp
        self.hits = [
            SolutionHit(
                id=str(row["solution__public_id"]),
                vendor=row["solution__vendor__name"],
                vendor_is_sme=row["solution__vendor__is_sme"],
                adoptions=adoptions.get(row["solution_id"], 0),
                **{name: row[name] for name in HIT_FIELDS},
            )
            for row in rows
        ]
        model = embeddings.model_name() if embeddings.embeddings_configured() else ""
        self.index = CollectionIndex.build(
            (
                IndexRow(
                    chunk_id=row["solution_id"],
                    document_id=row["solution__vendor_id"],
                    terms=row["terms"],
                    language="",
                    file_type="",
                    date_ordinal=0,
                    embedding=bytes(row["vector"])
                    if row["vector"] and row["vector_model"] == model
                    else None,
                )
                for row in rows
            ),
            version=0,
            vector_model=model,
        )
        self.solution_ids = np.asarray([row["solution_id"] for row in rows], dtype=np.int64)
        self.ties = np.asarray([tie_hash(row["solution__public_id"]) for row in rows], dtype=np.int64)
        self.members: dict[str, dict[str, np.ndarray]] = {}
        for name, kind, column in FACETS:
            values = [row[column] if isinstance(row[column], list) else [row[column]] for row in rows]
            self.members[name] = {
                code: np.fromiter((code in v for v in values), dtype=bool, count=len(rows))
                for code in vocab.codes(kind)
            }
        flags = {
            "trial": "trial",
            "sme": "solution__vendor__is_sme",
            "startup": "solution__vendor__is_startup",
        }
        for name, column in flags.items():
            self.members[name] = {"yes": np.asarray([bool(row[column]) for row in rows], dtype=bool)}

    def __len__(self) -> int:
        return len(self.solution_ids)


_cache: dict[str, CatalogueIndex] = {}
_lock = threading.Lock()

HIT_FIELDS = (
    "name_en",
    "name_zh",
    "summary_en",
    "summary_zh",
    "categories",
    "languages",
    "deployment",
    "residency",
    "pricing_model",
    "annual_price_hkd",
    "trial",
)
ROW_FIELDS = (
    "solution_id",
    "solution__vendor__name",
    "solution__public_id",
    "solution__vendor_id",
    "solution__vendor__is_sme",
    "solution__vendor__is_startup",
    "terms",
    "vector",
    "vector_model",
    *HIT_FIELDS,
    *{column for _name, _kind, column in FACETS} - set(HIT_FIELDS),
)


def _stamp() -> tuple:
    token = CatalogueRevision.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    return token, embeddings.model_name() if embeddings.embeddings_configured() else ""


def catalogue_changed() -> None:
    """Tell every process's search index to rebuild (called by the services after a change)."""
    token = uuid.uuid4().hex
    if not CatalogueRevision.objects.filter(pk=1).update(token=token):
        CatalogueRevision.objects.update_or_create(pk=1, defaults={"token": token})


def catalogue_index() -> CatalogueIndex:
    stamp = _stamp()
    held = _cache.get("index")
    if held is not None and held.stamp == stamp:
        return held
    with _lock:
        held = _cache.get("index")
        if held is None or held.stamp != stamp:
            rows = list(
                SolutionVersion.objects.filter(
                    solution__status=SolutionStatus.PUBLISHED, solution__current_version_id=F("pk")
                )
                .order_by("solution_id")
                .values(*ROW_FIELDS)
            )
            held = CatalogueIndex(rows, stamp, adoption_counts([row["solution_id"] for row in rows]))
            _cache["index"] = held
            logger.info("catalogue index built solutions=%s", len(held))
    return held


def drop_cached_index() -> None:
    _cache.clear()


@dataclass(frozen=True)
class CatalogueFilters:
    """Chosen facet values: a solution must have one of the chosen values of every facet chosen."""

    chosen: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_params(cls, params) -> "CatalogueFilters":
        """From a query string or a dict of lists; unknown facets and values are ignored."""
        known = {name: set(vocab.codes(kind)) for name, kind, _ in FACETS} | {flag: {"yes"} for flag in FLAGS}
        chosen = {}
        for name, allowed in known.items():
            values = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
            values = [values] if isinstance(values, str) else values
            picked = frozenset(v for v in values if isinstance(v, str) and v in allowed)
            if picked:
                chosen[name] = picked
        return cls(chosen)

    def mask(self, index: CatalogueIndex, *, leave_out: str = "") -> np.ndarray:
        mask = np.ones(len(index), dtype=bool)
        for name, values in self.chosen.items():
            if name == leave_out:
                continue
            either = np.zeros(len(index), dtype=bool)
            for value in values:
                either |= index.members[name][value]
            mask &= either
        return mask


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass
class CatalogueResults:
    total: int
    hits: list[SolutionHit]
    facets: dict[str, list[FacetCount]]


def _scores(index: CatalogueIndex, query: str, actor) -> tuple[np.ndarray, np.ndarray]:
    """(score per row, which rows match): BM25 fused with meaning when vectors exist; every row when browsing."""
    if not query:
        return np.zeros(len(index), dtype=np.float64), np.ones(len(index), dtype=bool)
    bm25 = index.index.bm25_scores(query_terms(query))
    matched = bm25 > 0
    model = index.index.vector_model
    weight = dense_weight(model) if model else 0.0
    if weight > 0 and len(index) and index.index.has_vector.any():
        vector = embeddings.embed_query(query, actor=actor)
        dense = index.index.dense_scores(vector) if vector is not None else None
        if dense is not None:
            rows, _ = index.index.dense(vector, k=DENSE_CANDIDATES)
            matched[rows] = True
            scores = np.zeros(len(index), dtype=np.float64)
            candidates = np.flatnonzero(matched)
            scores[candidates] = fuse(bm25[candidates], dense[candidates], weight=weight)
            return scores, matched
    return bm25.astype(np.float64), matched


def catalogue_search(
    *,
    actor,
    query: str = "",
    filters: CatalogueFilters = CatalogueFilters(),
    page: int = 1,
    per_page: int = 20,
) -> CatalogueResults:
    """Published solutions matching the words (all of them without words) and the chosen facets, best
    first, a page at a time; with every facet value's count among the matching solutions."""
    if not is_officer(actor) and vendor_of(actor) is None:
        raise AiplusError(ErrorCode.FORBIDDEN, detail="browse the catalogue")
    query = clean_text("search.query", query) if query else ""
    per_page = clean_number("search.k", per_page)
    page = max(1, int(page)) if str(page).isdigit() else 1
    index = catalogue_index()
    scores, matched = _scores(index, query, actor)
    chosen = matched & filters.mask(index)
    rows = np.flatnonzero(chosen)
    order = rows[np.lexsort((index.ties[rows], -scores[rows]))]
    shown = order[(page - 1) * per_page : page * per_page]
    facets = {}
    for name, kind, _column in FACETS:
        among = matched & filters.mask(index, leave_out=name)
        facets[name] = [
            FacetCount(
                code,
                vocab.label(kind, code),
                int((among & member).sum()),
                code in filters.chosen.get(name, ()),
            )
            for code, member in index.members[name].items()
        ]
    for flag in FLAGS:
        among = matched & filters.mask(index, leave_out=flag)
        count = int((among & index.members[flag]["yes"]).sum())
        facets[flag] = [FacetCount("yes", flag, count, "yes" in filters.chosen.get(flag, ()))]
    return CatalogueResults(
        total=len(rows),
        hits=[replace(index.hits[row], score=round(float(scores[row]), 4)) for row in shown],
        facets=facets,
    )


def adoption_counts(solution_ids: list[int]) -> dict[int, int]:
    """How many needs adopted each solution."""
    rows = (
        Match.objects.filter(
            stage=Stage.ADOPTED, **({"solution_id__in": solution_ids} if len(solution_ids) < 500 else {})
        )
        .values("solution_id")
        .annotate(n=Count("pk"))
    )
    return {row["solution_id"]: row["n"] for row in rows}


# --- meaning: vectors of the published versions, filled by a worker ------------------------------------


def embed_or_queue() -> None:
    """After a solution is published: ask a worker to embed it (search meanwhile uses keywords alone)."""
    if not embeddings.embeddings_configured():
        return
    from celery import current_app

    from aiplus.core.workers import LONG_QUEUE, TASK_EXPIRES

    transaction.on_commit(lambda: current_app.send_task(EMBED_TASK, queue=LONG_QUEUE, expires=TASK_EXPIRES))


def published_embed() -> int:
    """Embed every published current version lacking a vector of the configured model (safe to run twice)."""
    if not embeddings.embeddings_configured():
        return 0
    model = embeddings.model_name()
    waiting = list(
        SolutionVersion.objects.filter(
            solution__status=SolutionStatus.PUBLISHED, solution__current_version_id=F("pk")
        ).exclude(vector_model=model)
    )
    for version in waiting:
        text = "\n".join([version.name_en, version.name_zh, version.summary_en, version.summary_zh])
        vectors = embeddings.embed_passages([text])
        if vectors is None:
            return 0
        SolutionVersion.objects.filter(pk=version.pk).update(vector=vectors[0], vector_model=model)
    if waiting:
        catalogue_changed()
    return len(waiting)
