"""Market briefs from the press releases of a collection: made, saved, listed and read under the collection's
access rules. Pages, the API and the CLI all call ``brief_create``, ``briefs_visible_to`` and
``brief_for_reading``.

Without a model the brief is extractive (``selection``); with one, the headline and summary are written by
it (``writing``) and must pass the grounding check, else the extractive ones are kept and the brief says so.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from aiplus.briefs import selection
from aiplus.briefs.models import Brief, BriefMode
from aiplus.briefs.recognise import FIELDS, KINDS, VENDOR, Recogniser
from aiplus.briefs.releases import Release, release_parse
from aiplus.briefs.writing import Material, NotGrounded, brief_written
from aiplus.core.access import actor_label, actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import index_terms
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_date, clean_text, invalid
from aiplus.documents.models import Collection, Document, Status
from aiplus.documents.selectors import collection_for_reading, collections_visible_to
from aiplus.llm import services as llm

logger = logging.getLogger("aiplus.briefs")

LANGUAGES = ("en", "zh-Hant")
# The newest releases a brief reads at most; a wider range is cut to these and the brief says so.
MAX_RELEASES = 200

NOTICES = {
    "model_not_grounded": _(
        "The model's summary did not pass the check against the releases, so this brief uses sentences taken "
        "from the releases instead."
    ),
    "model_unavailable": _(
        "The language model could not be reached, so this brief uses sentences taken from the releases."
    ),
    "model_blocked": _(
        "The department's personal-data policy kept these releases from the language model, so this brief uses "
        "sentences taken from the releases."
    ),
    "release_limit": _("Only the newest %(limit)s releases in the range were read."),
}


@dataclass(frozen=True)
class BriefRequest:
    collection: Collection
    date_from: date | None
    date_to: date | None
    query: str
    language: str


def brief_request(*, actor, slug: str, date_from=None, date_to=None, query: str = "", language: str = "en"):
    """The request checked: a collection the actor may read (NOT_FOUND otherwise, as if it did not exist),
    dates as YYYY-MM-DD with the start on or before the end, a topic of at most 200 characters."""
    start, end = clean_date("brief.from", date_from), clean_date("brief.to", date_to)
    if start and end and start > end:
        raise invalid("brief.to", "date_order")
    query = clean_text("brief.query", query)
    if language not in LANGUAGES:
        raise invalid("brief.language", "one_of", choices=", ".join(LANGUAGES))
    collection = collection_for_reading(actor, clean_text("collection.slug", slug))
    return BriefRequest(collection, start, end, query, language)


def releases_of(request: BriefRequest) -> tuple[list[Release], bool]:
    """(the collection's ready releases dated in the range that match the topic, newest first and numbered;
    whether the range held more than ``MAX_RELEASES``)."""
    documents = Document.objects.filter(collection=request.collection, status=Status.READY).prefetch_related(
        "pages"
    )
    query_terms = set(index_terms(request.query))
    found = []
    for document in documents:
        release = release_parse(
            document_id=document.pk,
            text="\n".join(page.text for page in document.pages.all()),
            default_outlet=request.collection.name,
            fallback_date=document.document_date,
        )
        if request.date_from and (release.date is None or release.date < request.date_from):
            continue
        if request.date_to and (release.date is None or release.date > request.date_to):
            continue
        if query_terms and len(query_terms & release.terms) < len(query_terms) / 2:
            continue
        found.append(release)
    found.sort(key=lambda r: (r.date or date.min, r.document_id), reverse=True)
    cut = len(found) > MAX_RELEASES
    found = found[:MAX_RELEASES]
    for number, release in enumerate(found, 1):
        release.number = number
    return found, cut


def entity_link(kind: str, key: str, name: str) -> str:
    """Where a recognised name leads: a vendor to its solutions in the catalogue; an agency or a place to
    the briefs that name it."""
    if kind == VENDOR:
        return reverse("catalogue:browse") + "?" + urlencode({"q": name})
    return reverse("briefs:list") + "?" + urlencode({kind: key})


def _material(ranked: list[Release], content: dict) -> list[Material]:
    """The sentences the model may write from: each top release's lead sentence and the key signals."""
    material = [Material(line["text"], line["sources"][0]) for line in content["summary"]]
    material += [Material(signal["text"], signal["source"]) for signal in content["signals"]]
    for release in ranked[:8]:
        for sentence in release.sentences[:3]:
            if all(m.text != sentence for m in material):
                material.append(Material(sentence, release.number))
    return material


def brief_content(
    *, releases: list[Release], recogniser: Recogniser, language: str, query: str
) -> tuple[dict, list[Release]]:
    """(the extractive brief as stored: headline, summary, signals, quote, entities, sources; the releases in
    the order they lead)."""
    named = selection.named_entities(releases, recogniser)
    ranked = selection.rank_releases(releases, named, query)
    summary = selection.summary(ranked, language)
    signals = selection.key_signals(ranked, language, [line["text"] for line in summary])
    preferred = [r for r in ranked if r.language == language] or ranked
    entities = selection.ranked_entities(releases, named)
    content = {
        "headline": preferred[0].title,
        "summary": summary,
        "signals": [{"text": s.text, "source": s.source, "kinds": s.kinds} for s in signals],
        "quote": selection.quote(ranked, language),
        **{
            FIELDS[kind]: [
                {
                    "key": r.entity.key,
                    "name_en": r.entity.name_en,
                    "name_zh": r.entity.name_zh,
                    "releases": r.releases,
                    "url": entity_link(kind, r.entity.key, r.entity.name_en),
                }
                for r in entities[kind]
            ]
            for kind in KINDS
        },
        "sources": [
            {
                "number": r.number,
                "document_id": r.document_id,
                "title": r.title,
                "outlet": r.outlet,
                "date": r.date.isoformat() if r.date else "",
            }
            for r in releases
        ],
        "notices": [],
    }
    return content, ranked


def _written(*, actor, request: BriefRequest, content: dict, ranked: list[Release]) -> bool:
    """Replace the headline and summary with the model's, when it passes the check; note it when not."""
    material = _material(ranked, content)
    try:
        written = brief_written(
            actor=actor,
            material=material,
            language=request.language,
            query=request.query,
            collection=request.collection,
        )
    except NotGrounded as reason:
        logger.info("brief falls back to extractive: %s", reason)
        content["notices"].append({"code": "model_not_grounded"})
        return False
    except AiplusError as error:
        logger.info("brief falls back to extractive: %s", error.code)
        blocked = error.code == ErrorCode.PERSONAL_DATA_BLOCKED
        content["notices"].append({"code": "model_blocked" if blocked else "model_unavailable"})
        return False
    content["headline"] = written.headline or content["headline"]
    content["summary"] = written.summary
    return True


def brief_create(
    *,
    actor,
    slug: str,
    date_from=None,
    date_to=None,
    query: str = "",
    language: str = "en",
    channel: str = "",
) -> Brief:
    """Make and save a brief over the releases of a collection the actor may read. INVALID_FIELD when no
    release is dated in the range (or matches the topic)."""
    request = brief_request(
        actor=actor, slug=slug, date_from=date_from, date_to=date_to, query=query, language=language
    )
    releases, cut = releases_of(request)
    if not releases:
        raise invalid("brief.from" if request.date_from or request.date_to else "brief.query", "no_releases")
    content, ranked = brief_content(
        releases=releases,
        recogniser=Recogniser.from_database(),
        language=request.language,
        query=request.query,
    )
    if cut:
        content["notices"].append({"code": "release_limit", "limit": MAX_RELEASES})
    mode = BriefMode.EXTRACTIVE
    if llm.chat_configured(actor) and _written(actor=actor, request=request, content=content, ranked=ranked):
        mode = BriefMode.WRITTEN
    with transaction.atomic():
        brief = Brief.objects.create(
            collection=request.collection,
            created_by=actor_user(actor),
            created_by_label=actor_label(actor),
            date_from=request.date_from,
            date_to=request.date_to,
            query=request.query,
            language=request.language,
            mode=mode,
            headline=content["headline"][:500],
            content=content,
        )
        brief.releases.set([r.document_id for r in releases])
    audit_record(
        actor=actor,
        action="brief.create",
        target=f"brief:{brief.pk}",
        channel=channel,
        collection=request.collection.slug,
        releases=len(releases),
        mode=mode,
    )
    return brief


def briefs_visible_to(actor, *, kind: str = "", key: str = ""):
    """The briefs over collections the actor may read, newest first; with ``kind`` and ``key`` only those
    naming that agency, vendor or place."""
    briefs = Brief.objects.filter(collection__in=collections_visible_to(actor)).select_related("collection")
    if kind not in KINDS or not key:
        return list(briefs)
    return [b for b in briefs if any(e["key"] == key for e in b.content.get(FIELDS[kind], []))]


def brief_for_reading(actor, brief_id: int) -> Brief:
    """A brief whose collection the actor may read; NOT_FOUND otherwise, as if it did not exist."""
    brief = Brief.objects.filter(pk=brief_id).select_related("collection").first()
    if brief is None or not collections_visible_to(actor).filter(pk=brief.collection_id).exists():
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"brief {brief_id}")
    return brief


def notice_texts(brief: Brief) -> list[str]:
    """The brief's notices in the active language."""
    return [str(NOTICES[n["code"]]) % n for n in brief.content.get("notices", []) if n.get("code") in NOTICES]
