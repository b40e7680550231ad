"""What goes into a brief, chosen from the releases without a model.

- Releases are ranked by the signals they carry (amounts, counts, dates, procurement, adoption and forum
  events; cue patterns in ``data/signal_cues.tsv``), how many known agencies and vendors they name, and how
  well they match the topic asked for.
- The headline is the title of the top release; the summary is the lead sentence of the top releases, each
  citing its release.
- Key signals are the sentences that show the most kinds of cue, at most one from a release while others
  remain, and never one that repeats a chosen sentence's terms (redundancy control).
- The quote is the first quotation with a known speaker in the top releases.
- Agencies, vendors and locations are ranked by how many releases name them.

Sentences that read as instructions to an assistant are never chosen.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from aiplus.assistant.flags import instruction_reason
from aiplus.briefs.recognise import AGENCY, KINDS, VENDOR, Entity, Recogniser, data_rows
from aiplus.briefs.releases import Release
from aiplus.core.language import index_terms

SUMMARY_SENTENCES = 3
MIN_SIGNALS, MAX_SIGNALS = 3, 5
# Two sentences sharing this share of the smaller one's terms say the same thing.
REDUNDANT_SHARE = 0.5
MIN_SIGNAL_TERMS = 4
TOP_ENTITIES = 10


@cache
def _cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (kind.strip(), re.compile(pattern.strip(), re.IGNORECASE))
        for kind, pattern in data_rows("signal_cues.tsv")
    )


def cue_kinds(sentence: str) -> list[str]:
    """The kinds of signal a sentence shows (amount, count, date, procurement, adoption, forum)."""
    kinds: list[str] = []
    for kind, pattern in _cues():
        if kind not in kinds and pattern.search(sentence):
            kinds.append(kind)
    return kinds


@dataclass
class Signal:
    text: str
    source: int
    kinds: list[str]


@dataclass
class Ranked:
    entity: Entity
    releases: int


def _redundant(terms: set[str], chosen: list[set[str]]) -> bool:
    return any(len(terms & other) >= REDUNDANT_SHARE * min(len(terms), len(other)) for other in chosen)


def _usable(sentence: str) -> bool:
    return len(index_terms(sentence)) >= MIN_SIGNAL_TERMS and not instruction_reason(sentence)


def _is_lead(sentence: str) -> bool:
    """A sentence that can open a summary: not a quotation, and not a line that introduces what follows
    ("Following is a question … :")."""
    return (
        _usable(sentence) and not sentence.startswith(("“", "「", '"')) and not sentence.endswith((":", "："))
    )


def release_score(release: Release, named: dict[str, list[Entity]], query_terms: set[str]) -> float:
    signal = sum(len(cue_kinds(s)) for s in release.sentences[:8])
    entities = len(named[AGENCY]) + len(named[VENDOR])
    topic = len(query_terms & release.terms) / len(query_terms) if query_terms else 0.0
    return signal + entities + 5 * topic


def rank_releases(
    releases: list[Release], named: dict[int, dict[str, list[Entity]]], query: str
) -> list[Release]:
    """The releases best to lead with first; ties go to the newer release."""
    query_terms = set(index_terms(query))
    return sorted(
        releases,
        key=lambda r: (release_score(r, named[r.number], query_terms), r.date.toordinal() if r.date else 0),
        reverse=True,
    )


def summary(ranked: list[Release], language: str) -> list[dict]:
    """The lead sentence of each top release in the brief's language, each citing its release."""
    preferred = [r for r in ranked if r.language == language] or ranked
    lines: list[dict] = []
    chosen: list[set[str]] = []
    for release in preferred:
        lead = next((s for s in release.sentences if _is_lead(s)), None)
        if lead is None:
            continue
        terms = set(index_terms(lead))
        if _redundant(terms, chosen):
            continue
        chosen.append(terms)
        lines.append({"text": lead, "sources": [release.number]})
        if len(lines) == SUMMARY_SENTENCES:
            break
    return lines


def key_signals(ranked: list[Release], language: str, already: list[str]) -> list[Signal]:
    """Three to five sentences with the most kinds of signal, spread over releases, none repeating another
    or a summary sentence."""
    preferred = [r for r in ranked if r.language == language] or ranked
    candidates = []
    for order, release in enumerate(preferred):
        for position, sentence in enumerate(release.sentences):
            kinds = cue_kinds(sentence)
            if kinds and _usable(sentence) and sentence not in already:
                candidates.append((len(kinds), -order, -position, Signal(sentence, release.number, kinds)))
    candidates.sort(key=lambda c: c[:3], reverse=True)
    chosen: list[Signal] = []
    chosen_terms = [set(index_terms(text)) for text in already]
    used_sources: set[int] = set()
    for strict in (True, False):  # first one sentence a release, then any release
        for *_key, signal in candidates:
            if len(chosen) == MAX_SIGNALS:
                break
            if signal in chosen or (strict and signal.source in used_sources):
                continue
            terms = set(index_terms(signal.text))
            if _redundant(terms, chosen_terms):
                continue
            chosen.append(signal)
            chosen_terms.append(terms)
            used_sources.add(signal.source)
    return chosen[:MAX_SIGNALS]


def quote(ranked: list[Release], language: str) -> dict | None:
    preferred = [r for r in ranked if r.language == language] + [r for r in ranked if r.language != language]
    for release in preferred:
        for found in release.quotes:
            if found.speaker and not instruction_reason(found.text):
                return {"text": found.text, "speaker": found.speaker, "source": release.number}
    return None


def ranked_entities(
    releases: list[Release], named: dict[int, dict[str, list[Entity]]]
) -> dict[str, list[Ranked]]:
    """Agencies, vendors and locations, each ranked by how many releases name it (then by name)."""
    out: dict[str, list[Ranked]] = {}
    for kind in KINDS:
        counts: Counter[Entity] = Counter()
        for release in releases:
            counts.update(named[release.number][kind])
        ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].name_en))
        out[kind] = [Ranked(entity, count) for entity, count in ordered[:TOP_ENTITIES]]
    return out


def named_entities(releases: list[Release], recogniser: Recogniser) -> dict[int, dict[str, list[Entity]]]:
    """What each release (by its number) names, read from its title and body."""
    return {r.number: recogniser.entities(r.title + "\n" + r.text) for r in releases}
