"""Summaries of a document, each sentence citing where in the document it came from.

Without a model the summary is extractive, in the document's own words and language: sentences scored by
their TF-IDF likeness to the whole document (over the bilingual index terms of ``core.language``) with a
small lead bonus, then picked by maximal marginal relevance so that no two say the same thing. The meetings
summariser (``meetings.summarise.key_sentences``) is not reused here: its sentence bounds count spoken
words (a Han character as a word, at most 45, which leaves out most written Chinese sentences) and it
weighs down a meeting's procedure; a written document needs neither.

With a model, the document goes in parts of about ``PART_WORDS`` words, each sentence numbered; every
generated sentence must cite the numbers it rests on and pass the grounding check that answers pass
(``llm.grounding.supported``); one that does not is removed. The parts' sentences are merged by the same
redundancy control. A summary asked in another language than the document's cannot be checked by shared
terms: its sentences are kept and flagged as unchecked.
"""

import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from aiplus.assistant.flags import WITHHELD, instruction_reason
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import Script, detect_script, index_terms, sentence_spans
from aiplus.llm import grounding
from aiplus.llm import services as llm
from aiplus.meetings.generative import parts as parts_of
from aiplus.pilot.prompts import fenced, prompt
from aiplus.pilot.script import in_script
from aiplus.pilot.sources import SourcePages, SourceSentence, instruction_flags, sentences_of

logger = logging.getLogger("aiplus.pilot")

LENGTHS = {"brief": 3, "standard": 6, "detailed": 12}  # sentences at most
STYLES = ("bullets", "prose")
LANGUAGES = ("en", "zh-Hant", "zh-Hans")
PART_WORDS = 2500
# Chosen before any benchmark run and not tuned: how much relevance counts against redundancy, and the
# bonus of a document's first sentences (officials put the point of a notice first).
MMR_RELEVANCE = 0.7
LEAD_BONUS = 0.1
MIN_WORDS, MAX_WORDS = 4, 120  # a Han character counts as a word
LANGUAGE_NAMES = {
    "en": "English",
    "zh-Hant": "Traditional Chinese as written in Hong Kong",
    "zh-Hans": "Simplified Chinese",
}
Progress = Callable[[int, int], None]


@dataclass
class SummarySentence:
    text: str
    cites: list[dict]  # SourceSentence.where() of each sentence it rests on
    checked: bool = True  # False: in another language than its source, so not checked by shared terms

    def as_dict(self) -> dict:
        return {"text": self.text, "cites": self.cites, "checked": self.checked}


@dataclass
class Summary:
    sentences: list[SummarySentence]
    engine: str  # extractive or model
    language: str
    length: str
    style: str
    notices: list[str] = field(default_factory=list)
    removed: int = 0  # generated sentences the grounding check removed
    flags: list[dict] = field(default_factory=list)  # sentences that read as instructions (instruction_flags)

    def as_dict(self) -> dict:
        sentences = [s.as_dict() for s in self.sentences]
        return {
            "sentences": sentences,
            "engine": self.engine,
            "language": self.language,
            "length": self.length,
            "style": self.style,
            "notices": self.notices,
            "removed": self.removed,
            "flags": self.flags,
            "text": summary_text(sentences, self.style),
        }


def cited_lines(sentences: list[dict]) -> list[str]:
    """Each summary sentence followed by its citations ("… 1 March. [p. 2 ¶ 5]")."""
    return [f"{s['text']} {cite_marks(s['cites'])}".strip() for s in sentences]


def summary_text(sentences: list[dict], style: str) -> str:
    """The summary as plain text: bullet lines, or one paragraph for ``prose``."""
    shown = cited_lines(sentences)
    if style == "prose":
        return " ".join(shown)
    return "\n".join(f"- {line}" for line in shown)


def cite_marks(cites: list[dict]) -> str:
    return "".join(f"[p. {c['page']} ¶ {c['paragraph']}]" for c in cites)


# --- choosing sentences --------------------------------------------------------------------------------


def _vectors(texts: list[str]) -> list[dict[str, float]]:
    counts = [Counter(index_terms(text)) for text in texts]
    frequency: Counter = Counter()
    for terms in counts:
        frequency.update(terms.keys())
    n = len(texts)
    idf = {term: math.log((n + 1) / (df + 0.5)) for term, df in frequency.items()}
    return [{term: (1 + math.log(c)) * idf[term] for term, c in terms.items()} for terms in counts]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def pick_sentences(texts: list[str], count: int) -> list[int]:
    """Indexes (in document order) of at most ``count`` texts that best stand for all of them: like the
    whole (cosine to the centroid, plus a lead bonus), unlike each other (maximal marginal relevance)."""
    vectors = _vectors(texts)
    centre: Counter = Counter()
    for vector in vectors:
        centre.update(vector)
    relevance = [_cosine(v, centre) + LEAD_BONUS / math.sqrt(1 + i) for i, v in enumerate(vectors)]
    chosen: list[int] = []
    left = [i for i, vector in enumerate(vectors) if vector]
    while left and len(chosen) < count:
        best = max(
            left,
            key=lambda i: (
                MMR_RELEVANCE * relevance[i]
                - (1 - MMR_RELEVANCE) * max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            ),
        )
        chosen.append(best)
        left.remove(best)
    return sorted(chosen)


def _candidates(items: list[SourceSentence]) -> list[SourceSentence]:
    """Sentences fit to stand in a summary: of readable length, ending as a sentence (not a heading or a
    list label), and not an instruction planted for an assistant."""
    pool = [
        s
        for s in items
        if MIN_WORDS <= s.words <= MAX_WORDS
        and s.text[-1] in '.。!！?？;；:：」)）"”'
        and not instruction_reason(s.text)
    ]
    return pool or [s for s in items if s.words >= MIN_WORDS and not instruction_reason(s.text)] or items


def _target(length: str, available: int) -> int:
    return max(1, min(LENGTHS[length], math.ceil(available / 2)))


def _script_of(items: list[SourceSentence]) -> Script:
    return detect_script(" ".join(s.text for s in items[:200]))


def _same_language(a: str, b: str) -> bool:
    return (a == "en") == (b == "en")


def extractive_summary(
    source: SourcePages, *, length: str = "standard", style: str = "bullets", language: str = ""
) -> Summary:
    """The document's key sentences as they are written, each citing its page, paragraph and offsets.
    Chinese is written in the asked script (OpenCC); another language needs a model, which a notice says."""
    items = sentences_of(source)
    script = _script_of(items)
    notices = []
    if language and not _same_language(language, script):
        notices.append(
            _(
                "Summaries in another language need a language model; this summary is in the document's language."
            )
        )
        language = ""
    language = language or str(script)
    pool = _candidates(items)
    chosen = [pool[i] for i in pick_sentences([s.text for s in pool], _target(length, len(pool)))]

    def shown(text: str) -> str:  # a quote stays exactly as written when the script is already right
        return text if language == str(script) else in_script(text, language)

    sentences = [SummarySentence(shown(s.text), [s.where()]) for s in chosen]
    return Summary(sentences, "extractive", language, length, style, notices)


# --- with a model ----------------------------------------------------------------------------------------


def numbered(part: list[SourceSentence]) -> str:
    """The part's sentences one a line as ``[n] text``, fenced as data; a sentence that reads as an instruction
    is withheld."""
    return fenced(
        "\n".join(f"[{s.number}] {WITHHELD if instruction_reason(s.text) else s.text}" for s in part)
    )


_AFTER_CITATIONS_RE = re.compile(r"((?:\[\d{1,5}\])+)[ \t]+(?=\S)")


def cited_pieces(text: str) -> list[str]:
    """The sentences of a model's reply, each with the citation marks that follow it ("… 3 May. [2]"): a
    sentence ends at a line break, at its end mark, or after its citations."""
    text = _AFTER_CITATIONS_RE.sub(lambda m: m.group(1) + "\n", text)
    pieces: list[str] = []
    for start, end in sentence_spans(text, lines=True):
        piece = text[start:end].strip().lstrip("-•* ").strip()
        if index_terms(grounding.CITATION_RE.sub("", piece)):
            pieces.append(piece)
        elif pieces:  # "…a year." then "[1]" on its own: the citation belongs to the sentence before it
            pieces[-1] += " " + piece
    return pieces


def generated_claims(
    text: str, by_number: dict[int, SourceSentence], *, check: bool
) -> tuple[list[SummarySentence], int]:
    """The sentences of a model's reply that cite existing source sentences and, when ``check``, are
    supported by them; and how many were removed."""
    kept, removed = [], 0
    for piece in cited_pieces(text):
        numbers = [int(n) for n in grounding.CITATION_RE.findall(piece)]
        cited = [by_number[n] for n in dict.fromkeys(numbers) if n in by_number]
        claim = grounding.CITATION_RE.sub("", piece).strip()
        if not cited or not claim or (check and not grounding.supported(claim, [s.text for s in cited])):
            removed += 1
            continue
        kept.append(SummarySentence(claim, [s.where() for s in cited], checked=check))
    return kept, removed


def model_summary(
    source: SourcePages,
    *,
    actor,
    length: str = "standard",
    style: str = "bullets",
    language: str = "",
    progress: Progress | None = None,
) -> Summary:
    """A summary written by the configured model from numbered sentences, part by part, each sentence
    checked against what it cites. Falls back to the extractive summary (saying so) when the model fails,
    the personal-data policy refuses the document, or no sentence survives the check."""
    items = sentences_of(source)
    script = str(_script_of(items))
    language = language or script
    check = _same_language(language, script)
    by_number = {s.number: s for s in items}
    parts = parts_of(items, PART_WORDS)
    count = LENGTHS[length]
    kept: list[SummarySentence] = []
    removed = 0
    system = prompt("summary_part.md").format(count=count, language=LANGUAGE_NAMES[language])
    try:
        for done, part in enumerate(parts, 1):
            reply = llm.chat(
                actor=actor,
                flow="pilot.summarise",
                messages=[
                    {"role": "system", "content": system},
                    {
                        "role": "user",
                        "content": f"Document\n{numbered(part)}\n\nQuestion: Summarise the document in {count} "
                        f"sentences at most.",
                    },
                ],
                part=done,
                parts=len(parts),
            )
            claims, dropped = generated_claims(reply.text, by_number, check=check)
            kept += claims
            removed += dropped
            if progress:
                progress(done, len(parts))
    except AiplusError as error:
        if error.code not in (ErrorCode.MODEL_UNAVAILABLE, ErrorCode.PERSONAL_DATA_BLOCKED):
            raise
        summary = extractive_summary(source, length=length, style=style, language=language)
        if error.code == ErrorCode.PERSONAL_DATA_BLOCKED:
            summary.notices.append(
                _(
                    "The document contains personal data (%(types)s), which your department does not send to "
                    "the language model, so this summary quotes the document."
                )
                % error.params
            )
        else:
            summary.notices.append(
                _("The language model did not answer, so this summary quotes the document.")
            )
        return summary
    if not kept:
        summary = extractive_summary(source, length=length, style=style, language=language)
        summary.notices.append(
            _(
                "No sentence the language model wrote was supported by the document, so this summary quotes it."
            )
        )
        summary.removed = removed
        return summary
    if len(kept) > count:  # parts merged: the most representative, least repetitive sentences
        kept = [kept[i] for i in pick_sentences([s.text for s in kept], count)]
    if language != "en":
        for sentence in kept:
            sentence.text = in_script(sentence.text, language)
    notices = (
        [_("%(count)s sentences the document does not support were removed.") % {"count": removed}]
        if removed
        else []
    )
    logger.info("model summary parts=%s kept=%s removed=%s", len(parts), len(kept), removed)
    return Summary(kept, "model", language, length, style, notices, removed)


def summarise(
    source: SourcePages,
    *,
    actor,
    length: str = "standard",
    style: str = "bullets",
    language: str = "",
    progress: Progress | None = None,
) -> Summary:
    """The summary of a source: by the actor's model when one is configured, otherwise extractive."""
    if length not in LENGTHS:
        raise AiplusError(ErrorCode.INVALID, detail=f"length {length!r}")
    if style not in STYLES:
        raise AiplusError(ErrorCode.INVALID, detail=f"style {style!r}")
    if language and language not in LANGUAGES:
        raise AiplusError(ErrorCode.INVALID, detail=f"language {language!r}")
    if llm.chat_configured(actor):
        summary = model_summary(
            source, actor=actor, length=length, style=style, language=language, progress=progress
        )
    else:
        summary = extractive_summary(source, length=length, style=style, language=language)
    summary.flags = instruction_flags(source)
    return summary
