"""Actions asked for or promised in a written Chinese, Cantonese or code-mixed sentence, and where a
sentence is cut when a second owner starts."""

import re

from aiplus.meetings.actions.context import _Context
from aiplus.meetings.actions.cues import (
    _CONDITION_OK_ZH_RE,
    _QUESTION_ZH_RE,
    _ZH_NOT_ACTION,
    _ZH_VERBS,
    _strip_lead,
)
from aiplus.meetings.actions.people import (
    _NOT_NAMES,
    _SURNAMES,
    _TITLES_ZH,
    _ZH_BODY_RE,
    ACCEPTOR,
    ADDRESSEE,
    GROUP,
    NAMED,
    NOBODY,
    SPEAKER,
    _Owner,
    _owner_of,
)
from aiplus.meetings.actions.tasks import _points_back
from aiplus.meetings.actions.text import _HAN, _has_han

# Chinese patterns, searched within a sentence. Owners: a capitalised name, a surname with a title
# (陳生, 李小姐), a body (秘書處, IT組), or a pronoun.
_ZH_OWNER_PATTERNS = (
    re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"),
    re.compile(f"(?:{_SURNAMES})(?:{_TITLES_ZH})"),
    _ZH_BODY_RE,
    re.compile(r"大家|各位|我哋|我們|你哋|你們|我|你|您|佢哋|佢|本人"),
)


def _zh_owner_at(text: str, at: int, context: _Context) -> tuple[_Owner, int] | None:
    """The owner named at a position of a Chinese sentence, and where the name ends."""
    while at < len(text) and text[at] in " ，,、":
        at += 1
    known = context.people.match_at(text, at)
    candidates: list[tuple[int, str]] = []
    if known:
        candidates.append((known.end(), known.group()))
    for pattern in _ZH_OWNER_PATTERNS:
        generic = pattern.match(text, at)
        if generic:
            candidates.append((generic.end(), generic.group()))
    for end, words in sorted(candidates, key=lambda c: -c[0]):
        owner = _owner_of(words, context.people)
        if owner is None and re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", words):
            owner = _Owner(NAMED, words) if words.lower() not in _NOT_NAMES else None
        if owner is not None:
            return owner, end
    return None


_ZH_BY_RE = re.compile(r"由")
_ZH_BY_VERB_RE = re.compile(
    r"^\s*(?:去|嚟|來|嚟去)?\s*(?:負責|處理|跟進|跟|搞|做|安排|統籌|準備|草擬|擬備|聯絡|handle|follow up|follow|跟手|"
    r"主理|牽頭|執行|督導|統一|協調)",
    re.I,
)
_ZH_REQUEST_RE = re.compile(
    r"(?:煩請|敬請|懇請|(?<![申邀聘宴])請|唔該|麻煩|拜託|拜托|勞煩)(?!教|問|假|坐|講|客|咗|過|大家留意)"
)
_ZH_HANDOVER_RE = re.compile(r"(?:交(?:俾|畀|給|予|由)|交番俾|派(?:俾|畀|給)|分(?:俾|畀|給))")
_ZH_SUBJECT_MODAL_RE = re.compile(
    r"^\s*(?:會|將會|將|要|需要|須|必須|負責|嚟|來|去|跟進|跟手|跟|處理|搞掂|搞|handle|follow|可唔可以|可否|能否|"
    r"可以|幫手|幫我|幫|同我|記得|盡快|儘快|再|就|先|即刻|馬上|稍後|遲啲|一陣|返去|今日|聽日|承諾|答應|主動|"
    rf"(?:{_ZH_VERBS}))",
    re.I,
)
_ZH_TELL_RE = (
    r"同(?!意|事|時|樣|一|埋|你|您|大家|各位)[^，,。？?]{1,10}?(?:講|傾|說|溝通|商量|解釋|交代|confirm|check)"
)
_ZH_SELF_RE = re.compile(
    rf"^\s*(?:{_ZH_TELL_RE}|會|將會|嚟|來|去|負責|跟進|跟手|跟|處理|搞掂|搞|handle|follow|即刻|馬上|稍後|遲啲|一陣|返去|今日|"
    rf"聽日|再|盡快|儘快|可以幫|可以負責|可以跟|先|就|自己|親自|(?:{_ZH_VERBS}))",
    re.I,
)
_ZH_NOT_AFTER_RE = re.compile(rf"^\s*(?:{_ZH_NOT_ACTION})")
# Speaking now, at the meeting: "資訊科技組報告", "阿明你講下".
_ZH_SPEECH_RE = re.compile(
    r"^\s*(?:報告|匯報|講|介紹|補充|發言|回應|解釋|分享|話|提出|表示|指出|問|present|report|share|update下|"
    r"update 一下|講下|講吓|分享下|介紹下|先講|開始|(?:通知|回覆|覆)(?=\s*[，,:：]))",
    re.I,
)
_CONNECTIVE_RE = re.compile(r"^\s*(?:但係|但是|不過|但|而且|而|所以|咁)\s*")
# What "we" do that is talking, not a task: "我哋下個月再傾" defers a discussion.
_ZH_DISCUSS_RE = re.compile(
    r"^\s*(?:再|下次|遲啲|稍後|之後)?\s*(?:傾|討論|講|議|研究下|諗下|諗吓|開始|discuss|talk|revisit|start)",
    re.I,
)
_ZH_GIVE_ME_RE = re.compile(r"(?:俾|畀|給|交|send|email|傳|發|寄)(?:返|番)?(?:俾|畀|給)?我(?![哋們])", re.I)
_ZH_SUBMIT_RE = re.compile(
    r"(?:前|之前|以前)\s*(?:提交|遞交|呈交|交|完成|發出|回覆|覆|send|submit|俾|畀)", re.I
)
_ZH_SOMEONE_RE = re.compile(r"(?:邊個|邊位|邊一位|誰|哪位|哪一位|有冇人|有沒有人|有無人|邊個同事)(?:同事)?")
_ZH_OFFER_RE = re.compile(r"(?:使唔使|要唔要|需唔需要|洗唔洗)我|我(?:嚟|來)?(?:跟|做|負責)(?:好唔好|得唔得)")
_ZH_FOLLOW_RE = re.compile(r"跟進|follow\s*up", re.I)
# Verbs and prepositions after which a name is the object: "俾我睇", "追 IT組", "同區議會秘書處講".
_ZH_OBJECT_BEFORE_RE = re.compile(
    r"(?:俾|畀|給|同|叫|問|搵|追|通知|聯絡|知會|向|對|為|替|send|email|cc|chase|call|ask|tell|remind)\s*$",
    re.I,
)
# What happens at the meeting itself: declaring an interest, leaving and returning to the room, moving
# and seconding.
_ZH_AT_MEETING_RE = re.compile(r"離席|回席|退席|入席|離開會議室|申報(?:利益)?|動議|和議|宣布會議")
# The chair announcing the agenda: "我哋開始先，今日三樣嘢：...", "First item is ...", "Item two, the ...",
# "第二項，...", "下一個議題".
_NUMBER_WORDS = r"[一二兩三四五六七八九十幾\d]+|one|two|three|four|five|six|seven|eight|nine|ten|\d+"
_AGENDA_RE = re.compile(
    rf"^(?:(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|next|last|final|other|main)\s+"
    rf"(?:agenda\s+)?(?:item|items|topic|point|matter)|(?:agenda\s+)?item\s+(?:no\.?\s*)?(?:{_NUMBER_WORDS})|"
    rf"(?:today|this (?:morning|afternoon))\s+we(?:'ve| have)\s+(?:got\s+)?(?:{_NUMBER_WORDS}|a few|several)\s+"
    rf"(?:items|things|topics|matters)|we have (?:{_NUMBER_WORDS}|a few|several) (?:items|things|topics))\b|"
    rf"今日(?:主要|要|會)?(?:有|傾|討論|講)?\s*(?:{_NUMBER_WORDS})\s*(?:樣嘢|件事|個(?:議題|題目|項目)|項|點|個\s*items?|個\s*topics?)|"
    rf"^(?:第(?:{_NUMBER_WORDS})|下一)\s*(?:項|個議題|個\s*item|樣|件事|部分)|^議程",
    re.I,
)


# When, not what: "staging site 得咗之後開個 account", "等國豪確定咗開工日期就通知佢哋": the task follows it.
_WHEN_DONE_ZH_RE = re.compile(
    r"(^|[，,]\s*)(?:(?:等|待|當|一旦)[^，,。]{1,16}?咗[^，,。]{0,8}?(?:就|之後|以後|先|嗰陣)|"
    r"[^，,。]{3,16}?咗(?:之後|以後))\s*"
)


def _chinese_action(
    text: str, context: _Context, due_then_handover: bool = False
) -> tuple[_Owner, str, dict] | None:
    """(owner, task, flags) for a Chinese or code-mixed sentence that asks or promises something;
    ``due_then_handover`` when a deadline cut out of it came just before a 交俾 ("月底前交俾我")."""
    people = context.people
    text = _strip_lead(text)
    conditional = _CONDITION_OK_ZH_RE.match(text)
    if conditional:
        text = _strip_lead(text[conditional.end() :])
    body = _WHEN_DONE_ZH_RE.sub(r"\1", text.rstrip(" ？?。.!！"))
    question = text.rstrip().endswith(("?", "？")) or bool(_QUESTION_ZH_RE.search(text))
    polite_question = bool(
        re.search(r"可唔可以|可否|能否|得唔得|好唔好|OK唔OK|ok唔ok|得唔得閒|方唔方便|可以嗎", body)
    )

    # Label: 跟進事項：... / 行動：...
    label = re.match(
        r"^(?:跟進事項|跟進行動|行動事項|行動|待辦事項|待辦|跟進|Action|action|AI)\s*[:：]\s*(?P<rest>.+)$",
        body,
    )
    if label:
        inner = _chinese_action(label["rest"], context, due_then_handover)
        if inner:
            return inner[0], inner[1], {**inner[2], "explicit": True}
        tail = re.match(r"^(?P<task>.+?)\s*[(（]\s*(?P<owner>[^)）]{1,20})[)）]$", label["rest"])
        if tail and _owner_of(tail["owner"], people):
            return _owner_of(tail["owner"], people), tail["task"], {"explicit": True}
        return _Owner(NOBODY), label["rest"], {"explicit": True}

    # 邊個跟? 有冇人可以...?
    someone = _ZH_SOMEONE_RE.search(body)
    if someone and question:
        task = body[someone.end() :]
        task = re.sub(r"^(?:可以|願意|會|嚟|來|去|負責|得閒)+", "", task)
        before = body[: someone.start()]
        return _Owner(ACCEPTOR), (before + task), {"needs_acceptance": True}
    if _ZH_OFFER_RE.search(body) and question:
        return _Owner(SPEAKER), _ZH_OFFER_RE.sub("", body), {"needs_acceptance": True}

    # 由 X 負責 / 處理 / 跟進
    for by in _ZH_BY_RE.finditer(body):
        found = _zh_owner_at(body, by.end(), context)
        if found and _ZH_BY_VERB_RE.match(body[found[1] :]):
            owner, end = found
            rest = re.sub(
                r"^\s*(?:去|嚟|來)?\s*(?:負責|處理)(?=\s*[\w{_HAN}])".replace("{_HAN}", _HAN), "", body[end:]
            )
            return owner, body[: by.start()] + rest, {}

    # 交俾 X 做
    handover = _ZH_HANDOVER_RE.search(body)
    if handover:
        found = _zh_owner_at(body, handover.end(), context)
        if (
            found
            and found[0].kind != ADDRESSEE
            and (
                _ZH_BY_VERB_RE.match(body[found[1] :])
                or (
                    found[0].kind == SPEAKER
                    and not _hands_in(body[: handover.start()], context, due_then_handover)
                )
            )
        ):  # "培訓交俾人事組安排", "呢件事交俾我"; but "月底前交俾 IT組" hands a thing over
            owner, end = found
            thing, verb = re.sub(r"^(?:將|把|呢個|呢件事)?", "", body[: handover.start()]), body[end:]
            # "份問卷交俾我跟進": a bare verb after the one handed it acts on the thing handed ("跟進份問卷")
            bare = thing.strip() and verb.strip() and _points_back(verb) and not re.search(r"佢|呢|嗰", verb)
            task = verb.strip() + thing.strip() if bare else thing + verb
            if owner.kind == SPEAKER:  # 交俾我: the speaker takes it
                return _Owner(SPEAKER), task, {}
            return owner, task, {}

    # 請 X ... / 唔該你 ... / 麻煩 X ...
    request = _ZH_REQUEST_RE.search(body)
    if request and not re.match(r"^\s*(?:晒|哂|你(?:哋)?晒)?\s*(?:[。！!，,]|$)", body[request.end() :]):
        rest_at = request.end()
        if body[rest_at : rest_at + 1] in ("晒", "哂"):
            rest_at += 1
        found = _zh_owner_at(body, rest_at, context)
        before = body[: request.start()]
        vocative = _zh_vocative(before, context)
        if found and found[0].kind not in (SPEAKER, GROUP):
            owner, end = found
            if _ZH_SPEECH_RE.match(body[end:]) and not re.search(r"下次|會後|之後|稍後|前", body[end:]):
                return None  # "秘書請報告有否委員申報利益": said now, at the meeting
            if owner.kind == ADDRESSEE:
                owner = vocative or context.vocative or owner
            if owner.kind == NOBODY:
                owner = _Owner(NOBODY)
            topic = "" if vocative else before
            return owner, topic + body[end:], {}
        owner = vocative or context.vocative or _Owner(ADDRESSEE)
        return owner, ("" if vocative else before) + body[rest_at:], {}

    # X 你 ... (vocative), 你 ..., 我 ..., X 會 ...
    best: tuple[_Owner, str, dict] | None = None
    for start in _owner_starts(body):
        found = _zh_owner_at(body, start, context)
        if not found:
            continue
        owner, end = found
        rest = body[end:]
        before = body[:start]
        if _ZH_OBJECT_BEFORE_RE.search(before):  # "俾我睇", "追 IT組": whom it is for, not who does it
            continue
        # "我哋唔可以叫佢做嘢, 但係 Peter 你...": a clause of its own before the name is no part of the task
        topic = _CONNECTIVE_RE.sub("", re.split(r"[，,]", before)[-1])
        if owner.kind == NAMED:
            after_name = re.match(r"^[\s，,]*(?:你|您)(?:哋組|哋|們)?(?:組|team)?", rest)
            if after_name:  # "Peter 你 handle 埋個 tender", "志明你哋組負責聖誕聯歡"
                context.vocative = owner
                rest = rest[after_name.end() :]
                if _ZH_NOT_AFTER_RE.match(rest) and not _ZH_SUBJECT_MODAL_RE.match(rest):
                    continue
                if _ZH_SPEECH_RE.match(rest) and not re.search(r"下次|會後|之後|稍後|前", rest):
                    return None  # "Bonnie 你 share 個 screen?": now, at the meeting
                return owner, topic + rest, {}
            if re.match(r"^\s*[，,]", rest) and start == 0:  # "Peter，..." sets who is addressed
                context.vocative = owner
                continue
            if _ZH_NOT_AFTER_RE.match(rest) and not re.match(r"^\s*(?:會|將|要|須|負責)", rest):
                continue
            if _ZH_SPEECH_RE.match(rest):
                continue
            if _ZH_SUBJECT_MODAL_RE.match(rest) and not question:
                return owner, before + rest, {}
            continue
        if owner.kind == ADDRESSEE:
            if _ZH_NOT_AFTER_RE.match(rest) and not re.match(
                r"^\s*(?:要|需要|負責|記得|再|就|先|幫|同我)", rest
            ):
                continue
            if question and not polite_question:
                continue
            who = context.vocative or _zh_vocative(before, context) or _Owner(ADDRESSEE)
            if _ZH_SUBJECT_MODAL_RE.match(rest) or re.search(r"[啦吖喇]\s*$", body):
                topic = "" if _zh_vocative(before, context) else before
                return who, topic + rest, {}
            continue
        if owner.kind == SPEAKER:
            if body[start : start + 2] in ("我哋", "我們"):
                continue
            if _ZH_NOT_AFTER_RE.match(rest) or question:
                continue
            if _ZH_SELF_RE.match(rest):  # "我諗我嚟寫個初稿": the "I think" goes
                best = best or (_Owner(SPEAKER), re.sub(r"我?(?:諗|覺得|想)\s*$", "", topic) + rest, {})
            continue
        if owner.kind == GROUP:
            if question or _ZH_NOT_AFTER_RE.match(rest) or _ZH_DISCUSS_RE.match(rest):
                continue
            if _ZH_SUBJECT_MODAL_RE.match(rest) or _ZH_FOLLOW_RE.search(rest):
                weak = not re.match(r"^\s*(?:會|將|要|需要|須|必須|再|跟進|follow)", rest, re.I)
                best = best or (_Owner(GROUP), before + rest, {"weak": weak})
            continue
    if best:
        return best

    # "Ivy，追 IT組 要份 report": a verb straight after the name addressed is asked of them
    addressed = re.match(r"^[^，,]{1,12}[，,]\s*", body) if context.vocative is not None else None
    if addressed:
        body = body[addressed.end() :]
        if (
            re.match(rf"^(?:{_ZH_VERBS})", body, re.I)
            and not question
            and not _ZH_NOT_AFTER_RE.match(body)
            and not _ZH_SPEECH_RE.match(body)
        ):
            return context.vocative, body, {}
    # ...之前俾我 / ...前提交
    if (_ZH_GIVE_ME_RE.search(body) or _ZH_SUBMIT_RE.search(body)) and not question:
        return context.vocative or _Owner(ADDRESSEE), body, {"weak": True}
    return None


def _hands_in(before: str, context: _Context, due_then_handover: bool) -> bool:
    """Whether 交俾我 hands in what someone is asked to do ("Peter 你跟進，月底前交俾我", "做完交俾我") rather
    than gives the work to the speaker ("呢件事交俾我，月底前搞掂"): a person asked, or a deadline or the
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


def _zh_vocative(before: str, context: _Context) -> _Owner | None:
    """A name said just before a request: "Peter，唔該你..." / "陳生，麻煩..."."""
    before = before.strip(" ，,、")
    if not before:
        return None
    owner = _owner_of(before, context.people)
    if owner and owner.kind == NAMED:
        return owner
    known = context.people.search(before)
    if known and known.end() == len(before):
        owner = _owner_of(known.group(), context.people)
        if owner and owner.kind == NAMED:
            return owner
    return None


def _pieces(sentence: str, context: "_Context") -> list[str]:
    """A sentence cut where a second owner starts: "Mary will draft it and Peter will check it", "培訓交俾
    人事組安排，李小姐你同人事組講一聲", "Tommy chase copy，我搞 vendor，Winnie 寫 press release"."""
    cut = re.split(
        r"(?:,\s*|;\s*|\s+)and\s+(?=(?:[A-Z][\w'-]*|the [A-Z][\w'-]*|I|we)\s+(?:will|'ll|to|can|should|is going to)\b)"
        r"|;\s*",
        sentence,
    )
    pieces: list[str] = []
    for part in cut:
        if not _has_han(part):
            pieces.append(part)
            continue
        start = 0
        for comma in re.finditer(r"[，,；;、]\s*", part):
            at = comma.end()
            at += len(_CONNECTIVE_RE.match(part[at:]).group()) if _CONNECTIVE_RE.match(part[at:]) else 0
            if re.match(r"(?:請|唔該|麻煩|由)", part[at:]) or _starts_with_owner(part, at, context):
                pieces.append(part[start : comma.start()])
                start = at
        pieces.append(part[start:])
    return [piece for piece in pieces if piece and piece.strip()]


def _starts_with_owner(text: str, at: int, context: "_Context") -> bool:
    found = _zh_owner_at(text, at, context)
    if not found:
        return False
    owner, end = found
    rest = text[end:]
    if owner.kind in (NOBODY,):
        return False
    if owner.kind == SPEAKER and text[at : at + 2] not in ("我哋", "我們"):
        return bool(_ZH_SELF_RE.match(rest)) and not _ZH_NOT_AFTER_RE.match(rest)
    if re.match(r"^[\s，,]*(?:你|您)(?![哋們])", rest) and owner.kind == NAMED:
        return True
    return (
        bool(_ZH_SUBJECT_MODAL_RE.match(rest))
        and not _ZH_NOT_AFTER_RE.match(rest)
        and not _ZH_SPEECH_RE.match(rest)
    )
