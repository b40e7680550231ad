"""Minutes written by a model through the OpenAI-compatible endpoint, checked against the transcript.

A long meeting goes to the model in parts of about ``PART_WORDS`` words; each part gives points per item,
decisions and actions, each citing segment numbers and quoting the words it rests on. An entry is kept
only when its segments exist and the quote is found in one of them, or, when the minutes are in the
spoken language, the entry shares enough terms with what it cites (the check chat answers pass). The
summary paragraph is then written from the kept points and must cite them. Anything dropped marks the
minutes as not fully grounded.
"""

import json
import logging
import re
from datetime import date

from aiplus.core.language import Script, convert_script, phrase_pairs, word_count
from aiplus.llm import grounding
from aiplus.llm import services as llm
from aiplus.meetings.minutes import ActionItem, Decision, Item, Minutes, Point
from aiplus.meetings.transcript import Segment, Transcript

logger = logging.getLogger("aiplus.meetings")

PART_WORDS = 4000
# Share of a quote's phrases that must be found in a cited segment.
QUOTE_MATCH = 0.75

_LANGUAGE_NAMES = {
    "en": "English",
    "zh-Hant": "Traditional Chinese as written in Hong Kong (formal written Chinese, not Cantonese)",
    "both": "English, followed on a new line by the same in Traditional Chinese as written in Hong Kong",
}


def parts(segments: list[Segment], words: int | None = None) -> list[list[Segment]]:
    """Consecutive runs of segments of about ``words`` (default ``PART_WORDS``) words each, never splitting
    a segment."""
    words = words or PART_WORDS
    out: list[list[Segment]] = [[]]
    count = 0
    for segment in segments:
        size = word_count(segment.text)
        if out[-1] and count + size > words:
            out.append([])
            count = 0
        out[-1].append(segment)
        count += size
    return [part for part in out if part]


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(seconds)
    return f" ({seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d})"


def _numbered(part: list[Segment]) -> str:
    return "\n".join(
        f"[{s.index}] {s.speaker or '?'}{_clock(s.start)}: {' '.join(s.text.split())}" for s in part
    )


def _json_object(text: str) -> dict:
    """The first JSON object in a reply (models wrap JSON in code fences or prose)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the reply")
    data = json.loads(text[start : end + 1])
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    return data


class _Checker:
    """Decides whether a generated entry rests on the segments it cites."""

    def __init__(self, segments: list[Segment], same_language: bool):
        self.text = {s.index: s.text for s in segments}
        self.same_language = same_language
        self.dropped = 0

    def evidence(self, entry: dict) -> list[int] | None:
        raw = entry.get("evidence")
        numbers = [n for n in raw if isinstance(n, int)] if isinstance(raw, list) else []
        if not numbers or any(n not in self.text for n in numbers):
            return self._drop(entry, "cites segments that do not exist")
        cited = [self.text[n] for n in numbers]
        quote = str(entry.get("quote") or "")
        if quote and any(_quoted(quote, text) for text in cited):
            return sorted(set(numbers))
        claim = " ".join(str(entry.get(key) or "") for key in ("text", "task"))
        if self.same_language and grounding.supported(claim, cited):
            return sorted(set(numbers))
        return self._drop(entry, "is not supported by the segments it cites")

    def _drop(self, entry: dict, reason: str) -> None:
        self.dropped += 1
        logger.info("generated minutes entry dropped: %s: %r", reason, entry)
        return None


def _quoted(quote: str, text: str) -> bool:
    wanted = phrase_pairs(quote)
    return bool(wanted) and len(wanted & phrase_pairs(text)) >= QUOTE_MATCH * len(wanted)


def _script(text: str, language: str) -> str:
    return convert_script(text, Script.TRADITIONAL) if language == "zh-Hant" else text


def generative_minutes(
    transcript: Transcript,
    *,
    actor,
    agenda: list[str] | None,
    template: str,
    language: str,
    meeting_date: date | None,
    title: str,
    attendees: list[str],
    resolve_due,
    spoken_english: bool,
    progress=None,
) -> Minutes:
    """Minutes by the configured model; raises AiplusError(MODEL_UNAVAILABLE) or ValueError when the model
    fails or answers with something that is not the JSON asked for, so the caller can fall back."""
    same_language = (language == "en") == spoken_english and language != "both"
    checker = _Checker(transcript.segments, same_language)
    agenda_rule = (
        "Put each point under the agenda item it belongs to, using exactly these titles: "
        + "; ".join(agenda)
        + ". Leave out items nobody discussed."
        if agenda
        else "Group the points into a few items by topic, each with a short title."
    )
    system = llm.prompt("minutes_part.md").format(language=_LANGUAGE_NAMES[language], agenda_rule=agenda_rule)
    items: dict[str, Item] = {title: Item(title=title) for title in agenda or []}
    chunks = parts(transcript.segments)
    for number, part in enumerate(chunks, start=1):
        reply = llm.chat(
            actor=actor,
            flow="meetings.minutes",
            messages=[{"role": "system", "content": system}, {"role": "user", "content": _numbered(part)}],
            part=number,
            parts=len(chunks),
        )
        data = _json_object(reply.text)
        _collect(data, items, checker, language, meeting_date, resolve_due)
        if progress:
            progress(number, len(chunks) + 1)
    kept = [item for item in items.values() if item.points or item.decisions or item.actions]
    summary = _summary(actor, kept, language, checker)
    if progress:
        progress(len(chunks) + 1, len(chunks) + 1)
    return Minutes(
        title=title,
        date=meeting_date.isoformat() if meeting_date else None,
        template=template,
        language=language,
        engine="generative",
        grounded=checker.dropped == 0,
        attendees=attendees,
        summary=summary,
        items=kept,
    )


def _collect(
    data: dict, items: dict[str, Item], checker: _Checker, language, meeting_date, resolve_due
) -> None:
    default = next(iter(items.values()), None)
    for raw_item in data.get("items") or []:
        if not isinstance(raw_item, dict):
            continue
        title = _script(str(raw_item.get("title") or "").strip(), language) or "—"
        item = items.setdefault(title, Item(title=title))
        default = default or item
        for point in raw_item.get("points") or []:
            if isinstance(point, dict) and (evidence := checker.evidence(point)):
                item.points.append(Point(_script(str(point.get("text", "")).strip(), language), evidence))
    if default is None:
        default = items.setdefault("—", Item(title="—"))
    for raw in data.get("decisions") or []:
        if isinstance(raw, dict) and (evidence := checker.evidence(raw)):
            _item_for(items, evidence, default).decisions.append(
                Decision(_script(str(raw.get("text", "")).strip(), language), evidence)
            )
    for raw in data.get("actions") or []:
        if isinstance(raw, dict) and (evidence := checker.evidence(raw)):
            due_text = str(raw.get("due") or "").strip()
            _item_for(items, evidence, default).actions.append(
                ActionItem(
                    owner=str(raw.get("owner") or "").strip(),
                    task=_script(str(raw.get("task", "")).strip(), language),
                    due=resolve_due(due_text, meeting_date) if due_text else None,
                    due_text=due_text,
                    evidence=evidence,
                )
            )


def _item_for(items: dict[str, Item], evidence: list[int], default: Item) -> Item:
    """The item whose points are nearest before the entry's first segment."""
    first = evidence[0]
    best, best_at = default, -1
    for item in items.values():
        for point in item.points:
            at = point.evidence[0]
            if best_at < at <= first:
                best, best_at = item, at
    return best


def _summary(actor, items: list[Item], language: str, checker: _Checker) -> str:
    lines = [
        f"- {entry.text} " + "".join(f"[{n}]" for n in entry.evidence)
        for item in items
        for entry in [*item.points, *item.decisions]
    ]
    if not lines:
        return ""
    reply = llm.chat(
        actor=actor,
        flow="meetings.summary",
        messages=[
            {
                "role": "system",
                "content": llm.prompt("minutes_summary.md").format(language=_LANGUAGE_NAMES[language]),
            },
            {"role": "user", "content": "\n".join(lines)},
        ],
    )
    text = _script(reply.text.strip(), language)
    noted = {n for item in items for entry in [*item.points, *item.decisions] for n in entry.evidence}
    if checker.same_language:
        grounded, _ = grounding.check(text, {n: checker.text[n] for n in noted})
    else:  # across languages, terms cannot be compared: every citation must be one of the noted points'
        cited = {int(n) for n in grounding.CITATION_RE.findall(text)}
        grounded = bool(cited) and cited <= noted
    if not grounded:
        checker.dropped += 1
        logger.info("generated summary not grounded; using the noted points instead")
        return " ".join(re.sub(r"\s+", " ", line[2:]) for line in lines[:6])
    return text
