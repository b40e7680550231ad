"""The chair's summing-up, which repeats actions and lends them deadlines, and the date of the next
meeting, which "before the next meeting" takes."""

import datetime
import re

from aiplus.core.language import has_han, split_sentences
from aiplus.meetings.actions.candidates import Candidate, attach_due, unresolved
from aiplus.meetings.actions.chinese import zh_owner_at
from aiplus.meetings.actions.context import Context, piece_due
from aiplus.meetings.actions.cues import strip_lead
from aiplus.meetings.actions.english import leading_owner
from aiplus.meetings.actions.people import NAMED, Owner, owner_of
from aiplus.meetings.actions.similarity import overlap
from aiplus.meetings.actions.tables import pattern
from aiplus.meetings.actions.tasks import task_substance, tidy_task
from aiplus.meetings.dates import Due, find_due
from aiplus.meetings.transcript import Segment


def date_next_meeting(
    candidates: list[Candidate], texts: list[str], meeting_date: datetime.date | None
) -> None:
    """ "Before the next meeting" / 下次會議前 takes the date of the next meeting when the meeting says it
    ("下次會議定於五月六日", "the next meeting." - "That's the ninth of June.")."""
    if meeting_date is None or not any(c.due and c.due.date is None for c in candidates):
        return
    when = None
    for position, text in enumerate(texts):
        for sentence in split_sentences(text):
            mention = pattern("next_meeting").search(sentence)
            if not mention:
                continue
            rest = sentence[mention.end() :]
            due = find_due(rest, meeting_date=meeting_date)
            if due is None and position + 1 < len(texts):
                follow = re.match(r"^\s*(?:which is|that's|that is|即係|即)\s+", texts[position + 1], re.I)
                if follow and not sentence.rstrip().endswith("?"):
                    rest = texts[position + 1][follow.end() :]
                    due = find_due(rest, meeting_date=meeting_date)
            if due and due.date and due.date > meeting_date and pattern("is").match(rest[: due.start]):
                when = due.date
    if when is None:
        return
    for candidate in candidates:
        if (
            candidate.due
            and candidate.due.date is None
            and pattern("next_meeting").search(candidate.due.text)
        ):
            candidate.due = Due(candidate.due.text, when, candidate.due.start, candidate.due.end)


def _recap_owner(clause: str, context: Context, first: bool) -> tuple[Owner, str] | None:
    """The person a recap clause opens with ("Olivia, the bookings...", "阿俊聽日覆會議室"), and the rest. A body
    (各組, 秘書處) counts only opening an item: later it is what the item is about ("體育館 confirm 咗")."""
    if has_han(clause):
        known = context.people.match_at(clause, 0)
        label = context.people.label(known.group()) if known else None
        if label:
            return Owner(NAMED, label), clause[known.end() :]
        found = zh_owner_at(clause, 0, context)
        if first and found and found[0].kind == NAMED and found[1] <= 5:
            return found[0], clause[found[1] :]
        return None
    whole = owner_of(clause, context.people)
    if whole and whole.kind == NAMED:
        return whole, ""
    found = leading_owner(clause, context.people)
    if found and found[0].kind == NAMED:
        return found
    return None


def recap_sentence(
    candidates: list[Candidate], sentence: str, context: Context, segment: Segment, position: int
) -> None:
    """A sentence of the chair's summing-up. Its items name an owner and what they do, often in a word
    or two ("Jason, the leave summary by the twentieth", "阿俊聽日覆會議室"): each joins the action of
    that owner it repeats, lending it a deadline it lacked; an item that repeats nothing is a new action."""
    owner: Owner | None = context.vocative
    for clause in re.split(r"[，,、:：]\s*|\s+and\s+(?=[a-z])", sentence):
        clause = pattern("recap_join").sub("", strip_lead(clause.strip())).strip()
        if not clause:
            continue
        found = _recap_owner(clause, context, owner is None)
        if found:
            owner, clause = found[0], pattern("recap_modal").sub("", found[1].strip(" ,，")).strip()
        if owner is None or not clause:
            continue
        text, due = piece_due(clause, context)
        task = tidy_task(text)
        if task_substance(task) == 0:
            if due is not None:
                attach_due(candidates, due, position, segment, owner)
            continue
        same = [
            c
            for c in candidates
            if c.segment >= context.recap_from
            and not c.cancelled
            and (
                (c.owner.kind == NAMED and c.owner.name.lower() == owner.name.lower()) or unresolved(c.owner)
            )
        ]
        best = max(same, key=lambda c: overlap(c.task, task), default=None)
        if best is None or overlap(best.task, task) < 0.25:
            # worded apart: the owner's action with the same deadline, else the first of theirs the
            # summing-up has not yet gone over (it goes over them in the order they came)
            dated = [c for c in same if c.due and due and c.due.date and c.due.date == due.date]
            named = [c for c in same if not unresolved(c.owner) and segment.index not in c.evidence]
            best = dated[-1] if dated else (named[0] if named else None)
        if best is not None:
            if unresolved(best.owner):
                best.owner = owner
            if best.due is None or (best.due.date is None and due is not None and due.date is not None):
                best.due = due or best.due
            best.accepted, best.needs_acceptance = True, False
            if segment.index not in best.evidence:
                best.evidence.append(segment.index)
            continue
        candidates.append(
            Candidate(
                owner=owner,
                task=task,
                due=due,
                segment=position,
                speaker=segment.speaker,
                evidence=[segment.index],
                explicit=True,
            )
        )
