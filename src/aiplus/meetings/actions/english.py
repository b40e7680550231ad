"""Actions asked for or promised in an English sentence: its owner, its task and how firm it is."""

import re

from aiplus.meetings.actions.context import _Context
from aiplus.meetings.actions.cues import (
    _CONDITION_OK_RE,
    _IMPERATIVE_RE,
    _PROCEDURE_RE,
    _SPEECH_VERB_RE,
    _strip_lead,
)
from aiplus.meetings.actions.people import (
    ACCEPTOR,
    ADDRESSEE,
    GROUP,
    NAMED,
    NOBODY,
    SPEAKER,
    _Owner,
    _owner_of,
    _People,
)

# English patterns, tried in order on a sentence stripped of its leading "so", "OK", "yes"...
_EN_SELF_RE = re.compile(
    r"^(?:i(?:'ll| will| shall|'m going to| am going to|'m gonna| am gonna| can| plan to| intend to| volunteer to|"
    r"'d like to| would like to| want to| hope to|'m hoping to| am planning to|'m planning to|"
    r"'d be happy to| would be happy to|'m happy to| am happy to|'ll be happy to| will be happy to| undertake to|"
    r"'ll need to| will need to| need to| have to|'ve got to| must| should|'d better| had better| could|"
    r"'ll be| will be)|let me|leave it with me(?: and i'll| and i will)?|i'll take that away and|"
    r"i will take that away and)\s+(?P<task>.+)$",
    re.I,
)
_EN_ASK_YOU_RE = re.compile(
    r"^(?:would you mind|do you mind|(?:can|could|would|will)\s+you(?:\s+(?:please|kindly|also|maybe|perhaps|"
    r"just|then|possibly|guys|all))*|please(?:\s+(?:could|can|would)\s+you)?|kindly|"
    r"(?:can|could|may) i (?:ask|get) you to|i'd like you to|i would like you to|i want you to|i need you to|"
    r"i'll need you to|we need you to|we'd like you to|we would like you to|you'll need to|you will need to|"
    r"you need to|you have to|you must|you should|you'll have to|you will have to|you'll|you will|"
    r"you could|you can|you to|are you (?:able|ok|okay|happy) to|is it possible (?:for you )?to|"
    r"any chance you could|do you think you could)\s+(?P<task>.+)$",
    re.I,
)
_EN_WANT_RE = re.compile(
    r"^(?:i'd like|i would like|i want|i need|i'll need|we'd like|we would like|we need|we'll need|i'd appreciate|"
    r"i would appreciate|can i have|could i have|can i get|could i get|can we have|could we have|can we get|"
    r"could we get|let's have|let's get)\s+(?P<task>(?:a|an|the|some|your|that|this|it|them)\b.+)$",
    re.I,
)
_EN_WANT_OWNER_RE = re.compile(
    r"^(?:i'd like|i would like|i want|i need|we'd like|we would like|we need|i'll need|we'll need|i'd ask|"
    r"i would ask|can we ask|could we ask|can we get|could we get|we should ask|we'll ask|we will ask|"
    r"let's ask|let's have|let's get|let us ask|let us have|let us get|ask|get|have|i'll ask|i will ask|"
    r"i'll get|i'll have)\s+(?P<owner>[^,]{1,40}?)\s+(?:to\s+)?(?P<task>(?:\w+)\b.*)$",
    re.I,
)
_EN_MODAL = (
    r"will|'ll|shall|is going to|are going to|'s going to|'re going to|is to|are to|to|needs to|need to|"
    r"must|should|has to|have to|will need to|'ll need to|can|is responsible for|are responsible for|"
    r"will be responsible for|'ll be responsible for|will take care of|'ll take care of|is taking|are taking|"
    r"will take|'ll take|will own|owns|is handling|are handling|will handle|'ll handle|will look after|"
    r"has agreed to|have agreed to|agreed to|volunteered to|offered to|is going to|will follow up|"
    r"'ll follow up|to follow up|will be|'ll be|is asked to|are asked to|was asked to|were asked to|"
    r"is requested to|are requested to|was requested to|were requested to|is tasked with|are tasked with|"
    r"will continue to|'ll continue to|would|could|may|might"
)
_EN_SUBJECT_RE = re.compile(
    rf"^(?P<owner>(?:the |our |my )?[\w&'./-]+(?:\s+(?:and\s+|of\s+|&\s+)?[\w&'./-]+){{0,4}}?)\s*(?P<modal>{_EN_MODAL})\s+(?P<task>.+)$",
    re.I,
)
_EN_LETS_RE = re.compile(r"^(?:let's|let us|we'll|we will|we're going to|we are going to|we shall|"
                         r"we need to|we have to|we must|we should|we'll need to|we will need to|"
                         r"we'd better|we can|we'll have to|we will have to)\s+(?P<task>.+)$", re.I)  # fmt: skip
_EN_SOMEONE_RE = re.compile(
    r"^(?:(?:can|could|would|will)\s+(?:someone|somebody|anyone|anybody|one of you)|who\s+(?:can|could|will|"
    r"is going to|'s going to|wants to|would like to|is able to|'ll|would)|(?:does|would|will)\s+(?:anyone|"
    r"anybody|someone|somebody)\s+(?:want to|like to|volunteer to|be able to|be willing to)|"
    r"(?:we need|i need|we'll need|we will need)\s+(?:someone|somebody|a volunteer)\s+to|"
    r"any volunteers? (?:to|for)|(?:someone|somebody)(?: (?:from|in|at|on) (?:the )?[\w&' -]{1,30}?)? (?:needs to|has to|"
    r"should|must|will need to|will have to|'ll need to|'ll have to))\s+(?P<task>.+)$",
    re.I,
)
_EN_OFFER_RE = re.compile(
    r"^(?:shall|should|can|may)\s+i\s+(?P<task>.+)$|^(?:do|would)\s+you\s+want\s+me\s+to\s+(?P<task2>.+)$|"
    r"^(?:i could|i can|happy to|i'm happy to|i am happy to)\s+(?P<task3>.+?)\s*(?:if you like|if you want|"
    r"if that helps|if needed|if that's useful)$",
    re.I,
)
_EN_LABEL_RE = re.compile(
    r"^(?:action(?:\s+items?|\s+points?)?s?|ai|ap|follow[- ]ups?|to-?dos?|next steps?)(?:\s+(?:for|on)\s+"
    r"(?P<owner>[^:：—–-]{1,40}))?\s*[:：—–-]\s*(?P<rest>.+)$",
    re.I,
)
_EN_PASSIVE_RE = re.compile(
    r"^(?P<object>.+?)\s+(?:should|must|needs to|need to|has to|have to|will need to|is to|are to)\s+be\s+"
    r"(?P<verb>\w+(?:ed|en)|sent|done|made|set|put|built|sent out|paid|sold|kept)\b(?P<rest>.*)$",
    re.I,
)
_EN_VOCATIVE_RE = re.compile(r"^(?P<owner>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})\s*,\s*(?P<rest>.+)$")
_EN_VOCATIVE_END_RE = re.compile(
    r"^(?P<rest>.+?),\s*(?P<owner>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})\s*[?.!]*$"
)


_EN_COULD_OWNER_RE = re.compile(
    r"^(?:please\s+)?(?:could|can|would|will|may)\s+(?!you\b|i\b|we\b)(?P<rest>.+)$", re.I
)


def _leading_owner(text: str, people: _People) -> tuple[_Owner, str] | None:
    """The longest run of up to five words opening ``text`` that names an owner, and the words after it
    (without a "please")."""
    words = text.split()
    for size in range(min(5, len(words) - 1), 0, -1):
        owner = _owner_of(" ".join(words[:size]), people)
        if owner is not None:
            rest = " ".join(words[size:])
            return owner, re.sub(r"^please\s+", "", rest, flags=re.I)
    return None


# What "we will ..." does that decides rather than tasks: "We'll defer the move to the third quarter".
_GROUP_DECISION_RE = re.compile(
    r"^(?:defer|postpone|adopt|keep|retain|drop|shelve|scrap|cancel|approve|accept|reject|go ahead|hold off|"
    r"freeze|suspend|stay with|continue with|stick with|go with|proceed with|leave|not|agree|decide|use|"
    r"prioriti[sz]e|take option|choose|pick|opt)\b",
    re.I,
)


def _english_action(text: str, context: _Context, depth: int = 0) -> tuple[_Owner, str, dict] | None:
    """(owner, task, flags) for an English sentence that asks or promises something, else None."""
    if depth > 2:
        return None
    people = context.people
    text = _strip_lead(text)
    conditional = _CONDITION_OK_RE.match(text)
    if conditional:
        text = _strip_lead(text[conditional.end() :])
    question = text.rstrip().endswith("?")
    body = text.rstrip(" ?.!")
    flags: dict = {}

    match = _EN_LABEL_RE.match(body)
    if match:
        rest = match["rest"]
        flags = {"explicit": True}
        owner = _owner_of(match["owner"], people) if match["owner"] else None
        inner = _english_action(rest, context, depth + 1)
        if inner:
            return (owner or inner[0]), inner[1], {**inner[2], **flags}
        dash = re.match(r"^(?P<owner>[^—–:-]{1,40}?)\s*[—–:-]\s*(?P<task>.+)$", rest)
        if dash and _owner_of(dash["owner"], people):
            return _owner_of(dash["owner"], people), dash["task"], flags
        tail = re.match(r"^(?P<task>.+?)\s*[(（]\s*(?P<owner>[^)）]{1,40})[)）]$", rest)
        if tail and _owner_of(tail["owner"], people):
            return _owner_of(tail["owner"], people), tail["task"], flags
        return owner or _Owner(NOBODY), rest, flags

    match = _EN_VOCATIVE_RE.match(body)
    if match:
        owner = _owner_of(match["owner"], people)
        if owner and owner.kind == NAMED:
            context.vocative = owner
            inner = _english_action(match["rest"] + ("?" if question else ""), context, depth + 1)
            if inner:
                found, task, inner_flags = inner
                if found.kind in (ADDRESSEE, NOBODY):
                    found = owner
                return found, task, inner_flags
            rest = _strip_lead(match["rest"])
            if _IMPERATIVE_RE.match(rest) and not question:
                return owner, rest, {}
            return None
    match = _EN_VOCATIVE_END_RE.match(text)
    if match and re.match(r"^(?:can|could|would|will|please)\b", match["rest"], re.I):
        owner = _owner_of(match["owner"], people)
        if owner and owner.kind == NAMED:
            inner = _english_action(match["rest"], context, depth + 1)
            if inner and inner[0].kind in (ADDRESSEE, NOBODY):
                return owner, inner[1], inner[2]

    match = _EN_SOMEONE_RE.match(body)
    if match:
        return _Owner(ACCEPTOR), match["task"], {"needs_acceptance": True}
    match = re.match(
        r"^(?:can|could) we (?:please )?(?:get|have)\s+(?P<task>(?:a|an|the|some)\b.+)$", body, re.I
    )
    if match and question:
        return _Owner(ACCEPTOR), match["task"], {"needs_acceptance": True}
    match = _EN_OFFER_RE.match(body)
    if match and (question or match["task3"]):
        return _Owner(SPEAKER), match["task"] or match["task2"] or match["task3"], {"needs_acceptance": True}

    match = re.match(r"^give (?:me|us)\s+(?:until\s+)?(?:for|to)\s+(?P<task>.+)$", body, re.I)
    if match:
        return _Owner(SPEAKER), match["task"], {}

    match = _EN_SELF_RE.match(body)
    if match:
        task = match["task"]
        lead = body[: match.start("task")].lower()
        if re.match(r"^(?:'ll be|will be)", lead[1:].strip()) and not re.match(
            r"^(?:responsible|in touch|sending|circulating|drafting|preparing|writing|following|contacting|"
            r"getting|updating|working|looking|checking|taking|meeting|calling|arranging|organi[sz]ing|"
            r"handling|doing|speaking|talking)\b",
            task,
            re.I,
        ):
            return None
        if re.match(r"^i (?:can|could)\b", lead) and re.match(
            r"^(?:see|hear|understand|imagine|live)\b", task, re.I
        ):
            return None
        speech = _SPEECH_VERB_RE.match(task) and not re.match(
            r"^(?:check|ask|find|get back|come back)\b", task, re.I
        )
        later = re.match(r"^(?:remind|tell|confirm|add|go)\b", task, re.I) and re.search(
            r"\b(?:by|before|after|next|tomorrow|later|on)\b", task, re.I
        )
        if speech and not later:
            return None
        if question and not re.match(r"^let me", lead):
            return None
        if re.match(r"^(?:need|want|like|love)\s+(?:a|an|the|some|your|their|his|her|it|them)\b", task, re.I):
            return None  # "I'll need the list of users": a want, which someone else may meet
            return None
        if re.match(
            r"^(?:hold off|wait|pass|abstain|stay out|not|never|hold back|leave it|keep quiet|leave|go|run|dash|"
            r"head off|step out|drop off|be off|be late|be away|be on leave|miss)\b(?! ahead with| and| to)",
            task,
            re.I,
        ):
            return None
        if re.match(
            r"^(?:i'd like to|i would like to|i want to|i hope to|i'm hoping to|i plan to|i intend to)", lead
        ):
            return _Owner(SPEAKER), task, {"unless_accepted": True}
        offer = bool(re.match(r"^i could\b", lead))
        return _Owner(SPEAKER), task, {"needs_acceptance": offer}

    match = _EN_COULD_OWNER_RE.match(body)
    if match:
        found = _leading_owner(match["rest"], people)
        if found and found[0].kind == NAMED and not _SPEECH_VERB_RE.match(found[1]):
            return found[0], found[1], {}

    match = _EN_ASK_YOU_RE.match(body)
    if match:
        task = match["task"]
        lead = body[: match.start("task")].lower()
        if _SPEECH_VERB_RE.match(task) and not re.search(
            r"\b(?:by|before|next|tomorrow|later)\b", task, re.I
        ):
            return None
        if re.match(r"^(?:you could|you can|you'll|you will)$", lead.strip()) and not question:
            if not _IMPERATIVE_RE.match(task):
                return None
            return _Owner(ADDRESSEE), task, {"needs_acceptance": lead.strip() in ("you could", "you can")}
        owner = context.vocative or _Owner(ADDRESSEE)
        return owner, task, {}

    match = _EN_WANT_OWNER_RE.match(body)
    if match:
        owner = _owner_of(match["owner"], people)
        lead = body[: match.start("owner")].lower().strip()
        if owner and owner.kind not in (SPEAKER, GROUP) and not _SPEECH_VERB_RE.match(match["task"]):
            if lead.startswith(("i'll", "i will", "we'll", "we will", "we should")):
                who = _Owner(SPEAKER) if lead.startswith("i") else _Owner(GROUP)
                return who, body[len(lead) :].strip(), {}
            return owner, match["task"], {}
    match = _EN_WANT_RE.match(body)
    if match and context.vocative is not None:
        return context.vocative, match["task"], {}

    match = _EN_SUBJECT_RE.match(body)
    if match:
        owner = _owner_of(match["owner"], people)
        modal = match["modal"].lower()
        task = match["task"]
        if owner and owner.kind not in (SPEAKER,):
            if owner.kind == ADDRESSEE and context.vocative is not None:
                owner = context.vocative
            if modal in ("would", "could", "may", "might"):
                return None
            if modal.endswith("be") and not re.match(r"^(?:responsible|in touch|\w+ing)\b", task, re.I):
                return None
            if _SPEECH_VERB_RE.match(task) and not re.match(r"^(?:check|ask|find|confirm)\b", task, re.I):
                return None
            if owner.kind == GROUP and modal in ("should", "can"):
                return None
            if question and owner.kind != ADDRESSEE:
                return None
            if owner.kind == GROUP and (modal in ("to", "to follow up") or modal.endswith("agreed to")):
                return None
            if owner.kind == GROUP and _GROUP_DECISION_RE.match(task):
                return None
            if modal == "to follow up" or modal in ("will follow up", "'ll follow up"):
                task = "follow up " + task
            return owner, task, {}

    match = _EN_LETS_RE.match(body)
    if match and not question:
        task = match["task"]
        lead = body[: match.start("task")].lower()
        if _PROCEDURE_RE.match(task) or _SPEECH_VERB_RE.match(task):
            return None
        if "should" in lead or "can" in lead:
            flags["weak"] = True
        if lead.startswith("let"):
            ask = re.match(
                r"^(?:have|get|ask)\s+(?P<owner>[^,]{1,40}?)\s+(?:to\s+)?(?P<task>\w+\b.*)$", task, re.I
            )
            if ask:
                owner = _owner_of(ask["owner"], people)
                if owner:
                    return owner, ask["task"], {}
        if _GROUP_DECISION_RE.match(task):
            return None
        return _Owner(GROUP), task, flags

    match = _EN_PASSIVE_RE.match(body)
    if match and not question:
        return _Owner(NOBODY), f"{match['verb']} {match['object']}{match['rest']}", {"weak": True}

    if context.vocative is not None and _IMPERATIVE_RE.match(body) and not question:
        return context.vocative, body, {}
    if _IMPERATIVE_RE.match(body) and not question and not _SPEECH_VERB_RE.match(body):
        return _Owner(ADDRESSEE), body, {"unless_accepted": True}
    return None
