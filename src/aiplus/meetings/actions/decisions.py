"""Decisions: what a sentence records as agreed, what a bare "Agreed." agrees to, and a question put to
the meeting settled by a firm answer."""

import re

from aiplus.meetings.actions.cues import (
    _HYPOTHETICAL_EN_RE,
    _HYPOTHETICAL_ZH_RE,
    _OPINION_EN_RE,
    _OPINION_ZH_RE,
    _strip_lead,
)
from aiplus.meetings.actions.english import _EN_VOCATIVE_RE
from aiplus.meetings.actions.text import (
    _HAN,
    _HAN_RE,
    _content_words,
    _has_han,
    _overlap,
    _sentences,
    _stem,
    task_similarity,
)
from aiplus.meetings.minutes import Decision
from aiplus.meetings.transcript import Segment

# --- decisions --------------------------------------------------------------------------------------------

_DECISION_EN_RE = re.compile(
    r"^(?:(?:so\s+|that's\s+|that is\s+|then\s+|all\s+|we're\s+|we are\s+)?(?:agreed|resolved|approved|decided|"
    r"carried|endorsed|decision|so be it|it's a deal|done deal|motion carried|the motion is carried|"
    r"confirmed|adopted)\b)|"
    r"\b(?:it was|it is|it's|it has been|we(?:'ve| have)?|the (?:meeting|committee|panel|board|group|members?|"
    r"working group|sub-?committee|directorate)(?: has| have)?|everyone|everybody|all members)\s+(?:all\s+|"
    r"unanimously\s+|formally\s+|now\s+|therefore\s+|just\s+)?(?:agreed|decided|resolved|approved|endorsed|"
    r"adopted|accepted|ratified|supported)\b|"
    r"\b(?:is|are|was|were|has been|have been|stands?)\s+(?:hereby\s+|formally\s+|therefore\s+|duly\s+)?"
    r"(?:approved|endorsed|adopted|agreed|accepted|carried|passed|ratified|rejected|confirmed)\b|"
    r"\b(?:we'll|we will|let's|we're going to|we are going to|we shall|we'd|we would)\s+(?:go|proceed|move "
    r"forward|stick|run|roll)\s+(?:ahead\s+)?with\b|"
    r"(?:^|[,;:]\s*|\b(?:but|so|then|and)\s+)(?:we'll|we will|we're going to|we are going to|we shall|let's|let us|we)\s+(?:defer|postpone|adopt|park|"
    r"keep|retain|drop|shelve|scrap|cancel|approve|accept|reject|extend|go ahead|hold|freeze|suspend|"
    r"stay with|continue with|leave)\b|"
    r"^(?:so\s+|then\s+)?(?:let's not|we won't|we will not|we're not going to|we are not going to)\s+\w+|"
    r"\b(?:the decision is|our decision is|we(?:'ve| have)? (?:made a|reached a|taken a) decision|"
    r"the motion (?:is|was) carried|motion carried|the resolution (?:is|was) (?:passed|carried|adopted)|"
    r"we have a consensus|there is consensus|consensus is|we've got consensus|no objections?, so|"
    r"seeing no objection|hearing no objection|it's decided|that's decided|that's settled|that settles it|"
    r"final answer)\b",
    re.I,
)
_DECISION_EN_NOT_RE = re.compile(
    r"\b(?:not|n't|no longer|yet|whether|if|until|unless|once|need to|needs to|have to|has to|should|"
    r"to be|will decide|would|could|might|may|last time|last meeting|previously|at the last|before|"
    r"earlier|already|i agree|i'd agree|i would agree|do you agree|agree\?)\b",
    re.I,
)
_DECISION_ZH_RE = re.compile(
    r"(?:會議|委員會|大會|小組|大家|全體|各位|與會者|成員|我哋|我們|董事會|管理層)(?:都|亦|一致|均|已|今日)*(?:同意|通過|決定|"
    r"議決|贊成|批准|核准|接納|確認|認可|拍板)|議決|決議|(?:決定|通過|批准|核准|接納|拍板)(?:咗|了)|"
    r"就(?:咁|這樣|噉)\s*(?:決定|定|話|做|decide|拍板|通過|處理|辦)|照(?:咁|樣|住|噉|這樣)(?:做|辦|執行)|"
    r"(?:decide|定|拍板|通過|批|approve)\s*咗|獲(?:得)?(?:通過|批准|接納|核准)|(?:決定|決議)(?:係|是|為|如下)|"
    r"一致(?:同意|通過|贊成)|(?:咁就|就此|現正式|正式|現在)(?:通過|決定|同意|批准|接納|採納)|(?:咁就|噉就|就咁|那就)\s*(?:agreed?|decided?|approved?|go ahead|揀|用|照|定|維持|保留)|^(?:好[，,]\s*)?(?:通過|批准|agreed|approved|同意)[，,]\s*(?!我)(?=\S)|(?:^|[，,]\s*)(?:咁|噉|那)?(?:今年|今次|而家|暫時)?唔[^\s，,。？?]{1,8}住(?=\s*[，,。!！]|$)|(?:^|[，,]\s*)暫時(?:用|維持|唔|不|照)|(?:冇|沒有|無)(?:人)?(?:反對|異議)|^(?:同意|通過|贊成|批准)$|決定(?=[^，,。]{2,})",
    re.I,
)
_DECISION_ZH_NOT_RE = re.compile(
    r"(?:未|唔|不|冇|沒有|再|遲啲|稍後|要|需要|點|如何|能否|會唔會|係咪|是否|如果|假如|有冇|等|待|先|就住|"
    r"上次|之前|早前|已經)(?:正式)?(?:決定|同意|通過|批准|批|decide|定)|(?:等|一旦)[^，,。]{0,12}咗|決定唔到|定唔到|唔同意|不同意|我(?:個人)?同意|"
    r"同唔同意|通唔通過|[嗎呢咩？?]\s*$"
)
_PROPOSAL_RE = re.compile(
    r"\b(?:propose|suggest|recommend|how about|what about|shall we|should we|why don't we|let's|we could|"
    r"option|go with|move that)\b|建議|提議|不如|我哋可以|可唔可以|好唔好|係咪|方案|試吓|試下|用",
    re.I,
)


# Words that only say a decision was taken, not what it was.
_DECISION_WORDS = frozenset(
    {
        _stem(w)
        for w in [
            "motion",
            "carried",
            "seconded",
            "passed",
            "agreed",
            "approved",
            "resolved",
            "unanimously",
            "favour",
            "favor",
            "proposal",
            "decision",
            "confirmed",
            "everyone",
            "everybody",
            "all",
            "objection",
            "objections",
            "hands",
            "show",
            "thank",
            "thanks",
            "good",
            "great",
            "fine",
            "settled",
            "decided",
            "consensus",
        ]
    }
)


def _decision_text(sentence: str) -> str:
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


# A question put to the meeting about what it does ("要唔要全部轉做 HTML？", 是否應該另外舉辦？, "Should we
# survey the staff first?"), not an offer or a request ("要唔要我幫手？", "你可唔可以…？").
_MEETING_QUESTION_RE = re.compile(
    r"要唔要|使唔使|洗唔洗|需唔需要|應唔應該|可唔可以|是否(?:應該|需要|要)?|應否|\b(?:should|shall|do|must) we\b|"
    r"\bdo we (?:need|want|have) to\b",
    re.I,
)
_ASKS_SOMEONE_RE = re.compile(r"我(?![哋們])|你|您|\b(?:i|you|me)\b", re.I)
# A firm answer: opening yes or no, or saying what will (not) be done.
_FIRM_ANSWER_RE = re.compile(
    r"^(?:要|唔要|唔使|不用|不需要|唔需要|唔得|唔可以|不可以|不能|得|可以|yes|no)(?=[，,。.!！\s]|$)|"
    r"(?:不用|唔使|毋須|無須|唔需要|不需要)(?!再講|講|問|客氣|擔心)|都要|一定要|只(?!有|係|是|不過|要)(?=[{_HAN}])".replace(
        "{_HAN}", _HAN
    ),
    re.I,
)
_ANSWER_OPENING_RE = re.compile(r"^(?:要|得|可以|yes|yeah)[，,.\s]+", re.I)


def _answered_questions(segments: list[Segment], texts: list[str]) -> list[tuple[str, list[int], int]]:
    """A question put to the meeting about what it does, settled within the next two turns by someone
    else's firm answer ("要唔要全部轉做 HTML？" - "全部轉太多喇。只轉最多人睇嗰一百個。"; "可唔可以直接掉？" -
    "唔得，要跟程序申請銷毀"): the answer is the decision."""
    found = []
    for position, text in enumerate(texts):
        questions = [
            s
            for s in _sentences(text)
            if s.rstrip().endswith(("?", "？"))
            and _MEETING_QUESTION_RE.search(s)
            and not _ASKS_SOMEONE_RE.search(s)
        ]
        if not questions:
            continue
        for later in range(position + 1, min(position + 3, len(texts))):
            if segments[later].speaker == segments[position].speaker:
                break
            answer = next(
                (
                    s
                    for s in _sentences(texts[later])
                    if _FIRM_ANSWER_RE.search(_strip_lead(s) if not _has_han(s) else s)
                    and not s.rstrip().endswith(("?", "？"))
                    and not (_OPINION_ZH_RE.match(s) or _OPINION_EN_RE.match(_strip_lead(s)))
                    and not _ASKS_SOMEONE_RE.match(s)
                ),
                None,
            )
            if answer:
                text_of = _ANSWER_OPENING_RE.sub("", answer.strip()).strip(" ,，。.!！")
                found.append((text_of, [segments[position].index, segments[later].index], later))
                break
    return found


def _decision(
    sentence: str, earlier: list[str], later: list[str], texts: list[str], position: int
) -> tuple[str, list[int]] | None:
    """The decision a sentence records, with the earlier segments it rests on, given the sentences of the
    turn before and after it."""
    turn = texts[position]
    han = _has_han(sentence)
    stripped = _strip_lead(sentence) if not han else sentence.strip()
    if han:
        match = _DECISION_ZH_RE.search(stripped)
        if not match and re.fullmatch(r"(?:好[，,]\s*)?(?:同意|通過|贊成|批准)[。！!.\s]*", stripped):
            # a member's "同意。" only supports what was proposed; followed by what is agreed, it decides
            return _agreed_to(earlier, later, texts, position, alone=False)
        if not match or _DECISION_ZH_NOT_RE.search(stripped) or _HYPOTHETICAL_ZH_RE.search(stripped):
            return None
    else:
        match = _DECISION_EN_RE.search(stripped)
        if not match or stripped.rstrip().endswith("?"):
            return None
        window = stripped[max(0, match.start() - 40) : match.start()]
        opening = re.match(r"^(?:agreed|resolved|approved|decided|confirmed|carried)\b", stripped, re.I)
        if _DECISION_EN_NOT_RE.search(window) and not opening:
            return None
        if _HYPOTHETICAL_EN_RE.search(stripped) or re.search(
            r"\b(?:haven't|hasn't|not yet)\b", stripped, re.I
        ):
            return None
        # "We agreed to X, not Y. Could we fix that?": a past decision brought up, not one taken now.
        if re.match(r"^we (?:agreed|decided)\b", stripped, re.I) and "?" in turn:
            return None
    text = _decision_text(stripped)
    substance = len(_content_words(text) - _DECISION_WORDS) + len(_HAN_RE.findall(text)) // 2
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


# What opens a statement of what was agreed ("Agreed. We close Tsuen Wan on the second day.", "同意。咁就年初二
# 休息。"), and what opens something else: a request, a promise, the next item.
_CONCLUSION_RE = re.compile(
    r"^(?:(?:so|then|ok|okay|right)[\s,]+)*we(?:'ll| will)?\s+(?!(?:also\s+)?(?:should|need|must|have to|"
    r"could|might|may|can|'ll need|will need|discuss|talk|come back)\b)|^(?:咁就|噉就|那就|就咁|就係|即係|我哋就)",
    re.I,
)
_NOT_STATEMENT_RE = re.compile(
    r"^(?:(?:so|then|ok|okay|right)[\s,]+)*(?:i\b|i'll|please|can|could|would|will|next|moving|thank|thanks|"
    r"let's move|any other)|^(?:我(?![哋們])|請|唔該|麻煩|你|下一|多謝|跟住|有冇)",
    re.I,
)


def _stated_after(later: list[str], proposal: str) -> tuple[str, bool] | None:
    """The statement after a bare "Agreed." in the same turn that says what is agreed, and whether it
    repeats the proposal before: a sentence that is no question, request or promise, and that either
    opens as a conclusion ("We close...", 咁就...) or restates the proposal."""
    if not later:
        return None
    sentence = later[0].strip()
    lead_gone = _strip_lead(sentence)  # "So, we close ..." is no "Mary, ..."
    if (
        sentence.endswith(("?", "？"))
        or _NOT_STATEMENT_RE.match(sentence)
        or _EN_VOCATIVE_RE.match(lead_gone)
    ):
        return None
    text = _decision_text(lead_gone)
    if len(_content_words(text) - _DECISION_WORDS) < 2 and len(_HAN_RE.findall(text)) < 3:
        return None
    repeats = bool(proposal) and _overlap(proposal, text) >= 0.4
    if not (repeats or _CONCLUSION_RE.match(sentence)):
        return None
    return text, repeats


def _proposal_before(earlier: list[str], texts: list[str], position: int) -> tuple[str, list[int]] | None:
    """The proposal a bare "Agreed." / 就咁決定 adopts: the last proposal ("I propose", "how about", 不如,
    建議) in the last few turns, else the last substantial sentence before it."""
    pools = [(sentence, None) for sentence in earlier]
    for back in range(max(position - 3, 0), position):
        pools.extend((sentence, back) for sentence in _sentences(texts[back]))
    substantial = [
        (sentence, back)
        for sentence, back in pools
        if len(_content_words(sentence)) >= 3 or len(_HAN_RE.findall(sentence)) >= 5
    ]
    if not substantial:
        return None
    proposals = [item for item in substantial if _PROPOSAL_RE.search(item[0])]
    sentence, back = (proposals or substantial)[-1]
    return _decision_text(_strip_lead(sentence)), ([] if back is None else [back])


def _final_decisions(found: list[tuple[str, list[int], int]]) -> list[Decision]:
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
