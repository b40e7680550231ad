"""The detector: reads a transcript segment by segment and returns its decisions and action items."""

import datetime
import re
from collections.abc import Iterable

from aiplus.core.language import HAN_RE, has_han, split_sentences
from aiplus.core.language import clean_spoken as clean
from aiplus.meetings.actions.candidates import (
    WINDOW,
    Candidate,
    accept_request,
    add_anaphoric,
    add_candidate,
    already_done,
    attach_due,
    due_only,
    final_actions,
    merge,
    owners_agree,
    reports_done,
    withdraw_proposal,
)
from aiplus.meetings.actions.chinese import (
    chinese_action,
    owner_pieces,
    zh_owner_at,
)
from aiplus.meetings.actions.context import Context, piece_due
from aiplus.meetings.actions.cues import (
    is_decline,
    reports_done_zh,
    strip_lead,
)
from aiplus.meetings.actions.decisions import (
    answered_questions,
    decision_in,
    decision_text,
    final_decisions,
)
from aiplus.meetings.actions.english import english_action
from aiplus.meetings.actions.people import (
    ACCEPTOR,
    ADDRESSEE,
    GROUP,
    NAMED,
    NOBODY,
    SPEAKER,
    Owner,
    People,
    owner_of,
)
from aiplus.meetings.actions.recap import date_next_meeting, recap_sentence
from aiplus.meetings.actions.similarity import content_words
from aiplus.meetings.actions.tables import pattern
from aiplus.meetings.actions.tasks import is_anaphoric, tidy_task, with_object
from aiplus.meetings.minutes import ActionItem, Decision
from aiplus.meetings.transcript import Segment

# --- the detector -----------------------------------------------------------------------------------------


def _is_acceptance(sentence: str) -> tuple[bool, str]:
    """Whether a sentence opens by accepting (OK / will do / 收到 / 冇問題), and what follows."""
    stripped = sentence.strip()
    match = pattern("accept_en").match(stripped) or pattern("accept_zh").match(stripped)
    if not match or not match.group().strip():
        return False, stripped
    rest = stripped[match.end() :].strip()
    head = match.group().lower()
    if re.match(r"^(?:right|ok|okay|yes|yeah|good|fine|好|係)[\s,，.。]*$", head) and re.match(
        r"^(?:so|and|but|let's|next|now|moving|item|thanks|thank|咁|跟住|下一|然後|我哋)", rest, re.I
    ):
        return False, stripped  # "OK, so next item" is the chair moving on
    if pattern("negative").search(rest[:40]) and not re.match(r"^(?:i'll|i will|我會|我嚟)", rest, re.I):
        return False, stripped
    return True, rest


def _context_task(earlier: list[str], texts: list[str], position: int, people: People) -> str:
    """What "I'll do it" / 你搞掂佢 refers to: the last substantial sentence said before it, in the same
    turn or up to ``WINDOW`` turns back, without the name it was addressed to."""
    before = [*(texts[back] for back in range(max(position - WINDOW, 0), position))]
    pools = [list(earlier)] + [split_sentences(text) for text in reversed(before)]
    for pool in pools:
        pool = [s for s in pool if not is_anaphoric(tidy_task(strip_lead(s)))]
        # within a turn, what was proposed ("I suggest a one-page checklist. Short, the main steps.") comes first
        proposed = [s for s in pool if pattern("proposal").search(s)]
        for sentence in [*reversed(proposed), *reversed(pool)]:
            if len(content_words(sentence)) < 2 and len(HAN_RE.findall(sentence)) < 4:
                continue
            sentence = strip_lead(_without_vocative(strip_lead(sentence), people))
            # "如同事有意見，可於下次會議前提交意見書": the condition is not the task
            sentence = re.sub(r"^(?:如|如果|假如|若)[^，,]{1,12}[，,]\s*(?:可以?|就|便)?", "", sentence)
            return re.sub(
                r"^(?:i think|we need to|we should|someone needs to|somebody should|the question is|we have to|"
                r"who can|who will|can someone|could someone|can anyone|(?:can|could|would|will) you(?: please)?|"
                r"then|邊個|有冇人|我哋要|要|需要)\s*",
                "",
                sentence,
                flags=re.I,
            )
    return ""


def _without_vocative(sentence: str, people: People) -> str:
    """A sentence without the person it is addressed to: "Mary, please put up the notice", "Peter 你跟進"."""
    match = pattern("en_vocative").match(sentence)
    if match:
        owner = owner_of(match["owner"], people)
        return match["rest"] if owner and owner.kind == NAMED else sentence
    found = zh_owner_at(sentence, 0, Context(people=people, meeting_date=None)) if has_han(sentence) else None
    if found and found[0].kind == NAMED:
        after = re.match(r"^\s*(?:[，,]\s*|(?:你|您)(?![哋們])\s*)", sentence[found[1] :])
        if after:
            return sentence[found[1] + after.end() :]
    return sentence


def detect(
    segments: list[Segment],
    *,
    meeting_date: datetime.date | None,
    attendees: Iterable[str] = (),
) -> tuple[list[Decision], list[ActionItem]]:
    """The decisions and action items of a transcript, each citing the segments it rests on."""
    people = People.build(attendees, [s.speaker for s in segments])
    texts = [clean(s.text) for s in segments]
    candidates: list[Candidate] = []
    decisions: list[tuple[str, list[int], int]] = []  # text, evidence, position
    context = Context(people=people, meeting_date=meeting_date)

    for position, segment in enumerate(segments):
        context.segment, context.speaker, context.vocative = position, segment.speaker, None
        context.committed, context.speaking_as = False, None
        sentences = split_sentences(texts[position])
        if sentences and reports_done(sentences[0]):
            already_done(candidates, position, segment)
        pending: list[Candidate] = []  # "I'll do it": resolved by a fuller statement later in the turn
        recap = False
        decided: set[int] = set()  # sentences that record a decision: what "we" do there is no task
        for number, sentence in enumerate(sentences):
            if not recap:
                cue = pattern("recap").match(sentence)
                if cue:
                    recap, sentence = True, sentence[cue.end() :].strip()
            if recap:  # the chair sums up: each item joins the action it repeats
                recap_sentence(candidates, sentence, context, segment, position)
                continue
            decision = decision_in(sentence, sentences[:number], sentences[number + 1 :], texts, position)
            if decision:
                decisions.append((decision[0], [*decision[1], segment.index], position))
                decided.add(number)
                following = sentences[number + 1 :][:1]
                if following and decision[0] == decision_text(strip_lead(following[0].strip())):
                    decided.add(number + 1)  # "Agreed. We'll close Tsuen Wan ...": the next one records it
            if number == 0:
                accepted, rest = _is_acceptance(sentence)
                if accepted:  # "我嚟做，..." / "I'll take it, ...": what follows is the speaker's too
                    head = sentence[: len(sentence) - len(rest)]
                    taken = accept_request(candidates, position, segment, people)
                    context.committed = taken is not None or bool(
                        re.search(r"我(?![哋們])|\bi\b|\bi'll\b|\bme\b", head, re.I)
                    )
                    if taken is not None and pattern("anonymous").fullmatch(segment.speaker):
                        context.speaking_as = (
                            taken.owner
                        )  # "Mary, please..." - Speaker 2: "OK, I will do it."
                    sentence = rest
                    if not sentence:
                        continue
            if is_decline(sentence):
                withdraw_proposal(candidates, position)
                continue
            pieces = owner_pieces(sentence, context)
            for at, piece in enumerate(pieces):
                candidate = _candidate(piece, context, segment, position)
                if candidate is not None and number in decided and candidate.owner.kind in (GROUP, NOBODY):
                    candidate = None  # "We'll close Tsuen Wan on the second day", said as agreed
                if candidate is not None and candidate.owner.name == segment.speaker:
                    context.committed = True
                if candidate is None:
                    due = due_only(piece, context)
                    if due is not None:
                        attach_due([*candidates, *pending], due, position, segment, context.vocative)
                    continue
                if candidate.anaphoric:
                    candidate.said_task = candidate.task
                    said_before = [*sentences[:number], *pieces[:at]]
                    task, due = piece_due(_context_task(said_before, texts, position, people), context)
                    candidate.task, candidate.context_due = task, due
                    resolved = with_object(candidate.said_task, task)
                    if resolved:  # "I'll check it" after "let's go ahead with the new rota"
                        candidate.said_task = candidate.task = resolved
                    pending.append(candidate)
                    continue
                for waiting in [c for c in pending if owners_agree(c.owner, candidate.owner)]:
                    merge(candidate, waiting)
                    pending.remove(waiting)
                add_candidate(candidates, candidate)
        for waiting in pending:
            add_anaphoric(candidates, waiting)
        if recap:
            context.recap_from = position + 1

    decisions.extend(answered_questions(segments, texts))
    date_next_meeting(candidates, texts, meeting_date)
    return final_decisions(decisions), final_actions(candidates, segments, people)


def _excluded(piece: str, han: bool) -> bool:
    """Done already, hypothetical, an opinion, or done at the meeting itself: not an action whatever its
    verbs."""
    if pattern("agenda").search(strip_lead(piece)):
        return True
    if han:
        if pattern("zh_at_meeting").search(piece):
            return True
        if pattern("hypothetical_zh").search(piece) and not pattern("condition_ok_zh").search(
            strip_lead(piece)
        ):
            return True
        if reports_done_zh(piece):
            return True
        return bool(pattern("opinion_zh").match(strip_lead(piece))) and not re.search(r"[啦吖]$", piece)
    text = strip_lead(piece)
    if pattern("condition_ok").match(text):
        text = text[pattern("condition_ok").match(text).end() :]
    elif pattern("hypothetical_en").search(text):
        return True
    if pattern("done_en").search(text) and not re.search(
        r"\b(?:will|'ll|going to|to follow|please|need to)\b", text, re.I
    ):
        return True
    return bool(pattern("opinion_en").match(text)) and not re.search(
        r"\b(?:i'll|i will|can you|could you|please)\b", text, re.I
    )


def _candidate(piece: str, context: Context, segment: Segment, position: int) -> Candidate | None:
    han = has_han(piece)
    if han:  # "舊嘅我哋已經印咗，新嘅..." : what was done is left out, the rest is read
        clauses = re.split(r"(?<=[，,、])", piece)
        piece = "".join(c for c in clauses if not reports_done_zh(c)).strip(" ，,、")
        if not piece:
            return None
    if _excluded(piece, han):
        return None
    text, due = piece_due(piece, context)
    found = None
    if han:
        handover = due is not None and pattern("zh_handover").match(piece[due.end :].lstrip())
        found = chinese_action(text, context, due_then_handover=bool(handover), dated=due is not None)
    if found is None and re.search(r"[A-Za-z]{2}", text):
        found = english_action(text, context)
    if found is None:
        return None
    owner, task, flags = found
    if (
        owner.kind == ADDRESSEE
        and context.committed
        and context.vocative is None
        and not re.search(r"你|您|\byou\b|\bme\b", text, re.I)
        and not pattern("zh_give_me").search(text)
    ):  # no subject, after the speaker took it on: "我嚟做，下個禮拜一之前 email 俾法律組"
        owner = Owner(SPEAKER)
    if owner.kind == SPEAKER and segment.speaker:
        owner = context.speaking_as or Owner(NAMED, segment.speaker)
    task = tidy_task(task, owner_text=owner.name if owner.kind == NAMED else "")
    if flags.get("weak") and due is None and not flags.get("explicit"):
        return None
    if flags.get("unless_accepted") and due is None:
        flags["needs_acceptance"] = True
    anaphoric = is_anaphoric(task)
    demonstrative = pattern("zh_demonstrative").match(task) if han else None
    if demonstrative:  # "呢樣嘢我嚟搞，出初稿": the thing just mentioned, then what is done to it
        task = tidy_task(task[demonstrative.end() :])
        anaphoric = True
    if not anaphoric and len(content_words(task)) == 0 and len(HAN_RE.findall(task)) < 2:
        return None
    return Candidate(
        owner=owner,
        task=task,
        due=due,
        segment=position,
        speaker=segment.speaker,
        evidence=[segment.index],
        anaphoric=anaphoric,
        needs_acceptance=bool(flags.get("needs_acceptance")),
        explicit=bool(flags.get("explicit")) or due is not None,
        from_context=owner.kind == ACCEPTOR,
        demonstrative=bool(demonstrative),
        addressed=owner.kind == NAMED
        and context.vocative is not None
        and context.vocative.name == owner.name,
    )
