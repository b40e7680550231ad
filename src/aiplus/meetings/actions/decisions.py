"""Decisions: what a sentence records as agreed, what a bare "Agreed." agrees to, and a question put to
the meeting settled by a firm answer."""

import re
from functools import cache

from aiplus.core.language import HAN_RE, has_han, split_sentences
from aiplus.meetings.actions.cues import (
    strip_lead,
)
from aiplus.meetings.actions.similarity import content_words, overlap, stem, task_similarity
from aiplus.meetings.actions.tables import pattern, words
from aiplus.meetings.minutes import Decision
from aiplus.meetings.transcript import Segment

# --- decisions --------------------------------------------------------------------------------------------


@cache
def _decision_words() -> frozenset[str]:
    """Words that only say a decision was taken, not what it was (stemmed)."""
    return frozenset(stem(word) for word in words("decision_words_en"))


def decision_text(sentence: str) -> str:
    """The decision as recorded: the sentence without its opening "Agreed, then:" / "好，就咁決定"."""
    text = re.sub(
        r"^(?:(?:so|ok|okay|right|fine|good|all right|alright|then|well)[\s,]+)*(?:(?:that's|that is|it's|it is|"
        r"so|all|we're)\s+)?(?:agreed|resolved|approved|decided|carried|confirmed|decision)\b[\s,]*"
        r"(?:then\b)?[\s,:：-]*(?:that\s+)?",
        "",
        sentence,
        flags=re.I,
    )
    text = re.sub(
        r"^(?:it was|the meeting|the committee|members|we)\s+(?:agreed|decided|resolved)\s+(?:that\s+|to\s+)?",
        "",
        text,
        flags=re.I,
    )
    cue = r"(?:就(?:咁|噉|這樣)\s*(?:決定|定|話|做|decide|拍板)|照(?:咁|樣|住|噉)(?:做|辦)|decide\s*咗|定咗)"
    text = re.sub(
        rf"(?:[，,]?\s*(?:咁|噉)?\s*{cue}(?:咗)?(?:喇|啦|吖|囉|la|啊)?)+\s*[。!！]?$", "", text, flags=re.I
    )
    text = re.sub(rf"^(?:{cue}(?:咗)?(?:喇|啦|吖|囉|la|啊)?[，,\s]*)+", "", text, flags=re.I)
    text = re.sub(
        r"^(?:(?:好|OK|ok|咁|噉|那麼|就|咁就)[，,\s]*)*(?:會議|大家|我哋)?(?:一致)?(?:同意|決定|議決)?[，,：:\s]*",
        "",
        text,
    )
    return text.strip(" ,，。.:：;；!！")


def answered_questions(segments: list[Segment], texts: list[str]) -> list[tuple[str, list[int], int]]:
    """A question put to the meeting about what it does, settled within the next two turns by someone
    else's firm answer ("要唔要全部影印？" - "唔使，掃描就得。"; "可唔可以即日批？" -
    "唔得，要經部門主管"): the answer is the decision."""
    found = []
    for position, text in enumerate(texts):
        questions = [
            s
            for s in split_sentences(text)
            if s.rstrip().endswith(("?", "？"))
            and pattern("meeting_question").search(s)
            and not pattern("asks_someone").search(s)
        ]
        if not questions:
            continue
        for later in range(position + 1, min(position + 3, len(texts))):
            if segments[later].speaker == segments[position].speaker:
                break
            answer = next(
                (
                    s
                    for s in split_sentences(texts[later])
                    if pattern("firm_answer").search(strip_lead(s) if not has_han(s) else s)
                    and not s.rstrip().endswith(("?", "？"))
                    and not (pattern("opinion_zh").match(s) or pattern("opinion_en").match(strip_lead(s)))
                    and not pattern("asks_someone").match(s)
                ),
                None,
            )
            if answer:
                text_of = pattern("answer_opening").sub("", answer.strip()).strip(" ,，。.!！")
                found.append((text_of, [segments[position].index, segments[later].index], later))
                break
    return found


def decision_in(
    sentence: str, earlier: list[str], later: list[str], texts: list[str], position: int
) -> tuple[str, list[int]] | None:
    """The decision a sentence records, with the earlier segments it rests on, given the sentences of the
    turn before and after it."""
    turn = texts[position]
    han = has_han(sentence)
    stripped = strip_lead(sentence) if not han else sentence.strip()
    if han:
        match = pattern("decision_zh").search(stripped)
        if not match and re.fullmatch(r"(?:好[，,]\s*)?(?:同意|通過|贊成|批准)[。！!.\s]*", stripped):
            # a member's "同意。" only supports what was proposed; followed by what is agreed, it decides
            return _agreed_to(earlier, later, texts, position, alone=False)
        if (
            not match
            or pattern("decision_zh_not").search(stripped)
            or pattern("hypothetical_zh").search(stripped)
        ):
            return None
    else:
        match = pattern("decision_en").search(stripped)
        if not match or stripped.rstrip().endswith("?"):
            return None
        window = stripped[max(0, match.start() - 40) : match.start()]
        opening = re.match(r"^(?:agreed|resolved|approved|decided|confirmed|carried)\b", stripped, re.I)
        if pattern("decision_en_not").search(window) and not opening:
            return None
        if pattern("hypothetical_en").search(stripped) or re.search(
            r"\b(?:haven't|hasn't|not yet)\b", stripped, re.I
        ):
            return None
        # "We decided on two copies, not three. Can we change it?": a past decision brought up, not one taken now.
        if re.match(r"^we (?:agreed|decided)\b", stripped, re.I) and "?" in turn:
            return None
    text = decision_text(stripped)
    substance = len(content_words(text) - _decision_words()) + len(HAN_RE.findall(text)) // 2
    if substance == 0:
        return _agreed_to(earlier, later, texts, position, alone=True)
    if substance < 3:
        text = stripped.strip(" ,，。.:：;；!！")
    return text, []


def _agreed_to(
    earlier: list[str], later: list[str], texts: list[str], position: int, alone: bool
) -> tuple[str, list[int]] | None:
    """What a bare "Agreed." / 就咁決定 / 同意。 agrees to: the statement after it in the same turn, else
    (``alone``) the proposal before it."""
    proposal = _proposal_before(earlier, texts, position)
    stated = _stated_after(later, proposal[0] if proposal else "")
    if stated:
        return stated[0], (proposal[1] if proposal and stated[1] else [])
    return proposal if alone else None


def _stated_after(later: list[str], proposal: str) -> tuple[str, bool] | None:
    """The statement after a bare "Agreed." in the same turn that says what is agreed, and whether it
    repeats the proposal before: a sentence that is no question, request or promise, and that either
    opens as a conclusion ("We close...", 咁就...) or restates the proposal."""
    if not later:
        return None
    sentence = later[0].strip()
    lead_gone = strip_lead(sentence)  # "So, we close ..." is no "Mary, ..."
    if (
        sentence.endswith(("?", "？"))
        or pattern("not_statement").match(sentence)
        or pattern("en_vocative").match(lead_gone)
    ):
        return None
    text = decision_text(lead_gone)
    if len(content_words(text) - _decision_words()) < 2 and len(HAN_RE.findall(text)) < 3:
        return None
    repeats = bool(proposal) and overlap(proposal, text) >= 0.4
    if not (repeats or pattern("conclusion").match(sentence)):
        return None
    return text, repeats


def _proposal_before(earlier: list[str], texts: list[str], position: int) -> tuple[str, list[int]] | None:
    """The proposal a bare "Agreed." / 就咁決定 adopts: the last proposal ("I propose", "how about", 不如,
    建議) in the last few turns, else the last substantial sentence before it."""
    pools = [(sentence, None) for sentence in earlier]
    for back in range(max(position - 3, 0), position):
        pools.extend((sentence, back) for sentence in split_sentences(texts[back]))
    substantial = [
        (sentence, back)
        for sentence, back in pools
        if len(content_words(sentence)) >= 3 or len(HAN_RE.findall(sentence)) >= 5
    ]
    if not substantial:
        return None
    proposals = [item for item in substantial if pattern("proposal").search(item[0])]
    sentence, back = (proposals or substantial)[-1]
    return decision_text(strip_lead(sentence)), ([] if back is None else [back])


def final_decisions(found: list[tuple[str, list[int], int]]) -> list[Decision]:
    out: list[Decision] = []
    for text, evidence, _ in found:
        for decision in out:
            if task_similarity(decision.text, text) >= 0.5 or set(evidence) & set(decision.evidence[-1:]):
                decision.evidence = sorted(set(decision.evidence) | set(evidence))
                if len(text) > len(decision.text) and not set(evidence) <= set(decision.evidence[:-1]):
                    decision.text = text if len(text) < 200 else decision.text
                break
        else:
            out.append(Decision(text=text, evidence=sorted(set(evidence))))
    return out
