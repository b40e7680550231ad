"""Cited answers to questions over the collections an actor may read.

With no model configured, the extractive engine answers with the passage sentences that best match the
question, each cited, in the asker's script; it says it found nothing rather than guess. With an
OpenAI-compatible endpoint configured, a model writes the answer from the same numbered passages, and a
grounding check confirms every sentence cites a passage that supports it.
"""

import logging
import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from aiplus.assistant.models import AnswerRecord
from aiplus.core.access import actor_label, actor_user
from aiplus.core.deadlines import check_time_limit, within_time_limit
from aiplus.core.errors import AiplusError
from aiplus.core.language import (
    Script,
    convert_script,
    detect_script,
    index_terms,
    query_terms,
    sentence_spans,
)
from aiplus.core.validation import clean_text
from aiplus.documents.chunking import is_lead_in, text_units
from aiplus.documents.models import Collection
from aiplus.documents.selectors import collections_visible_to
from aiplus.documents.tables import row_pairs, row_sentence
from aiplus.llm import grounding
from aiplus.llm import services as llm
from aiplus.search.services import SearchFilters, SearchHit, search

logger = logging.getLogger("aiplus.assistant")

PASSAGES = 6
# Share of the question's own terms that the best passage must contain to count as an answer.
MIN_COVERAGE = 0.5
MAX_SENTENCES = 3
# A sentence shorter than this (in reading units) is a heading or a fragment, not an answer; a longer one
# is a run-on table or list, which reads badly as an answer.
MIN_SENTENCE_UNITS = 8
MAX_SENTENCE_UNITS = 150


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    document_id: int
    title: str
    collection: str
    page: int
    chunk_id: int
    char_start: int
    char_end: int
    quote: str
    file_type: str = ""

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "source_id": self.source_id,
            "document": self.document_id,
            "title": self.title,
            "collection": self.collection,
            "page": self.page,
            "chunk_id": self.chunk_id,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    answer: str
    citations: list[Citation]
    engine: str
    grounded: bool
    found: bool
    script: str
    hits: list[SearchHit] = field(default_factory=list, compare=False)
    # False when the answer declines or found nothing; how sure the match is (0..1; FAQ collections).
    answered: bool = True
    confidence: float = 0.0

    def as_dict(self) -> dict:
        return {
            "answer": self.answer,
            "answered": self.answered,
            "confidence": round(self.confidence, 4),
            "citations": [c.as_dict() for c in self.citations],
            "engine": self.engine,
            "grounded": self.grounded,
            "found": self.found,
        }


def _answer_spans(text: str) -> list[tuple[int, int]]:
    """Sentences, with every line a unit of its own: table rows and list items answer one at a time."""
    spans = []
    for start, end in sentence_spans(text):
        cursor = start
        for line in text[start:end].split("\n"):
            spans.append((cursor, cursor + len(line)))
            cursor += len(line) + 1
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _reply_language(script: Script) -> str:
    return "en" if script == Script.ENGLISH else "zh-hant"


def _not_found_text(script: Script) -> str:
    with translation.override(_reply_language(script)):
        text = _("I could not find an answer to this in the documents you can access.")
    return convert_script(text, script) if script == Script.SIMPLIFIED else text


def _citation(number: int, hit: SearchHit, quote: str) -> Citation:
    return Citation(
        number,
        hit.source_id,
        hit.document_id,
        hit.title,
        hit.collection,
        hit.page,
        hit.chunk_id,
        hit.char_start,
        hit.char_end,
        quote.strip(),
        hit.file_type,
    )


def _coverage(question_terms: set[str], text: str) -> float:
    if not question_terms:
        return 0.0
    return len(question_terms & set(index_terms(text))) / len(question_terms)


def _extractive(question: str, hits: list[SearchHit], script: Script) -> tuple[str, list[Citation]]:
    """Pick the sentences that cover most of the question's terms, from the best passages."""
    weights = {t.term: t.weight for t in query_terms(question)}
    # Answer from passages in the asker's language when there are any; otherwise from whatever matched.
    wants_chinese = script != Script.ENGLISH
    same_language = [
        h for h in hits[:PASSAGES] if h.language == "mixed" or h.language.startswith("zh") == wants_chinese
    ]
    sentences = []
    for rank, hit in enumerate(hits[:PASSAGES]):
        if same_language and hit not in same_language:
            continue
        heading: set[str] = set()  # terms of the heading or question the current lines answer
        for start, end in _answer_spans(hit.text):
            check_time_limit()
            sentence = hit.text[start:end].strip()
            pairs = row_pairs(sentence) if hit.file_type == "xlsx" else None
            if pairs is not None:
                # A table row is read out, and scored, as a sentence in the asker's language: scored on all its
                # cells, a bilingual row would also match the question's translated terms and outrank prose.
                if reading := row_sentence(pairs, chinese=wants_chinese):
                    sentences.append((rank, start, reading, hit, set(index_terms(reading))))
                continue
            if sentence.startswith("#") or is_lead_in(sentence):
                # Lines under a heading or a question are read with it, as a person reads them.
                heading = set(index_terms(sentence.lstrip("#")))
                continue
            if not MIN_SENTENCE_UNITS <= text_units(sentence) <= MAX_SENTENCE_UNITS:
                continue
            sentences.append((rank, start, sentence, hit, set(index_terms(sentence)) | heading))
    # A term found in most candidate sentences tells them apart less than a rare one ("licence" vs "hawker").
    frequency: dict[str, int] = {}
    for *_unused, terms in sentences:
        for term in terms & weights.keys():
            frequency[term] = frequency.get(term, 0) + 1
    candidates = []
    for rank, start, sentence, hit, terms in sentences:
        score = sum(weights[t] * math.log(1 + len(sentences) / frequency[t]) for t in terms & weights.keys())
        if score > 0:
            candidates.append((score / (1 + 0.15 * rank), rank, start, sentence, hit))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    best = candidates[:MAX_SENTENCES]
    # A sentence much weaker than the best one is noise; keep the answer tight.
    best = [c for c in best if c[0] >= 0.5 * best[0][0]] if best else []
    best.sort(key=lambda c: (c[1], c[2]))  # in document order, best passage first
    numbers: dict[int, int] = {}
    citations: list[Citation] = []
    parts = []
    for _score, _rank, _start, sentence, hit in best:
        if hit.chunk_id not in numbers:
            numbers[hit.chunk_id] = len(numbers) + 1
            citations.append(_citation(numbers[hit.chunk_id], hit, hit.text))
        parts.append(f"{convert_script(sentence, script)} [{numbers[hit.chunk_id]}]")
    joiner = " " if script == Script.ENGLISH else ""
    return joiner.join(parts), citations


def _passages_block(hits: list[SearchHit]) -> str:
    return "\n\n".join(
        f"[{n}] ({hit.title}, page {hit.page}) {' '.join(hit.text.split())}"
        for n, hit in enumerate(hits, start=1)
    )


def _generative(
    *, actor, question: str, hits: list[SearchHit], script: Script
) -> tuple[str, list[Citation], bool]:
    language = {
        Script.ENGLISH: "English",
        Script.TRADITIONAL: "Traditional Chinese as written in Hong Kong",
        Script.SIMPLIFIED: "Simplified Chinese",
    }[script]
    messages = [
        {"role": "system", "content": llm.prompt("cited_answer.md").format(language=language)},
        {"role": "user", "content": f"Question: {question}\n\nPassages:\n{_passages_block(hits)}"},
    ]
    result = llm.chat(
        actor=actor, flow="assistant.answer", messages=messages, chunks=[h.chunk_id for h in hits]
    )
    text = result.text.strip()
    if not text or text.startswith("NOT_FOUND"):
        return "", [], False
    text = convert_script(text, script)
    grounded, cited = grounding.check(text, {n: hit.text for n, hit in enumerate(hits, start=1)})
    citations = [_citation(n, hits[n - 1], hits[n - 1].text) for n in sorted(cited)]
    return text, citations, grounded


@within_time_limit("AIPLUS_ANSWER_TIME_LIMIT_SECONDS")
def answer_question(
    *,
    actor,
    question: str,
    collections: list[Collection] | None = None,
    filters: SearchFilters = SearchFilters(),
    channel: str = "",
) -> Answer:
    started = time.monotonic()
    question = clean_text("question", question)
    script = detect_script(question)
    faq_collections, collections = _split_faq(actor, collections)
    if faq_collections:
        answer = _faq_answer(actor=actor, question=question, collections=faq_collections, script=script)
        if answer.answered or not collections:
            _record(actor, question, answer, [c.slug for c in faq_collections], started, channel)
            return answer
    hits = search(actor=actor, query=question, collections=collections, k=PASSAGES, filters=filters)
    own_terms = set(index_terms(question))
    found = bool(hits) and max(_coverage(own_terms, h.text) for h in hits[:3]) >= MIN_COVERAGE
    engine, model, grounded = "extractive", "", False
    text, citations = "", []
    if found and llm.chat_configured():
        try:
            text, citations, grounded = _generative(actor=actor, question=question, hits=hits, script=script)
            engine, model = "generative", settings.AIPLUS_LLM_MODEL
            found = bool(text)
        except AiplusError:
            logger.warning("model unavailable; answering extractively")
    if found and engine == "extractive":
        text, citations = _extractive(question, hits, script)
        grounded = bool(citations)
        found = bool(text)
    if not found:
        text, citations, grounded = _not_found_text(script), [], False
    confidence = max((_coverage(own_terms, h.text) for h in hits[:3]), default=0.0) if found else 0.0
    answer = Answer(text, citations, engine, grounded, found, str(script), hits, found, confidence)
    _record(actor, question, answer, sorted({h.collection for h in hits}), started, channel, model)
    return answer


def _record(
    actor, question: str, answer: Answer, collections, started: float, channel: str, model=""
) -> None:
    AnswerRecord.objects.create(
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        question=question,
        collections=list(collections),
        chunk_ids=[c.chunk_id for c in answer.citations],
        engine=answer.engine,
        model=model,
        grounded=answer.grounded,
        found=answer.found,
        milliseconds=int((time.monotonic() - started) * 1000),
        channel=channel,
    )


def _split_faq(actor, collections):
    """The FAQ and forms collections among those asked (each readable by the actor), and the others (None:
    every collection, as before). Asked for every collection, documents are searched: FAQ entries are
    passages there too."""
    if collections is None:
        return [], None
    from aiplus.faq.services import is_faq

    visible = set(
        collections_visible_to(actor).filter(pk__in=[c.pk for c in collections]).values_list("pk", flat=True)
    )
    faq = [c for c in collections if is_faq(c) and c.pk in visible]
    return faq, [c for c in collections if not is_faq(c)]


def _faq_answer(*, actor, question: str, collections: list[Collection], script: Script) -> Answer:
    """The matched entry's answer, citing the entry (``source_id`` is its id); a decline below the threshold."""
    from aiplus.faq.services import faq_match

    match = faq_match(question=question, collections=collections, actor=actor)
    citations = [
        Citation(
            number,
            hit.entry_id,
            hit.document_id,
            hit.question,
            hit.collection,
            hit.page,
            hit.chunk_id,
            0,
            len(hit.answer),
            hit.answer,
            "faq",
        )
        for number, hit in enumerate(match.hits, start=1)
    ]
    return Answer(
        match.answer,
        citations,
        "faq",
        match.answered,
        match.answered,
        str(script),
        [],
        match.answered,
        match.confidence,
    )
