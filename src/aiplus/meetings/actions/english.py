"""Actions asked for or promised in an English sentence: its owner, its task and how firm it is."""

import re

from aiplus.meetings.actions.context import Context
from aiplus.meetings.actions.cues import (
    strip_lead,
)
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
from aiplus.meetings.actions.tables import pattern


def leading_owner(text: str, people: People) -> tuple[Owner, str] | None:
    """The longest run of up to five words opening ``text`` that names an owner, and the words after it
    (without a "please")."""
    words = text.split()
    for size in range(min(5, len(words) - 1), 0, -1):
        owner = owner_of(" ".join(words[:size]), people)
        if owner is not None:
            rest = " ".join(words[size:])
            return owner, re.sub(r"^please\s+", "", rest, flags=re.I)
    return None


def english_action(text: str, context: Context, depth: int = 0) -> tuple[Owner, str, dict] | None:
    """(owner, task, flags) for an English sentence that asks or promises something, else None."""
    if depth > 2:
        return None
    people = context.people
    text = strip_lead(text)
    conditional = pattern("condition_ok").match(text)
    if conditional:
        text = strip_lead(text[conditional.end() :])
    question = text.rstrip().endswith("?")
    body = text.rstrip(" ?.!")
    flags: dict = {}

    match = pattern("en_label").match(body)
    if match:
        rest = match["rest"]
        flags = {"explicit": True}
        owner = owner_of(match["owner"], people) if match["owner"] else None
        inner = english_action(rest, context, depth + 1)
        if inner:
            return (owner or inner[0]), inner[1], {**inner[2], **flags}
        dash = re.match(r"^(?P<owner>[^—–:-]{1,40}?)\s*[—–:-]\s*(?P<task>.+)$", rest)
        if dash and owner_of(dash["owner"], people):
            return owner_of(dash["owner"], people), dash["task"], flags
        tail = re.match(r"^(?P<task>.+?)\s*[(（]\s*(?P<owner>[^)）]{1,40})[)）]$", rest)
        if tail and owner_of(tail["owner"], people):
            return owner_of(tail["owner"], people), tail["task"], flags
        return owner or Owner(NOBODY), rest, flags

    match = pattern("en_vocative").match(body)
    if match:
        owner = owner_of(match["owner"], people)
        if owner and owner.kind == NAMED:
            context.vocative = owner
            inner = english_action(match["rest"] + ("?" if question else ""), context, depth + 1)
            if inner:
                found, task, inner_flags = inner
                if found.kind in (ADDRESSEE, NOBODY):
                    found = owner
                return found, task, inner_flags
            rest = strip_lead(match["rest"])
            if pattern("imperative").match(rest) and not question:
                return owner, rest, {}
            return None
    match = pattern("en_vocative_end").match(text)
    if match and re.match(r"^(?:can|could|would|will|please)\b", match["rest"], re.I):
        owner = owner_of(match["owner"], people)
        if owner and owner.kind == NAMED:
            inner = english_action(match["rest"], context, depth + 1)
            if inner and inner[0].kind in (ADDRESSEE, NOBODY):
                return owner, inner[1], inner[2]

    match = pattern("en_someone").match(body)
    if match:
        return Owner(ACCEPTOR), match["task"], {"needs_acceptance": True}
    match = re.match(
        r"^(?:can|could) we (?:please )?(?:get|have)\s+(?P<task>(?:a|an|the|some)\b.+)$", body, re.I
    )
    if match and question:
        return Owner(ACCEPTOR), match["task"], {"needs_acceptance": True}
    match = pattern("en_offer").match(body)
    if match and (question or match["task3"]):
        return Owner(SPEAKER), match["task"] or match["task2"] or match["task3"], {"needs_acceptance": True}

    match = re.match(r"^give (?:me|us)\s+(?:until\s+)?(?:for|to)\s+(?P<task>.+)$", body, re.I)
    if match:
        return Owner(SPEAKER), match["task"], {}

    match = pattern("en_self").match(body)
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
        speech = pattern("speech_verb").match(task) and not re.match(
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
            return None  # "I'll need the names of the interns": a want, which someone else may meet
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
            return Owner(SPEAKER), task, {"unless_accepted": True}
        offer = bool(re.match(r"^i could\b", lead))
        return Owner(SPEAKER), task, {"needs_acceptance": offer}

    match = pattern("en_could_owner").match(body)
    if match:
        found = leading_owner(match["rest"], people)
        if found and found[0].kind == NAMED and not pattern("speech_verb").match(found[1]):
            return found[0], found[1], {}

    match = pattern("en_ask_you").match(body)
    if match:
        task = match["task"]
        lead = body[: match.start("task")].lower()
        if pattern("speech_verb").match(task) and not re.search(
            r"\b(?:by|before|next|tomorrow|later)\b", task, re.I
        ):
            return None
        if re.match(r"^(?:you could|you can|you'll|you will)$", lead.strip()) and not question:
            if not pattern("imperative").match(task):
                return None
            return Owner(ADDRESSEE), task, {"needs_acceptance": lead.strip() in ("you could", "you can")}
        owner = context.vocative or Owner(ADDRESSEE)
        return owner, task, {}

    match = pattern("en_want_owner").match(body)
    if match:
        owner = owner_of(match["owner"], people)
        lead = body[: match.start("owner")].lower().strip()
        if owner and owner.kind not in (SPEAKER, GROUP) and not pattern("speech_verb").match(match["task"]):
            if lead.startswith(("i'll", "i will", "we'll", "we will", "we should")):
                who = Owner(SPEAKER) if lead.startswith("i") else Owner(GROUP)
                return who, body[len(lead) :].strip(), {}
            return owner, match["task"], {}
    match = pattern("en_want").match(body)
    if match and context.vocative is not None:
        return context.vocative, match["task"], {}

    match = pattern("en_subject").match(body)
    if match:
        owner = owner_of(match["owner"], people)
        modal = match["modal"].lower()
        task = match["task"]
        if owner and owner.kind not in (SPEAKER,):
            if owner.kind == ADDRESSEE and context.vocative is not None:
                owner = context.vocative
            if modal in ("would", "could", "may", "might"):
                return None
            if modal.endswith("be") and not re.match(r"^(?:responsible|in touch|\w+ing)\b", task, re.I):
                return None
            if pattern("speech_verb").match(task) and not re.match(
                r"^(?:check|ask|find|confirm)\b", task, re.I
            ):
                return None
            if owner.kind == GROUP and modal in ("should", "can"):
                return None
            if question and owner.kind != ADDRESSEE:
                return None
            if owner.kind == GROUP and (modal in ("to", "to follow up") or modal.endswith("agreed to")):
                return None
            if owner.kind == GROUP and pattern("group_decision").match(task):
                return None
            if modal == "to follow up" or modal in ("will follow up", "'ll follow up"):
                task = "follow up " + task
            return owner, task, {}

    match = pattern("en_lets").match(body)
    if match and not question:
        task = match["task"]
        lead = body[: match.start("task")].lower()
        if pattern("procedure").match(task) or pattern("speech_verb").match(task):
            return None
        if "should" in lead or "can" in lead:
            flags["weak"] = True
        if lead.startswith("let"):
            ask = re.match(
                r"^(?:have|get|ask)\s+(?P<owner>[^,]{1,40}?)\s+(?:to\s+)?(?P<task>\w+\b.*)$", task, re.I
            )
            if ask:
                owner = owner_of(ask["owner"], people)
                if owner:
                    return owner, ask["task"], {}
        if pattern("group_decision").match(task):
            return None
        return Owner(GROUP), task, flags

    match = pattern("en_passive").match(body)
    if match and not question:
        return Owner(NOBODY), f"{match['verb']} {match['object']}{match['rest']}", {"weak": True}

    if context.vocative is not None and pattern("imperative").match(body) and not question:
        return context.vocative, body, {}
    if pattern("imperative").match(body) and not question and not pattern("speech_verb").match(body):
        return Owner(ADDRESSEE), body, {"unless_accepted": True}
    return None
