"""Candidate actions and how they become items: one action proposed, accepted, restated and given a
deadline over several turns is one item, with every segment it rests on as evidence."""

import re
from dataclasses import dataclass

from aiplus.core.language import HAN_RE, has_han
from aiplus.meetings.actions.context import Context, piece_due
from aiplus.meetings.actions.cues import strip_lead
from aiplus.meetings.actions.people import (
    ACCEPTOR,
    ADDRESSEE,
    GROUP,
    NAMED,
    NOBODY,
    Owner,
    People,
    owner_of,
)
from aiplus.meetings.actions.similarity import content_words, overlap, task_similarity
from aiplus.meetings.actions.tables import pattern
from aiplus.meetings.actions.tasks import (
    is_anaphoric,
    points_back,
    task_substance,
    tidy_task,
)
from aiplus.meetings.dates import Due, find_due
from aiplus.meetings.minutes import ActionItem
from aiplus.meetings.transcript import Segment

# How many segments back an acceptance, a withdrawal or an "I'll do it" may reach.
WINDOW = 3
# Two actions with owners that agree are one when their tasks are at least this similar.
SAME_TASK = 0.5


# --- candidates -------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    owner: Owner
    task: str
    due: Due | None
    segment: int  # position of the segment where it was stated
    speaker: str
    evidence: list[int]
    anaphoric: bool = False
    needs_acceptance: bool = False  # an offer or an open question ("who can...?", "shall I...?")
    accepted: bool = False
    cancelled: bool = False
    explicit: bool = False  # labelled "Action:" or given a deadline: a firm action
    last: int = -1  # position of the last segment that stated, accepted or restated it
    from_context: bool = False  # its task was taken from the question or remark before it
    said_task: str = ""  # an anaphoric task as said, before the context replaced it
    demonstrative: bool = False  # its task opened with 呢樣嘢 / 呢件事: the topic comes from before
    context_due: Due | None = None  # the deadline of the request an "I'll do it" takes its task from
    addressed: bool = False  # asked of the person named, face to face ("Mary, please ...", "Peter 你...")

    def __post_init__(self) -> None:
        self.last = max(self.last, self.segment)


def unresolved(owner: Owner) -> bool:
    return owner.kind in (ADDRESSEE, ACCEPTOR, NOBODY)


def owners_agree(a: Owner, b: Owner) -> bool:
    if unresolved(a) or unresolved(b):
        return True
    if a.kind == GROUP or b.kind == GROUP:
        return a.kind == b.kind or True
    return a.name.lower() == b.name.lower()


def _recent(candidates: list[Candidate], position: int) -> list[Candidate]:
    """Candidates touched in the last ``WINDOW`` segments, the latest first."""
    recent = [c for c in candidates if not c.cancelled and position - c.last <= WINDOW]
    return sorted(recent, key=lambda c: (c.last, c.segment), reverse=True)


def merge(into: Candidate, other: Candidate) -> None:
    if (unresolved(into.owner) or into.owner.kind == GROUP) and not unresolved(other.owner):
        into.owner = other.owner
    if (into.anaphoric or is_anaphoric(into.task)) and not (other.anaphoric or is_anaphoric(other.task)):
        into.task, into.anaphoric = other.task, False
    into.due = _settled_due(into, other)
    into.evidence = sorted(set(into.evidence) | set(other.evidence))
    into.last = max(into.last, other.last)
    into.accepted = into.accepted or other.accepted or other.speaker != into.speaker
    into.needs_acceptance = into.needs_acceptance and not into.accepted
    into.explicit = into.explicit or other.explicit


def _settled_due(into: Candidate, other: Candidate) -> Due | None:
    """The deadline of two statements of one action: a date over none, and a later date over an earlier
    one; but of two said in one turn, the one marked as the deadline ("月底前", "by Friday") over a time
    that only says when the work is needed ("下個月")."""
    mine, theirs = into.due, other.due
    if theirs is None or theirs.date is None:
        return mine or theirs
    if mine is None or mine.date is None:
        return theirs
    if into.segment == other.segment and mine.firm != theirs.firm:
        return mine if mine.firm else theirs
    return theirs if other.segment >= into.segment else mine


def add_candidate(candidates: list[Candidate], candidate: Candidate) -> None:
    """Add a candidate, or fold it into the recent one it restates or answers."""
    latest = candidates[-1] if candidates else None
    if (
        latest is not None
        and latest.segment == candidate.segment
        and latest.owner.kind == candidate.owner.kind == NAMED
        and latest.owner.name == candidate.owner.name
        and candidate.due is None
        and not has_han(candidate.task)
        and len(candidate.task.split()) <= 3
        and re.match(r"^(?:copy|cc|include|loop in|keep)\b", candidate.task, re.I)
    ):  # "Marcus, please ask Facilities for the floor plan. Copy me.": one action
        latest.task = f"{latest.task}, {candidate.task}"
        merge(latest, candidate)
        return
    for previous in _recent(candidates, candidate.segment)[:1]:
        # "我會 send 份值班表俾你" - "好，星期五之前 send 俾我", "我嚟整份新聞稿" - "你整好俾我過目":
        # the one just promised, asked about in the next turn
        if (
            unresolved(candidate.owner)
            and previous.owner.kind == NAMED
            and previous.owner.name == previous.speaker != candidate.speaker
            and previous.last >= candidate.segment - 1
            and (
                overlap(previous.task, candidate.task) >= 0.3
                or re.search(r"[完好掂](?:之後|就)?\s*(?:俾|畀|send|交)", candidate.task)
            )
        ):
            merge(previous, candidate)
            previous.due = candidate.due or previous.due
            return
        # "咁我整理好份名單" - "OK，你 send 份名單俾財務科": a "you" with no name, answering
        # a promise, is said to the one who just promised
        if (
            candidate.owner.kind == ADDRESSEE
            and previous.owner.kind == NAMED
            and previous.owner.name == previous.speaker != candidate.speaker
            and previous.segment == candidate.segment - 1
        ):
            candidate.owner = Owner(NAMED, previous.speaker)
    for previous in _recent(candidates, candidate.segment):
        same_task = task_similarity(previous.task, candidate.task) >= SAME_TASK
        answers = (
            previous.speaker != candidate.speaker
            and unresolved(previous.owner)
            and candidate.owner.kind == NAMED
            and candidate.owner.name == candidate.speaker
            and task_similarity(previous.task, candidate.task) >= 0.2
        )
        # "冇問題，我下晝就 email 佢哋": the one who just took the request on says how
        elaborates = (
            previous.accepted
            and previous.last == candidate.segment
            and previous.owner.kind == NAMED
            and candidate.owner.kind == NAMED
            and previous.owner.name == candidate.owner.name == candidate.speaker
        )
        if elaborates:
            due = previous.due
            if (
                previous.from_context
                and not candidate.anaphoric
                and task_substance(candidate.task) >= task_substance(previous.task)
                and not re.search(r"佢|\b(?:it|them)\b", candidate.task)  # "...就話俾佢哋知" says less
            ):
                previous.task, previous.from_context = candidate.task, False
            merge(previous, candidate)
            previous.due = due or previous.due
            return
        if (same_task and owners_agree(previous.owner, candidate.owner)) or answers:
            if answers and task_substance(candidate.task) > task_substance(previous.task):
                previous.task = candidate.task  # "邊個 renew？" - "我會叫 Derek renew"
            merge(previous, candidate)
            return
    candidates.append(candidate)


def add_anaphoric(candidates: list[Candidate], candidate: Candidate) -> None:
    """ "I'll do it" / "Please do" / 我嚟跟: the request just made, else what was just said."""
    said = candidate.said_task
    own = "" if points_back(said) else said  # what the sentence adds: "出初稿" in "呢樣嘢我嚟搞，出初稿"
    if not candidate.needs_acceptance:
        for previous in _recent(candidates, candidate.segment):
            if candidate.segment - previous.last > 2:
                break
            if owners_agree(previous.owner, candidate.owner):
                if own and previous.from_context and has_han(own) and own not in previous.task:
                    previous.task = f"{previous.task}：{own}"
                merge(previous, candidate)
                return
            break
    context = tidy_task(piece_due(candidate.task, Context(People(), None))[0])
    context = re.sub(r"(?:呢|嗎|咩|呀|啊)$", "", context).strip(" ，,")
    if own:
        candidate.task = f"{context}：{own}" if candidate.demonstrative and context else own
    else:
        candidate.task, candidate.from_context = context, True
    candidate.due = candidate.due or candidate.context_due
    candidate.anaphoric = False
    if candidate.task:
        candidates.append(candidate)


def due_only(piece: str, context: Context) -> Due | None:
    """The deadline of a sentence that says little else ("So by the end of the month." / "Kelly, by next Tuesday
    please"), which belongs to the action just stated."""
    due = find_due(piece, meeting_date=context.meeting_date)
    if due is None:
        return None
    text = piece
    vocative = pattern("en_vocative").match(text)
    if vocative and owner_of(vocative["owner"], context.people):
        text = vocative["rest"]
    text = strip_lead(text)
    text = re.sub(
        r"^(?:please|and|then|so|but|ideally|preferably|say|maybe|perhaps)\b[\s,]*", "", text, flags=re.I
    )
    at = text.find(due.text)
    if at < 0 or not re.fullmatch(
        r"(?:(?:please|say|maybe|about|ideally|probably|hopefully|definitely|certainly|realistically|"
        r"at the latest|it'll be|that'll be|should be|by then|which is|that's|that is|喺|於|在|最遲|最好|咁|應該|"
        r"大概|估計)[\s,]*)*",
        text[:at],
        re.I,
    ):
        return None
    # what follows the date says little more ("星期五前得唔得？"), not "朝早同下晝都得，每次半個鐘左右"
    after = pattern("task_trail_zh").sub("", text[at + len(due.text) :])
    if len(HAN_RE.findall(after)) > 4 or len(content_words(after)) > 2:
        return None
    return due


def attach_due(
    candidates: list[Candidate], due: Due, position: int, segment: Segment, vocative: "Owner | None"
) -> None:
    for previous in _recent(candidates, position):
        if position - previous.last > 2:
            break
        if vocative is not None and not owners_agree(previous.owner, vocative):
            continue
        if previous.due is None or due.date is not None:  # a date said later settles it
            previous.due = due
            previous.explicit = True
            if segment.index not in previous.evidence:
                previous.evidence.append(segment.index)
        return


def accept_request(
    candidates: list[Candidate], position: int, segment: Segment, people: People
) -> Candidate | None:
    """An "OK" / 收到 / 冇問題 answering the latest open request: the one who says it takes it on; the
    request taken, if any. A request to someone else named is skipped over ("Mary will X. And Peter, can you
    Y?" - "OK" from Peter), unless the one who answers may be speaking for them (``_may_answer_for``)."""
    for previous in _recent(candidates, position):
        if position - previous.last > 2:
            break
        if previous.speaker == segment.speaker or position == previous.last:
            continue
        if unresolved(previous.owner):
            if segment.speaker:
                previous.owner = Owner(NAMED, segment.speaker)
        elif (
            previous.owner.kind == NAMED
            and previous.owner.name != segment.speaker
            and not _may_answer_for(previous, segment.speaker, people, candidates)
            and position - previous.last <= 1
        ):
            continue
        previous.accepted = True
        previous.needs_acceptance = False
        previous.last = position
        if segment.index not in previous.evidence:
            previous.evidence.append(segment.index)
        return previous
    return None


def _may_answer_for(request: Candidate, speaker: str, people: People, candidates: list[Candidate]) -> bool:
    """Whether a speaker's "OK" may take on what was asked of someone else named: anyone may for a body
    (the Secretariat), and for a person asked face to face who does not speak under a label of their own,
    a speaker whose label names nobody ("Mary, please put up the notice" - Speaker 2: "OK, I will do it":
    Speaker 2 is Mary)."""
    owner = request.owner.name
    if owner in people.speakers:
        return False
    if not _is_person(owner, candidates):
        return True
    return request.addressed and bool(pattern("anonymous").fullmatch(speaker))


def _is_person(name: str, candidates: list[Candidate]) -> bool:
    """Whether an owner is someone who speaks in the meeting (not a body such as the Secretariat)."""
    return any(c.speaker == name for c in candidates) or not (
        pattern("body_en").match(name) or pattern("zh_body").fullmatch(name)
    )


def reports_done(sentence: str) -> bool:
    """Whether an answer says the thing is done already ("我尋日已經打咗電話", "I've already sent it"). A turn
    that opens the next agenda item ("第三樣，熱線上個月…") answers nothing, whatever its tense."""
    text = strip_lead(sentence)
    if pattern("agenda").search(text):
        return False
    if has_han(text):
        return bool(pattern("done_zh").search(text)) and not text.rstrip().endswith(("?", "？"))
    return bool(re.match(r"^(?:i|we)\b", text, re.I) and re.search(r"\balready\b", text, re.I))


def already_done(candidates: list[Candidate], position: int, segment: Segment) -> None:
    """A request answered by the one asked with what is done already is no action."""
    for previous in _recent(candidates, position)[:1]:
        asked = previous.owner.kind == NAMED and previous.owner.name == segment.speaker
        if (
            previous.segment == previous.last == position - 1
            and previous.speaker != segment.speaker
            and (asked or previous.owner.kind in (ADDRESSEE, ACCEPTOR))
            and not previous.accepted
        ):
            previous.cancelled = True


def withdraw_proposal(candidates: list[Candidate], position: int) -> None:
    """ "No need" / 唔使喇 right after a proposal withdraws it."""
    for previous in _recent(candidates, position):
        if position - previous.last <= 1 and (not previous.accepted or previous.needs_acceptance):
            previous.cancelled = True
        return


def final_actions(candidates: list[Candidate], segments: list[Segment], people: People) -> list[ActionItem]:
    kept = [c for c in candidates if not c.cancelled and (not c.needs_acceptance or c.accepted)]
    merged: list[Candidate] = []
    for candidate in kept:
        for previous in merged:
            if owners_agree(previous.owner, candidate.owner) and _same_task(previous, candidate):
                merge(previous, candidate)
                break
        else:
            merged.append(candidate)
    out = []
    for candidate in merged:
        out.append(
            ActionItem(
                owner=_owner_name(candidate, segments, people),
                task=candidate.task,
                due=candidate.due.iso if candidate.due else None,
                due_text=candidate.due.text if candidate.due else "",
                evidence=sorted(set(candidate.evidence)),
            )
        )
    return out


def _same_task(a: Candidate, b: Candidate) -> bool:
    """One action said twice: alike tasks, or, for the same named owner, one task within the other (the
    chair's recap "Tommy chase copy" of "Tommy 你 chase 埋各 section 交 copy")."""
    if task_similarity(a.task, b.task) >= SAME_TASK:
        return True
    same_owner = a.owner.kind == b.owner.kind == NAMED and a.owner.name.lower() == b.owner.name.lower()
    return same_owner and overlap(a.task, b.task) >= 0.5


def _owner_name(candidate: Candidate, segments: list[Segment], people: People) -> str:
    owner = candidate.owner
    if owner.kind == NAMED:
        return owner.name
    if owner.kind == GROUP:
        return people.teams.get(candidate.speaker, "")
    if owner.kind == ADDRESSEE:
        # Nobody named and nobody accepted: the next person to speak is the one asked.
        for segment in segments[candidate.segment + 1 : candidate.segment + 2]:
            if segment.speaker and segment.speaker != candidate.speaker:
                return segment.speaker
    return ""
