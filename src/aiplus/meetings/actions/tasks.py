"""A task as it is recorded: the request in the meeting's own words, without its owner, politeness,
particles, purpose or deadline; and whether it says anything of its own or points back ("do it")."""

import re

from aiplus.meetings.actions.text import _HAN, _HAN_RE, _content_words, _has_han, _stem, _words

# --- tasks ------------------------------------------------------------------------------------------------

_TASK_LEAD_EN_RE = re.compile(
    r"^(?:(?:please|kindly|just|also|then|quickly|definitely|certainly|personally|actually|maybe|perhaps|"
    r"go ahead and|be able to|try to|try and|make sure (?:to|that (?:we|i|you) )?|and|to|also|now|first|"
    r"help (?:us|me) (?:to )?|take the lead (?:on|in)|be responsible for|take care of|look after)\b\s*)+",
    re.I,
)
_TASK_TRAIL_EN_RE = re.compile(
    r"(?:[\s,]+(?:please|thanks|thank you|if possible|if you can|if you could|if you don't mind|for me|"
    r"for us|ok|okay|right|then|as well|too|as discussed|as agreed|as usual|all right|alright|yeah|"
    r"when you can|when you get a chance|if that's ok|if that's okay|if that's alright|if that's fine|"
    r"as soon as you can|is that ok|is that okay|is that alright|would that be ok|would that be possible|"
    r"myself|yourself|ourselves|personally|directly|"
    r"can you|could you|will you|would you|please|thanks|again|first|shall we|ok\?|right\?)\b[\s?.!,]*)+$",
    re.I,
)
_PURPOSE_EN_RE = re.compile(
    r"[\s,]+(?:so that|so (?:i|we|they|you|he|she|the|it)|because|since|as (?:i|we|they)|in order for|"
    r"which (?:will|would|means)|otherwise|and then we|and we can|and i can|that way|"
    r"(?:when|once|after|as soon as|while) (?:you|i|we|they|he|she|it)(?:'re|'ve)?\b)\b.*$",
    re.I,
)
_PARTICLES = "啦|喇|吖|囉|喎|嘞|呀|啊|嘛|噃|㗎|咧|嚟|先|住|喔|哦|吓|下|啩|咩|架|la|lah|ar|ah|wor|lor|ga"
_TASK_TRAIL_ZH_RE = re.compile(
    rf"(?:[\s，,]*(?:好唔好|得唔得|可唔可以|OK唔OK|ok唔ok|好嗎|可以嗎|得嗎|行嗎|吖嘛|唔該晒|唔該|thx|thanks|"
    rf"多謝晒|多謝|謝謝|thank you|吖|ok|OK|okay|得未|好冇|係咪|有冇問題|冇問題嘛|可以嘛|{_PARTICLES})[\s？?!！。.~]*)+$",
)
_TASK_LEAD_ZH_RE = re.compile(
    r"^(?:(?:可唔可以|可否|能否|可以|幫手|幫我|幫下手|同我|幫忙|就|再|先|都|也|即刻|盡快|儘快|麻煩|唔該|請|會|要|需要|"
    r"記得|去|嚟|來|負責|一陣|稍後|遲啲|返去|將|須|必須|煩請|敬請|盡早|埋|幫吓手|試下|試吓)\s*)+"
)
_PURPOSE_ZH_RE = re.compile(
    r"[，,]\s*(?:因為|等|咁樣|以便|方便|好讓|否則|如果唔係|唔係嘅話|唔係就|為咗|費事|免得|以免|慳得|省得).*$"
)
# "聯絡承辦商，下星期三前覆我", "review FAQ，月底前交俾我": handing the work back to the one who asked is
# part of the request, not a task of its own.
_HAND_IN_ZH_RE = re.compile(
    r"(?<=\S)[，,]\s*(?:再|然後|之後|就)?\s*(?:(?:交|send|email|傳|發|寄|遞)\s*(?:返|番)?\s*(?:俾|畀|給)|"
    r"(?:回)?覆(?:返|番)?|話(?:返)?(?:俾)?|俾|畀)\s*我(?![哋們])\s*(?:睇|看|知|過目)?$",
    re.I,
)
_DEADLINE_CLAUSE_RE = re.compile(
    r"[\s,，]*(?:the )?(?:deadline|due date|限期|死線|期限|截止日期|截止)\s*(?:is|係|是|為|会|會)?\s*$", re.I
)
_ANAPHOR_RE = re.compile(
    r"^(?:(?:do|handle|take|follow up(?: on)?|look into|look at|sort|sort out|action|chase|own|pick up|"
    r"get|send|deal with|take care of|work on|check|draft|prepare|circulate|have|make|come back (?:to you )?on)\s+)?"
    r"(?:it|that|this|them|those|these|one|that one|this one|the same|so|that away|it away|this away|"
    r"that to me|it to me|that to you|it to you|that done|it done|that for you|it for you|on it|"
    r"that for me|that one away)?(?:\s+(?:away|on|up|over|through|for you|for me|to you|to me|then|too|"
    r"as well|first))*$|^(?:跟|跟進|跟手|搞|搞掂|搞掂佢|處理|做|負責|handle|follow|跟佢|做佢|處理佢|搞佢|跟進佢|"
    r"handle佢|follow佢|check|睇|睇下|睇吓|check下|查|查下|問下|問吓)?\s*(?:佢|呢個|嗰個|呢樣|嗰樣|呢件事|"
    r"嗰件事|呢單|嗰單|呢啲|嗰啲|呢part|呢部分|呢項|這件事|此事|這個|個問題|呢個問題)?\s*(?:下|吓|埋|返|住)?$",
    re.I,
)


_ZH_DEMONSTRATIVE_RE = re.compile(
    r"^(?:呢|嗰|這|那|此)(?:樣嘢|樣|個|件事|件|啲|part|部分|方面|單|項|度|邊)(?:嘅嘢|的事)?[\s，,]*", re.I
)
_PRONOUN_OBJECT_RE = re.compile(r"\b(?:it|that|this|them|those|these|one)\b", re.I)
_PARTICLE_WORDS = _words("together up out away over on off through back done sorted forward round around in")


_ASPECT_ZH_RE = re.compile(rf"埋|下|吓|返|番|佢|住|好|晒|定|{_PARTICLES}")


def _points_back(task: str) -> bool:
    """A task that says nothing of its own: "do it", "take that away", 跟進, 搞掂佢, and a bare verb of a
    character or two (準備, 改埋, 想搞), whose object is what was just asked."""
    task = task.strip(" ,，.。")
    brief = len(_HAN_RE.findall(_ASPECT_ZH_RE.sub("", task))) <= 2
    if _has_han(task) and not re.search(r"[A-Za-z]{2}", task) and brief:
        return True
    return not task or bool(_ANAPHOR_RE.match(task))


def _is_anaphoric(task: str) -> bool:
    """A task about something said before: those that point back, and a verb with only a pronoun
    ("correct it", "pull that together")."""
    task = task.strip(" ,，.。")
    if _points_back(task):
        return True
    if _has_han(task) or not _PRONOUN_OBJECT_RE.search(task):
        return False
    particles = {_stem(word) for word in _PARTICLE_WORDS}
    return len(_content_words(task) - particles) <= 1 and len(task.split()) <= 4


def _substance(task: str) -> int:
    return len(_content_words(task)) + len(_HAN_RE.findall(task)) // 2


_SOFTENING_ZH_RE = re.compile(
    rf"(?<=[{_HAN}])(?<![一以上低底樓地天鄉私當手眼時閣部屬南北留放落坐鬥])[下吓]"
    r"(?=\s*[^\W\d_])(?![個次晝星禮週周月年午面屬級載架降跌調班車雨令達單放層半旬期去嚟來落])"
)


def _tidy_task(task: str, *, owner_text: str = "") -> str:
    task = task.strip(" ,，、:：;；.。!！?？-–—")
    if owner_text:
        task = re.sub(rf"^{re.escape(owner_text)}[\s,，]*", "", task)
    task = _DEADLINE_CLAUSE_RE.sub("", task)
    if _has_han(task):
        for _ in range(3):
            task = _TASK_TRAIL_ZH_RE.sub("", task).strip(" ,，、:：;；.。!！?？")
            task = _TASK_LEAD_ZH_RE.sub("", task).strip(" ,，、:：;；.。")
            task = _TASK_LEAD_EN_RE.sub("", task).strip(" ,，、")
            task = _TASK_TRAIL_EN_RE.sub("", task).strip(" ,，、")
        task = _PURPOSE_ZH_RE.sub("", task)
        task = _HAND_IN_ZH_RE.sub("", task)
        task = re.sub(rf"(?:{_PARTICLES})(?=[，,])", "", task)
        # "我自己跟，我打俾..." : the owner's own pronouns and a bare "I'll take it" verb go
        task = re.sub(r"(?:(?<=[，,、])|^)\s*(?:我|你|我自己|你自己)(?![哋們])\s*", "", task)
        task = re.sub(r"(?:自己|親自|一陣|稍後)\s*(?=[\w])", "", task)
        # "睇下五月份嘅更表", "更新下職員名單", "chase 下佢哋": the softening 下 between a verb and its object
        # goes (not in 一下, 以下, 樓下, nor in 下個月, 下載, 下午)
        task = _SOFTENING_ZH_RE.sub("", task)
        task = re.sub(r"(?<=[a-z])\s+[下吓](?![個次晝星禮週周月年午面屬])\s*", " ", task, flags=re.I)
        task = re.sub(r"^(?:搞|跟|做|處理|負責|跟進|handle)\s*[，,]\s*", "", task, flags=re.I)
    else:
        for _ in range(3):
            task = _TASK_LEAD_EN_RE.sub("", task).strip(" ,;:.-")
            task = _TASK_TRAIL_EN_RE.sub("", task).strip(" ,;:.-?!")
        task = _PURPOSE_EN_RE.sub("", task)
    task = re.sub(r"\s+", " ", task).strip(" ,，、:：;；.。!！?？-–—")
    task = re.sub(r"^(?:by|before|on|until|in|within|於|喺|在)$", "", task, flags=re.I)
    return task


# A noun phrase a pronoun may stand for: "a quick reference card", "the destruction", up to a preposition.
_NOUN_PHRASE_RE = re.compile(
    r"\b(?:a|an|the|this|these|those|our|your|their)\s+(?:(?!(?:on|by|before|after|for|to|so|and|because|"
    r"which|that|then|in|at|with|from|of|is|are|was|were|will|can|could)\b)[\w'-]+\s*){1,5}?"
    r"(?=\s+(?:on|by|before|after|for|to|so|and|because|which|that|then|in|at|with|from|is|are|was|were|will|"
    r"can|could)\b|\s*[,.;:?!]|\s*$)",
    re.I,
)
_OBJECT_PRONOUN_RE = re.compile(r"\b(?:it|that|this|them|those|these)\b", re.I)


def _with_object(said: str, context: str) -> str:
    """A verb and a pronoun ("draft it", "witness it") with the pronoun replaced by what it stands for, the
    first noun phrase of the sentence it points back to; "" when either is missing."""
    if _has_han(said) or _has_han(context):
        return ""
    pronoun = _OBJECT_PRONOUN_RE.search(said)
    phrase = _NOUN_PHRASE_RE.search(context)
    if not pronoun or not phrase or not _content_words(said[: pronoun.start()]):
        return ""
    return f"{said[: pronoun.start()]}{phrase.group().strip()}{said[pronoun.end() :]}".strip()
