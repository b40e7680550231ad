"""Actions asked for or promised in a written Chinese, Cantonese or code-mixed sentence, and where a
sentence is cut when a second owner starts."""

import re

from aiplus.core.language import HAN, has_han
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
    owner_of,
)
from aiplus.meetings.actions.tables import alternation, pattern, word_set
from aiplus.meetings.actions.tasks import points_back

# Chinese patterns, searched within a sentence. Owners: a capitalised name, a surname with a title
# (陳生, 李小姐), a body (秘書處, IT組), or a pronoun.
_ZH_OWNER_PATTERNS = ("owner_latin_name", "zh_titled", "zh_body", "owner_pronoun_zh")


def zh_owner_at(text: str, at: int, context: Context) -> tuple[Owner, int] | None:
    """The owner named at a position of a Chinese sentence, and where the name ends."""
    while at < len(text) and text[at] in " ，,、":
        at += 1
    known = context.people.match_at(text, at)
    candidates: list[tuple[int, str]] = []
    if known:
        candidates.append((known.end(), known.group()))
    for name in _ZH_OWNER_PATTERNS:
        generic = pattern(name).match(text, at)
        if generic:
            candidates.append((generic.end(), generic.group()))
    for end, words in sorted(candidates, key=lambda c: -c[0]):
        owner = owner_of(words, context.people)
        if owner is None and re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", words):
            owner = Owner(NAMED, words) if words.lower() not in word_set("not_names") else None
        if owner is not None:
            return owner, end
    return None


def chinese_action(
    text: str, context: Context, due_then_handover: bool = False, dated: bool = False
) -> tuple[Owner, str, dict] | None:
    """(owner, task, flags) for a Chinese or code-mixed sentence that asks or promises something;
    ``due_then_handover`` when a deadline cut out of it came just before a 交俾 ("星期五前交俾我"), ``dated``
    when any deadline was cut out of it (a report asked for by a date is work after the meeting)."""
    people = context.people
    text = strip_lead(text)
    conditional = pattern("condition_ok_zh").match(text)
    if conditional:
        text = strip_lead(text[conditional.end() :])
    body = pattern("when_done_zh").sub(r"\1", text.rstrip(" ？?。.!！"))
    question = text.rstrip().endswith(("?", "？")) or bool(pattern("question_zh").search(text))
    polite_question = bool(
        re.search(r"可唔可以|可否|能否|得唔得|好唔好|OK唔OK|ok唔ok|得唔得閒|方唔方便|可以嗎", body)
    )

    # Label: 跟進事項：... / 行動：...
    label = re.match(
        r"^(?:跟進事項|跟進行動|行動事項|行動|待辦事項|待辦|跟進|Action|action|AI)\s*[:：]\s*(?P<rest>.+)$",
        body,
    )
    if label:
        inner = chinese_action(label["rest"], context, due_then_handover, dated)
        if inner:
            return inner[0], inner[1], {**inner[2], "explicit": True}
        tail = re.match(r"^(?P<task>.+?)\s*[(（]\s*(?P<owner>[^)）]{1,20})[)）]$", label["rest"])
        if tail and owner_of(tail["owner"], people):
            return owner_of(tail["owner"], people), tail["task"], {"explicit": True}
        return Owner(NOBODY), label["rest"], {"explicit": True}

    # 邊個跟? 有冇人可以...?
    someone = pattern("zh_someone").search(body)
    if someone and question:
        task = body[someone.end() :]
        task = re.sub(r"^(?:可以|願意|會|嚟|來|去|負責|得閒)+", "", task)
        before = body[: someone.start()]
        return Owner(ACCEPTOR), (before + task), {"needs_acceptance": True}
    if pattern("zh_offer").search(body) and question:
        return Owner(SPEAKER), pattern("zh_offer").sub("", body), {"needs_acceptance": True}

    # 由 X 負責 / 處理 / 跟進
    for by in pattern("zh_by").finditer(body):
        found = zh_owner_at(body, by.end(), context)
        if found and pattern("zh_by_verb").match(body[found[1] :]):
            owner, end = found
            rest = re.sub(
                r"^\s*(?:去|嚟|來)?\s*(?:負責|處理)(?=\s*[\w{HAN}])".replace("{HAN}", HAN), "", body[end:]
            )
            return owner, body[: by.start()] + rest, {}

    # 交俾 X 做
    handover = pattern("zh_handover").search(body)
    if handover:
        found = zh_owner_at(body, handover.end(), context)
        if (
            found
            and found[0].kind != ADDRESSEE
            and (
                pattern("zh_by_verb").match(body[found[1] :])
                or (
                    found[0].kind == SPEAKER
                    and not _hands_in(body[: handover.start()], context, due_then_handover)
                )
            )
        ):  # "培訓交俾人事組安排", "呢件事交俾我"; but "月底前交俾 IT組" hands a thing over
            owner, end = found
            thing, verb = re.sub(r"^(?:將|把|呢個|呢件事)?", "", body[: handover.start()]), body[end:]
            # "份問卷交俾我跟進": a bare verb after the one handed it acts on the thing handed ("跟進份問卷")
            bare = thing.strip() and verb.strip() and points_back(verb) and not re.search(r"佢|呢|嗰", verb)
            task = verb.strip() + thing.strip() if bare else thing + verb
            if owner.kind == SPEAKER:  # 交俾我: the speaker takes it
                return Owner(SPEAKER), task, {}
            return owner, task, {}

    # 請 X ... / 唔該你 ... / 麻煩 X ...
    request = pattern("zh_request").search(body)
    if request and not re.match(r"^\s*(?:晒|哂|你(?:哋)?晒)?\s*(?:[。！!，,]|$)", body[request.end() :]):
        rest_at = request.end()
        if body[rest_at : rest_at + 1] in ("晒", "哂"):
            rest_at += 1
        found = zh_owner_at(body, rest_at, context)
        before = body[: request.start()]
        vocative = _zh_vocative(before, context)
        asked = found[1] if found and found[0].kind not in (SPEAKER, GROUP) else rest_at
        later = dated or re.search(r"下次|會後|之後|稍後|前", body[asked:])
        if pattern("zh_speech").match(body[asked:]) and not later:
            return None  # "請秘書報告上次會議嘅跟進", "秘書請報告...": said now, at the meeting
        if found and found[0].kind not in (SPEAKER, GROUP):
            owner, end = found
            if owner.kind == ADDRESSEE:
                owner = vocative or context.vocative or owner
            if owner.kind == NOBODY:
                owner = Owner(NOBODY)
            topic = "" if vocative else before
            return owner, topic + body[end:], {}
        owner = vocative or context.vocative or Owner(ADDRESSEE)
        return owner, ("" if vocative else before) + body[rest_at:], {}

    # X 你 ... (vocative), 你 ..., 我 ..., X 會 ...
    best: tuple[Owner, str, dict] | None = None
    for start in _owner_starts(body):
        found = zh_owner_at(body, start, context)
        if not found:
            continue
        owner, end = found
        rest = body[end:]
        before = body[:start]
        if pattern("zh_object_before").search(before):  # "俾我睇", "追 IT組": whom it is for, not who does it
            continue
        # "嗰邊我哋管唔到, 但係 Peter 你...": a clause of its own before the name is no part of the task
        topic = pattern("connective").sub("", re.split(r"[，,]", before)[-1])
        if owner.kind == NAMED:
            after_name = re.match(r"^[\s，,]*(?:你|您)(?:哋組|哋|們)?(?:組|team)?", rest)
            if after_name:  # "Peter 你 handle 埋個 tender", "阿強你哋組負責開放日"
                context.vocative = owner
                rest = rest[after_name.end() :]
                if pattern("zh_not_after").match(rest) and not pattern("zh_subject_modal").match(rest):
                    continue
                if pattern("zh_speech").match(rest) and not re.search(r"下次|會後|之後|稍後|前", rest):
                    return None  # "Bonnie 你 share 個 screen?": now, at the meeting
                return owner, topic + rest, {}
            if re.match(r"^\s*[，,]", rest) and start == 0:  # "Peter，..." sets who is addressed
                context.vocative = owner
                continue
            if pattern("zh_not_after").match(rest) and not re.match(r"^\s*(?:會|將|要|須|負責)", rest):
                continue
            if pattern("zh_speech").match(rest):
                continue
            if pattern("zh_subject_modal").match(rest) and not question:
                return owner, before + rest, {}
            continue
        if owner.kind == ADDRESSEE:
            if pattern("zh_not_after").match(rest) and not re.match(
                r"^\s*(?:要|需要|負責|記得|再|就|先|幫|同我)", rest
            ):
                continue
            if question and not polite_question:
                continue
            who = context.vocative or _zh_vocative(before, context) or Owner(ADDRESSEE)
            if pattern("zh_subject_modal").match(rest) or re.search(r"[啦吖喇]\s*$", body):
                topic = "" if _zh_vocative(before, context) else before
                return who, topic + rest, {}
            continue
        if owner.kind == SPEAKER:
            if body[start : start + 2] in ("我哋", "我們"):
                continue
            if pattern("zh_not_after").match(rest) or question:
                continue
            if pattern("zh_self").match(rest):  # "我諗我嚟擬份通告": the "I think" goes
                best = best or (Owner(SPEAKER), re.sub(r"我?(?:諗|覺得|想)\s*$", "", topic) + rest, {})
            continue
        if owner.kind == GROUP:
            if question or pattern("zh_not_after").match(rest) or pattern("zh_discuss").match(rest):
                continue
            if pattern("zh_subject_modal").match(rest) or pattern("zh_follow").search(rest):
                weak = not re.match(r"^\s*(?:會|將|要|需要|須|必須|再|跟進|follow)", rest, re.I)
                best = best or (Owner(GROUP), before + rest, {"weak": weak})
            continue
    if best:
        return best

    # "Ivy，追 IT組 要份 report": a verb straight after the name addressed is asked of them
    addressed = re.match(r"^[^，,]{1,12}[，,]\s*", body) if context.vocative is not None else None
    if addressed:
        body = body[addressed.end() :]
        if (
            re.match(rf"^(?:{alternation('verbs_zh')})", body, re.I)
            and not question
            and not pattern("zh_not_after").match(body)
            and not pattern("zh_speech").match(body)
        ):
            return context.vocative, body, {}
    # ...之前俾我 / ...前提交
    if (pattern("zh_give_me").search(body) or pattern("zh_submit").search(body)) and not question:
        return context.vocative or Owner(ADDRESSEE), body, {"weak": True}
    return None


def _hands_in(before: str, context: Context, due_then_handover: bool) -> bool:
    """Whether 交俾我 hands in what someone is asked to do ("Peter 你跟進，月底前交俾我", "做完交俾我") rather
    than gives the work to the speaker ("呢件事交俾我，星期五前搞掂"): a person asked, or a deadline or the
    work finished just before it."""
    asked = context.vocative is not None or re.search(r"你|您", before) or context.people.search(before)
    return due_then_handover or bool(asked) or bool(re.search(r"[完好晒掂]\s*$", before))


def _owner_starts(body: str) -> list[int]:
    """Positions where an owner may start: the beginning, after punctuation, and at each 我 / 你 / 佢 and
    capitalised word."""
    starts = {0}
    for match in re.finditer(r"[，,、\s]+", body):
        starts.add(match.end())
    for match in re.finditer(r"我哋|我們|我|你|您|[A-Z][a-z]+", body):
        if match.group()[0].isupper() and match.start() > 0 and body[match.start() - 1].isalpha():
            continue
        starts.add(match.start())
    return sorted(s for s in starts if s < len(body))


def _zh_vocative(before: str, context: Context) -> Owner | None:
    """A name said just before a request: "Peter，唔該你..." / "陳生，麻煩..."."""
    before = before.strip(" ，,、")
    if not before:
        return None
    owner = owner_of(before, context.people)
    if owner and owner.kind == NAMED:
        return owner
    known = context.people.search(before)
    if known and known.end() == len(before):
        owner = owner_of(known.group(), context.people)
        if owner and owner.kind == NAMED:
            return owner
    return None


def owner_pieces(sentence: str, context: "Context") -> list[str]:
    """A sentence cut where a second owner starts: "Mary will draft it and Peter will check it", "培訓交俾
    人事組安排，李小姐你同人事組講一聲", "Tommy chase copy，我搞 vendor，Winnie 寫 press release"."""
    cut = re.split(
        r"(?:,\s*|;\s*|\s+)and\s+(?=(?:[A-Z][\w'-]*|the [A-Z][\w'-]*|I|we)\s+(?:will|'ll|to|can|should|is going to)\b)"
        r"|;\s*",
        sentence,
    )
    pieces: list[str] = []
    for part in cut:
        if not has_han(part):
            pieces.append(part)
            continue
        start = 0
        for comma in re.finditer(r"[，,；;、]\s*", part):
            at = comma.end()
            at += (
                len(pattern("connective").match(part[at:]).group())
                if pattern("connective").match(part[at:])
                else 0
            )
            if re.match(r"(?:請|唔該|麻煩|由)", part[at:]) or _starts_with_owner(part, at, context):
                pieces.append(part[start : comma.start()])
                start = at
        pieces.append(part[start:])
    return [piece for piece in pieces if piece and piece.strip()]


def _starts_with_owner(text: str, at: int, context: "Context") -> bool:
    found = zh_owner_at(text, at, context)
    if not found:
        return False
    owner, end = found
    rest = text[end:]
    if owner.kind in (NOBODY,):
        return False
    if owner.kind == SPEAKER and text[at : at + 2] not in ("我哋", "我們"):
        return bool(pattern("zh_self").match(rest)) and not pattern("zh_not_after").match(rest)
    if re.match(r"^[\s，,]*(?:你|您)(?![哋們])", rest) and owner.kind == NAMED:
        return True
    return (
        bool(pattern("zh_subject_modal").match(rest))
        and not pattern("zh_not_after").match(rest)
        and not pattern("zh_speech").match(rest)
    )
