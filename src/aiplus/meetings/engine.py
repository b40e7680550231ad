"""The extractive minutes engine, used when no model is configured: organise the discussion by agenda item
(or by topic when there is no agenda), pick each item's key sentences, detect decisions and actions, and
write the whole-meeting summary in reported speech. Every point cites the segment it came from."""

import re
from datetime import date

from aiplus.core.language import has_han, index_terms
from aiplus.meetings import actions as action_detection
from aiplus.meetings.minutes import Item, Minutes, Point
from aiplus.meetings.narrate import narrate, written_chinese
from aiplus.meetings.roles import Role, Roles, default_roles
from aiplus.meetings.summarise import (
    Sentence,
    key_sentences,
    keyphrases,
    proper_words,
    sentences,
    topic_boundaries,
)
from aiplus.meetings.transcript import Transcript

# Summary length: about this many words of key sentences (a Han character counts as a word, and Chinese
# needs about twice as many characters as English needs words).
SUMMARY_WORDS = {"en": 90, "zh": 180}
ITEM_WORDS = {"en": 60, "zh": 120}

_NUMBERING_RE = re.compile(
    r"^\s*(?:(?:item|agenda item)\s*)?(?:[-*•]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]+[.)]|"
    r"第?[一二三四五六七八九十]+[項、.]|[（(][一二三四五六七八九十]+[）)])\s*[:：]?\s*",
    re.I,
)
_AGENDA_HEADING_RE = re.compile(r"^(agenda|議程|會議議程)\s*[:：]?$", re.I)


def parse_agenda(text: str) -> list[str]:
    """Agenda items from a text: one per line, numbering and bullets removed, a heading line skipped."""
    items = []
    for line in text.splitlines():
        line = line.strip()
        if not line or _AGENDA_HEADING_RE.match(line):
            continue
        item = _NUMBERING_RE.sub("", line, count=1).strip()
        if item:
            items.append(item)
    return items


def align_to_agenda(items: list[Sentence], agenda: list[str]) -> list[int]:
    """The first sentence of each agenda item's discussion, assuming the meeting takes items in order.

    Each sentence scores its share of terms with each item; a dynamic programme finds the split into
    consecutive stretches, one per item, with the highest total. An item nobody spoke about gets an
    empty stretch.
    """
    n, k = len(items), len(agenda)
    if k <= 1 or not n:
        return [0] * max(k, 1)
    agenda_terms = [set(index_terms(item)) for item in agenda]
    score = [[_overlap(sentence.terms, terms) for terms in agenda_terms] for sentence in items]
    # prefix[j][i]: total score of sentences [0, i) for item j.
    prefix = [[0.0] * (n + 1) for _ in range(k)]
    for j in range(k):
        for i in range(n):
            prefix[j][i + 1] = prefix[j][i] + score[i][j]
    # best[j][i]: best total when items 0..j cover sentences [0, i).
    best = [[0.0] * (n + 1) for _ in range(k)]
    back = [[0] * (n + 1) for _ in range(k)]
    for i in range(n + 1):
        best[0][i] = prefix[0][i]
    for j in range(1, k):
        running, arg = -1.0, 0
        for i in range(n + 1):
            # the split point s <= i maximising best[j-1][s] - prefix[j][s]
            candidate = best[j - 1][i] - prefix[j][i]
            if candidate > running:
                running, arg = candidate, i
            best[j][i] = running + prefix[j][i]
            back[j][i] = arg
    starts = [0] * k
    end = n
    for j in range(k - 1, 0, -1):
        starts[j] = back[j][end]
        end = starts[j]
    return starts


def _overlap(terms, agenda_terms: set[str]) -> float:
    if not agenda_terms or not terms:
        return 0.0
    return sum(1 for term in terms if term in agenda_terms) / len(agenda_terms)


def _mostly_chinese(items: list[Sentence]) -> bool:
    chinese = sum(s.words for s in items if s.chinese)
    return chinese * 2 > sum(s.words for s in items)


def _written(text: str, language: str) -> str:
    return written_chinese(text) if language == "zh-Hant" and has_han(text) else text


def _prose(lines: list[tuple[str, str]], language: str, names: frozenset[str], roles: Roles) -> str:
    languages = ("en", "zh-Hant") if language == "both" else (language,)
    parts = [narrate(lines, language=lang, names=names, roles=roles) for lang in languages]
    return "\n\n".join(part for part in parts if part)


def extractive_minutes(
    transcript: Transcript,
    *,
    agenda: list[str] | None = None,
    template: str = "general",
    language: str = "en",
    meeting_date: date | None = None,
    title: str = "",
    attendees: list[str] | None = None,
    roles: list[Role] | None = None,
) -> Minutes:
    """Minutes of a transcript with no model: see the module docstring. ``roles`` are the department's
    (government defaults when None): speakers labelled by one are "the Chair", "主席", never a topic."""
    known_roles = Roles(default_roles() if roles is None else roles)
    items = sentences(transcript.segments)
    scale = "zh" if _mostly_chinese(items) else "en"
    if agenda:
        starts = align_to_agenda(items, agenda)
        titles = list(agenda)
    else:
        starts = topic_boundaries(items)
        titles = []
    bounds = [*starts[1:], len(items)]
    people = list(dict.fromkeys([*(attendees or []), *transcript.speakers]))
    names = proper_words(items) | frozenset(people)
    decisions, actions = action_detection.detect(
        transcript.segments, meeting_date=meeting_date, attendees=people
    )

    minutes_items = []
    for number, (start, end) in enumerate(zip(starts, bounds, strict=True)):
        stretch = range(start, end)
        if titles:
            item_title = titles[number]
        else:
            phrases = keyphrases(items, k=3, within=stretch, roles=known_roles)
            item_title = _written(" / ".join(phrases), language) if phrases else f"{number + 1}"
        chosen = key_sentences(items, budget=ITEM_WORDS[scale], within=stretch) if stretch else []
        segment_range = (items[start].segment, items[end - 1].segment) if stretch else None
        minutes_items.append(
            Item(
                title=item_title,
                summary=_prose(
                    [(items[i].speaker, items[i].text) for i in chosen], language, names, known_roles
                ),
                points=[Point(_written(items[i].text, language), [items[i].segment]) for i in chosen],
                segments=segment_range,
            )
        )
    _place(minutes_items, decisions, "decisions")
    _place(minutes_items, actions, "actions")

    chosen = key_sentences(items, budget=SUMMARY_WORDS[scale])
    return Minutes(
        title=title,
        date=meeting_date.isoformat() if meeting_date else None,
        template=template,
        language=language,
        engine="extractive",
        attendees=people,
        summary=_prose([(items[i].speaker, items[i].text) for i in chosen], language, names, known_roles),
        items=minutes_items,
    )


def _place(minutes_items: list[Item], found: list, field: str) -> None:
    """Put each decision or action under the item whose discussion holds its first evidence."""
    for entry in found:
        first = min(entry.evidence) if entry.evidence else 0
        target = minutes_items[0]
        for item in minutes_items:
            if item.segments and item.segments[0] <= first:
                target = item
        getattr(target, field).append(entry)
