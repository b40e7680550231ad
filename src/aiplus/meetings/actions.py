"""Decisions and action items found in a transcript without a model, in English, written Chinese, Cantonese
and the code-mixed way Hong Kong meetings are held.

The rules are the ones a meeting secretary applies when reading a transcript:

- **An action** needs someone who will do something: a cue ("I'll", "X will", "X to ...", "please",
  "can you ... by ...", "action:", 跟進, 負責, 請..., 由...負責, 我嚟跟, 你搞掂佢, 唔該你..., 交俾...做) with an
  owner that is a person, a team or body, or the speaker. "The system will go live in May" has no one to
  do it and is no action; nor is what was already done (already, 已經, and Cantonese 咗 / 過 after the verb:
  "承辦商交咗三個方案", "機電署睇過" - but "改咗就 send", "confirm 咗話我知" are still to come, and "啲已經
  book 咗場嘅團體" only describes a thing), what might have been (if we had, 如果), a question that tasks
  nobody, an opinion ("I think we should"), what is done at the meeting itself (presenting, sharing the
  screen, 申報利益, 離席 / 回席), a want ("I'll need the list of users"), a proposal withdrawn right after
  ("no need", 唔使喇, 不用了), a request its owner answers as done already ("我其實今朝已經問咗"), the
  chair announcing the agenda ("今日三樣嘢：...", "First item is ...", "Item two, the ..."), or what "we"
  will do said as what is agreed ("Agreed. We'll close Tsuen Wan ..." is a decision). Telling is said at
  the meeting only when told to it ("tell us"); telling someone else is work after it ("tell the
  trainers", 我同設計師講).
- **The owner** is the person named ("Mary, can you...", "Peter 你..."), the body named (the Secretariat,
  IT組, 秘書處), the speaker for "I" / 我, or, for a "you" with no name, whoever accepts next ("OK", 好,
  收到, 冇問題). A request to someone named who does not speak under a label of their own is taken on by a
  speaker whose label names nobody ("Mary, please put up the notice" - Speaker 2: "OK, I will do it"): one
  action, still Mary's, and that speaker's "I" in the answer is Mary. "We" / 我哋 names no single person:
  the speaker's team when their label gives one, else "". Names are given as the attendee or speaker label they refer to, when exactly one fits
  (Cantonese calls 何俊賢 阿俊 too). A name right after 俾 / 同 / 叫 / 追 / 通知 is whom it is for, not who
  does it ("俾我睇", "追 IT組"); "交俾 X" makes X the owner only with a verb after it ("交俾人事組安排"), and
  "交俾我" the speaker only when it gives them the work ("呢件事交俾我"; a bare verb after it acts on
  the thing handed: "份問卷交俾我跟進" is 跟進份問卷), not when it hands in what someone
  was asked ("Peter 你跟進，月底前交俾我", "做完交俾我"). A "you" with no name answering someone's promise
  is said to them ("咁我拉個 report 出嚟" - "OK，你 send 個 list 俾 Queenie"). A clause with no subject, after the speaker has
  just taken something on, is still theirs ("我嚟做，下個禮拜一之前 send 俾 security team").
- **The task** is the request in the meeting's own words, with the owner, politeness ("please", "could
  you", 唔該, 麻煩), the name it is addressed to ("Mary, please ..."), handing the work back ("，月底前交俾我",
  "，覆我"), what it is for or what happens otherwise ("，費事...", "，唔係就..."), when it is to be done
  once something else is ("staging site 得咗之後", "等...咗就"), a clause of its own before the owner,
  the softening 下 between a verb and its object ("更新下職員名單"), fillers and Cantonese particles (啦,
  喇, 吖, 囉) taken out, and the deadline moved to ``due`` /
  ``due_text`` (see ``dates``); of two deadlines said for it in one turn, the one marked as the deadline
  ("月底前", "by Friday") wins over a time the work is needed ("下個月"). "I'll do it" / 我嚟跟 take their
  task from what was just asked, and so do a hand-over with nothing else ("要 review FAQ，Peter 你跟進":
  Peter reviews the FAQ), a verb with only a pronoun ("draft it", "witness it" - the pronoun becomes the
  noun phrase it stands for, "draft a quick reference card") and a bare verb of a character or two (準備, 改埋, 想搞); what
  was proposed in a turn ("What we can do is a reference card") is preferred to a fragment after it.
  "Before the next meeting" / 下次會議前 takes the next meeting's date when the meeting says it.
- **One action, one item**: the same action proposed, accepted and summed up by the chair becomes one item
  whose evidence lists every segment. A "you ..." answering someone's promise in the turn before is about
  that promise ("我嚟寫個初稿" - "你寫完俾我睇"); "Copy me" after a request adds to it.
- **The summing-up** ("to recap", "summing up", 總結一次, recap 一下) adds nothing new for an owner who has
  actions: each of its items ("Jason, the annual return draft by the nineteenth", "阿俊聽日覆部車") joins
  that owner's action it overlaps, else the one with its deadline, else the owner's next one it has not
  gone over; it lends them deadlines they lacked. Only an owner with no action yet gets a new one.
- **A decision** is marked by "agreed", "resolved", "approved", "we decided", "carried", "let's go with",
  同意, 通過, 決定, 議決, 就咁決定, 照咁做, 咁就 agreed / 咁就揀 / 咁就用, "好，通過，...", 暫時用..., and
  Cantonese "for now" (今年唔搞...住). A bare "Agreed." / 就咁決定 / 同意。 followed in the same turn by a
  statement of what is agreed ("Agreed. We close Tsuen Wan on the second day.", "同意。咁就年初二休息。")
  records that statement; else a bare "Agreed." / 就咁決定 records the proposal just before it (a bare
  同意 alone only supports it). What was approved before ("上次已經批咗") is no decision now. A question put
  to the meeting about what it does ("要唔要全部轉做 HTML？", 是否應該另外舉辦？, "Should we survey the
  staff first?"; not an offer or a request, "要唔要我幫手？") settled within two turns by someone else's
  firm answer (an opening 要 / 唔使 / 唔得 / yes / no, or 不用..., 只..., 都要...; not an opinion) is a
  decision, recorded as the answer.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from aiplus.core.language import to_simplified
from aiplus.meetings.dates import Due, find_due
from aiplus.meetings.minutes import ActionItem, Decision
from aiplus.meetings.transcript import Segment

__all__ = ["detect", "task_similarity"]

# How many segments back an acceptance, a withdrawal or an "I'll do it" may reach.
WINDOW = 3
# Two actions with owners that agree are one when their tasks are at least this similar.
SAME_TASK = 0.5

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")

# --- cleaning ---------------------------------------------------------------------------------------------

_MARK_RE = re.compile(
    r"\{[^}]*\}|\[[^\]]{0,30}\]|\((?:inaudible|crosstalk|laughs?|laughter|pause|silence)\)|<[^>]{1,20}>", re.I
)
_EN_FILLER_RE = re.compile(r"(?<![\w'])(?:um+|uh+|umm+|hmm+|mm+|erm|er|ah+|eh)(?![\w'])[ ,.]*", re.I)
_ZH_FILLER_RE = re.compile(r"[嗯呃誒]+[，,、 ]*")
_REPEAT_RE = re.compile(r"\b(\w+)(?:[ ,]+\1\b)+", re.I)
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)} | {
    code: code - 0xFEE0 for code in range(0xFF21, 0xFF5B)
}


def _clean(text: str) -> str:
    text = text.translate(_FULLWIDTH).replace("’", "'").replace("‘", "'")
    text = _MARK_RE.sub(" ", text)
    text = _EN_FILLER_RE.sub("", text)
    text = _ZH_FILLER_RE.sub("", text)
    text = _REPEAT_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,，、")


_SENTENCE_RE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*|[。！？!?；;]+")


def _sentences(text: str) -> list[str]:
    """Sentences of a cleaned segment; an English full stop ends one only when a space or the end follows
    (not in "15.3" or "p.m.")."""
    out: list[str] = []
    for part in _SENTENCE_RE.findall(text):
        for piece in re.split(
            rf"(?<=[a-z0-9)\"'])\.(?:\s+|$)(?=[A-Z0-9\"'(]|$|[{_HAN}])|(?<=[{_HAN}])\.(?:\s+|$)", part
        ):
            piece = piece.strip()
            if piece and re.search(rf"[A-Za-z0-9{_HAN}]", piece):
                out.append(piece)
    return out


def _has_han(text: str) -> bool:
    return bool(_HAN_RE.search(text))


# --- similarity -------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """a an the to of for on in at by with and or but from into onto about up out it its this that these
    those them they we you i me my our your us be is are was were been will would can could shall should
    please also then just some any all each so as if not no do does did done get got have has had make
    sure let lets let's go going ok okay thing things one ahead i'll we'll you'll it's that's i'm we're you're
    don't can't won't i'd we'd let's there's what's he'll she'll they'll"""
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@cache
def _stem(word: str) -> str:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord(word)


def _fold(text: str) -> str:
    return to_simplified(text.lower())


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD_RE.findall(text.lower()) if w not in _STOP)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    chars = re.sub(rf"[^a-z0-9{_HAN}]", "", _fold(text))
    return frozenset({chars[i : i + 2] for i in range(len(chars) - 1)} or ({chars} if chars else set()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def task_similarity(a: str, b: str) -> float:
    """How alike two tasks are, from 0 to 1: Dice of character pairs (Traditional/Simplified folded) when
    either is Chinese, else Dice of content words (lower-cased, crudely stemmed)."""
    if _has_han(a) or _has_han(b):
        return _dice(_bigrams(a), _bigrams(b))
    return _dice(_content_words(a), _content_words(b))


# --- people -----------------------------------------------------------------------------------------------

_TITLES_EN = ("mr", "ms", "mrs", "miss", "dr", "prof", "professor", "madam")
_TITLES_ZH = "先生|生|小姐|姑娘|太太|太|女士|sir|Sir|SIR|主席|副主席|主任|經理|博士|教授|工程師|督察|醫生|老師|總|哥|姐|姐姐"
_SURNAMES = (
    "司徒|歐陽|上官|諸葛|陳|李|張|黃|何|林|梁|吳|劉|王|鄭|楊|羅|謝|曾|郭|馬|胡|朱|許|麥|蔡|鄧|葉|盧|蘇|莫|袁|鍾|潘|余|"
    "周|譚|徐|彭|杜|邱|孔|方|范|韓|石|姚|戴|文|容|江|湯|冼|霍|甘|柯|岑|溫|鄺|龐|龔|翁|程|施|區|歐|關|鄒|趙|孫|高|呂|"
    "崔|丁|唐|田|董|廖|伍|雷|游|姜|賴|佘|傅|魏|沈|蕭|簡|侯|龍|湛|車|凌|任|夏|顧|鄔|單|卓|嚴|錢|韋|利|聶|饒|龐"
)
_ZH_TITLED_RE = re.compile(f"(?:{_SURNAMES})(?:{_TITLES_ZH})")
# Words naming a role or a body rather than a person.
_BODY_WORDS_EN = (
    "secretariat|section|team|unit|division|branch|office|department|committee|subcommittee|sub-committee|"
    "group|panel|board|bureau|registry|council|taskforce|task force|working group|chair|chairman|chairperson|"
    "chairwoman|secretary|treasurer|vendor|contractor|consultant|consultants|contractors|colleagues|staff|"
    "management|directorate|administration|admin|finance|procurement|legal|accounts|registry|helpdesk|"
    "help desk|support|operations|ops|hr|it|pr|communications|comms|director|manager|officer|coordinator|"
    "convenor|convener|clerk|controller|lead|leader|head"
)
_BODY_RE_EN = re.compile(rf"^(?:the\s+|our\s+|my\s+)?(?:[\w&'./-]+\s+){{0,4}}?(?:{_BODY_WORDS_EN})$", re.I)
_BODY_SUFFIX_ZH = (
    "秘書處|委員會|工作小組|專責小組|小組|團隊|署方|局方|校方|院方|館方|會方|組|科|部|處|署|局|辦公室|辦事處|公司|承辦商|承建商|顧問|中心|同事|"
    "主席|副主席|秘書|經理|主任|總監|署長|處長|局長|主管|負責人|統籌"
)
# A body's name is a few characters before its suffix, none of them a pronoun, verb or preposition
# ("資訊科技組", "IT組"; not "我搵管理處" nor "工程主任與承辦商").
_NOT_IN_BODY = "我你佢您他她請由同和及與跟搵問叫俾畀交將把向對為在於喺會要再就先都去嚟來幫話講係"
_ZH_BODY_RE = re.compile(
    rf"(?:[A-Za-z]{{1,8}}\s*|(?:(?![{_NOT_IN_BODY}])[{_HAN}]){{0,6}})(?:{_BODY_SUFFIX_ZH})"
)
_NOT_NAMES = _words(
    """i ok okay so and but yes no then now well right please thanks thank good fine great sure let let's this
    that it we you they he she there here what who when where why how if also just maybe item action agreed
    next finally first second third monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december the a an all everyone everybody
    anyone someone somebody nobody one any in on at for to from by with as of our my your their his her
    alright actually again another any because before after once sorry hi hello morning afternoon noted
    chair"""
)


# A speaker label that names nobody: "Speaker 2", "SPEAKER_01", "Participant 3".
_ANONYMOUS_RE = re.compile(r"(?:speaker|spk|participant|person|guest|unknown)[\s_-]*\w+", re.I)


def _split_label(label: str) -> tuple[str, list[str]]:
    """ "Margaret Leung (Director, Chair)" -> ("Margaret Leung", ["Director", "Chair"])."""
    roles: list[str] = []
    for inner in re.findall(r"[(（]([^)）]*)[)）]", label):
        roles.extend(part.strip() for part in re.split(r"[,，、/;]", inner) if part.strip())
    name = re.sub(r"\s*[(（][^)）]*[)）]\s*", " ", label).strip()
    name = re.split(r"\s+[-–—]\s+|,\s*", name)[0].strip()
    return name, roles


def _name_forms(name: str) -> set[str]:
    forms = {name.lower()}
    if _has_han(name):
        han = re.sub(rf"[^{_HAN}]", "", name)
        titled = _ZH_TITLED_RE.fullmatch(han)
        if titled:
            surname = re.match(_SURNAMES, han).group()
            title = han[len(surname) :]
            forms |= {han, title}
            forms |= {surname + t for t in ("先生", "生", "小姐", "太", "女士", "sir")}
        elif 2 <= len(han) <= 4:
            surname_match = re.match(_SURNAMES, han)
            if surname_match:
                surname, given = surname_match.group(), han[surname_match.end() :]
                forms |= {han, *(surname + t for t in ("先生", "生", "小姐", "太", "女士", "sir", "Sir"))}
                if len(given) >= 2:
                    forms.add(given)
                    forms |= {"阿" + char for char in given}  # 何俊賢 is 阿俊, 蔡志明 阿明
        latin = re.sub(rf"[{_HAN}]", " ", name).split()
        if latin:
            forms.add(" ".join(latin).lower())
            forms.add(latin[0].lower())
        return forms
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", name)]
    if words and words[0].lower().rstrip(".") in _TITLES_EN and len(words) >= 2:
        forms.add(f"{words[0].lower().rstrip('.')} {words[-1].lower()}")
        return forms
    if len(words) >= 2:
        forms.add(words[0].lower())
        for title in _TITLES_EN:
            forms.add(f"{title} {words[-1].lower()}")
        # "Chan Tai-man": the given name last, hyphenated
        forms |= {w.lower() for w in words[1:] if "-" in w}
    if _ANONYMOUS_RE.fullmatch(name):
        return {name.lower()}
    return {form for form in forms if form and form not in _NOT_NAMES}


@dataclass
class _People:
    """The people and bodies of one meeting, and every form their names take."""

    forms: dict[str, set[str]] = field(default_factory=dict)  # lower-cased form -> labels
    teams: dict[str, str] = field(default_factory=dict)  # label -> team named in it
    speakers: frozenset[str] = frozenset()  # the speaker labels
    pattern: re.Pattern | None = None

    @classmethod
    def build(cls, attendees: Iterable[str], speakers: Iterable[str]) -> "_People":
        """From the attendee list ("Margaret Leung (Director, Chair)") and the speaker labels. A person is
        known by their speaker label when they speak, else by their name as listed."""
        people = cls()
        people.speakers = frozenset(s.strip() for s in speakers if s and s.strip())
        role_owner: dict[str, set[str]] = {}
        speaker_labels = [s.strip() for s in dict.fromkeys(speakers) if s and s.strip()]
        entries = [a.strip() for a in dict.fromkeys(attendees) if a and a.strip()]
        for entry in dict.fromkeys([*speaker_labels, *entries]):
            name, roles = _split_label(entry)
            forms = _name_forms(name) | {entry.lower(), name.lower()}
            canonical = next((s for s in speaker_labels if s.lower() in forms or s == entry), name or entry)
            for form in forms:
                people.forms.setdefault(form, set()).add(canonical)
            for role in roles:
                role_owner.setdefault(role.lower(), set()).add(canonical)
                if (
                    _BODY_RE_EN.match(role)
                    and not re.search(r"director|manager|officer|head|lead", role, re.I)
                ) or (
                    re.search(f"(?:{_BODY_SUFFIX_ZH})$", role) and not re.search("主席|經理|主任|總監", role)
                ):
                    people.teams.setdefault(canonical, role)
        for role, labels_of_role in role_owner.items():
            if len(labels_of_role) == 1:
                for form in (role, f"the {role}"):
                    people.forms.setdefault(form, set()).update(labels_of_role)
                if role in ("chair", "chairman", "chairperson", "chairwoman"):
                    for form in ("chair", "the chair", "chairman", "the chairman", "chairperson", "主席"):
                        people.forms.setdefault(form, set()).update(labels_of_role)
        usable = sorted((f for f in people.forms if len(f) >= 2), key=len, reverse=True)
        if usable:
            alternatives = "|".join(re.escape(f) for f in usable)
            people.pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.I)
        return people

    def label(self, mention: str) -> str | None:
        """The one label a mention refers to, if exactly one fits."""
        labels = self.forms.get(mention.strip().lower())
        return next(iter(labels)) if labels and len(labels) == 1 else None

    def match_at(self, text: str, at: int = 0) -> re.Match | None:
        return self.pattern.match(text, at) if self.pattern else None

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.pattern else None


# --- owners -----------------------------------------------------------------------------------------------

SPEAKER, ADDRESSEE, ACCEPTOR, GROUP, NAMED, NOBODY = (
    "speaker",
    "addressee",
    "acceptor",
    "group",
    "named",
    "nobody",
)

_EN_PRONOUNS = {
    "i": SPEAKER, "me": SPEAKER, "myself": SPEAKER, "you": ADDRESSEE, "you guys": ADDRESSEE,
    "we": GROUP, "us": GROUP, "our team": GROUP, "my team": SPEAKER, "the team": GROUP,
    "everyone": NOBODY, "everybody": NOBODY, "all of us": GROUP, "each of you": NOBODY, "all": NOBODY,
}  # fmt: skip
_ZH_PRONOUNS = {
    "我": SPEAKER, "本人": SPEAKER, "我自己": SPEAKER, "你": ADDRESSEE, "您": ADDRESSEE, "你哋": ADDRESSEE,
    "你們": ADDRESSEE, "我哋": GROUP, "我們": GROUP, "我等": GROUP, "大家": NOBODY, "各位": NOBODY,
}  # fmt: skip


@dataclass
class _Owner:
    kind: str
    name: str = ""  # for NAMED: the label or the words as said


def _owner_of(slot: str, people: _People) -> _Owner | None:
    """The owner a subject or addressee slot names, or None when it names no one (e.g. "the system")."""
    slot = slot.strip(" ,，、:：")
    if not slot:
        return None
    low = slot.lower()
    if low in _EN_PRONOUNS:
        return _Owner(_EN_PRONOUNS[low])
    if slot in _ZH_PRONOUNS:
        return _Owner(_ZH_PRONOUNS[slot])
    label = people.label(slot) or people.label(re.sub(r"^the\s+", "", slot, flags=re.I))
    if label:
        return _Owner(NAMED, label)
    if _has_han(slot):
        if _ZH_TITLED_RE.fullmatch(slot) or _ZH_BODY_RE.fullmatch(slot):
            return _Owner(NAMED, slot)
        return None
    words = slot.split()
    if len(words) > 6 or re.search(r"\b(?:system|it|this|that|there|project|plan|work|report)$", low):
        return None
    if _BODY_RE_EN.match(slot):
        return _Owner(NAMED, slot)
    if re.fullmatch(r"[A-Z]{2,6}s?", slot) and low not in _NOT_NAMES:
        return _Owner(NAMED, slot)  # EMSD, IT, HR
    if (
        all(re.fullmatch(r"[A-Z][a-zA-Z'.-]*", w) for w in words)
        and words[0].lower().rstrip(".") not in _NOT_NAMES
        and len(words) <= 3
    ):
        return _Owner(NAMED, slot)
    return None


# --- cue vocabularies ---------------------------------------------------------------------------------------

# Verbs that ask for something now, in the meeting, not for work after it. Telling or reminding is said
# at the meeting only when it is told to the meeting ("tell us", "remind me what..."); "tell the trainers",
# "remind the contractor" is work after it.
_TO_THE_MEETING = (
    r"(?=\s+(?:us|me|everyone|everybody|all of us|the (?:meeting|committee|members|group|panel|board)|"
    r"what|how|why|where|when|whether|if|about|more|a bit)\b|\s*$)"
)
_SPEECH_VERBS = (
    rf"explain|tell{_TO_THE_MEETING}|say|said|clarify|elaborate|repeat|remind{_TO_THE_MEETING}|describe|introduce|summari[sz]e|recap|comment|"
    r"start|begin|continue|go ahead(?! with)|go on|go first|proceed|present|speak|talk|hear|see|share your screen|"
    r"share my screen|walk us|take us|run us|give us an? (?:update|overview|summary)|update us|answer|respond|"
    r"stop|finish|move on|move to|turn to|come in|jump in|add|put it|be clear|be honest|be brief|be quick|"
    r"think|agree|disagree|admit|confess|guess|suppose|imagine|understand|hope|wonder|mention|note|stress|"
    r"emphasi[sz]e|point out|interrupt|ask a question|raise|show|read|quote|open|welcome|"
    r"thank|apologi[sz]e|take a (?:look|break)|have a (?:look|break)|pull up|bring up|look at|check in|chair|"
    r"declare|suggest|propose|recommend|like|love|want|feel|believe|know|remember|live with|accept|be|do that again|"
    r"try|consider|help|come back to (?:that|this) later|park|skip|touch on|cover|focus|keep it|keep this|"
    r"vote|record|minute|hand over|pass|over to|confirm that"
)
_SPEECH_VERB_RE = re.compile(
    rf"^(?:just\s+|quickly\s+|briefly\s+|also\s+|first\s+)*(?:{_SPEECH_VERBS})\b", re.I
)
# Meeting procedure after "let's".
_PROCEDURE_RE = re.compile(
    r"^(?:move on|move to|start|begin|go (?:to|back|on|through|around|over|ahead with the)|turn to|take (?:a|the) |"
    r"break|wrap up|finish|continue|stop|leave it|be |see |look at|hear|discuss|talk|recap|come back to|park|vote|"
    r"keep|not |get started|get going|get back|get on|do (?:a|the) (?:round|quick)|skip|focus|say|think|hope|"
    r"welcome|thank|note|have (?:a|the) (?:look|break|discussion|vote|quick)|call it|adjourn|close|open|"
    r"put (?:it|this|that) to|bring|first|now|all|just|try to be|agree|go with|proceed with|stick with|"
    r"adopt|approve|accept|take (?:it|this) (?:as|offline)|deal with (?:that|this|it) (?:now|first|later|next))",
    re.I,
)
_IMPERATIVE_VERBS = (
    "send|circulate|check|draft|prepare|update|contact|arrange|book|confirm|review|follow|chase|call|email|"
    "e-mail|ring|phone|ask|find|look into|set up|fix|sort out|coordinate|liaise|write|revise|amend|finali[sz]e|"
    "submit|share|upload|provide|get|make|organi[sz]e|schedule|issue|collect|compile|consult|brief|inform|"
    "notify|report|distribute|study|investigate|explore|assess|evaluate|work out|take care of|double-check|"
    "verify|reply|respond to|put together|add|include|draw up|map|print|order|buy|procure|request|seek|obtain|"
    "go back to|come back|get back|talk to|speak to|meet|invite|reserve|register|apply|file|forward|copy|"
    "handle|deal with|test|install|reconcile|calculate|cost|estimate|track|monitor|clean up|tidy|reschedule|"
    "cancel|escalate|raise|flag|post|publish|translate|proofread|edit|sign|approve|table|lodge|recruit|hire|"
    "train|visit|inspect|survey|benchmark|pilot|trial|implement|deploy|roll out|migrate|back up|archive|"
    "retrieve|source|quote|keep|note down|put up|put out|log|record|let|give|bring|chase up|dig out|pull together"
)
_IMPERATIVE_RE = re.compile(rf"^(?:please\s+)?(?:{_IMPERATIVE_VERBS})\b", re.I)

# Cantonese / written Chinese action verbs, after 我 / 你 / a name.
_ZH_VERBS = (
    "跟進|跟手|跟|搞掂|搞|處理|做|寫|草擬|擬備|擬|準備|預備|整理|整|發出|發|寄|交|提交|遞交|呈交|俾|畀|聯絡|聯繫|約|安排|"
    "搵|問|查|核實|核對|更新|改|修改|覆|回覆|通知|知會|提醒|訂|報|上載|落單|申請|開|列|出|計|算|審批|簽|傳閱|分發|"
    "匯報|報告|檢查|測試|試|統計|收集|拎|攞|研究|了解|諮詢|協調|負責|執|睇|看|check|send|email|update|handle|follow|"
    "prepare|draft|book|arrange|call|confirm|review|submit|upload|share|fix|set|contact|chase|circulate|revise|"
    "amend|finalise|finalize|organise|organize|schedule|test|present|report|do|take|look|find|ask|get|print|"
    "coordinate|liaise|write|compile|collect|清|執返|補|寫返|整返|改返|覆返|send返|搞返|跟返|build|set up|打俾|打電話|打|"
    "致電|傾|見|帶|買|印|貼|搬|拉|揀|追|交代|影印|掃描|scan|核|批|約見|出信|發信|回信|撰寫|編製|制訂|制定|落實|推行|派|預留"
)
_ZH_NOT_ACTION = (
    "覺得|認為|諗|想|知|記得|記唔記得|明白|明|理解|同意|唔|不|冇|沒|無|係|是|都係|睇法|估|相信|希望|覺|講|話|問題|"
    "啱|好似|聽|見|睇到|聽到|頭先|啱啱|上次|琴日|已經|已|有冇|會唔會|點|點樣|係咪|是否|可能|應該|估計|驚|怕|擔心|"
    "建議|提議|贊成|反對|支持|的|嘅|哋|們|自己覺得|個人|本身|咁|就係|而家|都|真係|一直|以前|之前|曾經|未|好|仲|"
    "當時|亦|又|再講|補充|接受|要求|鍾意|喜歡|關心|知道|明瞭|哋"
)

# Words that accept a request. The short ones may run straight into what follows ("OK I'll send it");
# the others must stand alone ("I will." but not "I will draft it", which is read as a promise).
_ACCEPT_SHORT_EN = (
    r"ok(?:ay)?|yes|yep|yeah|yup|sure(?: thing)?|right|alright|all right|fine|no problem|no worries"
)
_ACCEPT_ALONE_EN = (
    r"will do|can do|certainly|of course|absolutely|definitely|noted|understood|got it|happy to|my pleasure|"
    r"consider it done|on it|leave it with me|i can do that|i'll do that|i will do that|i'll do it|i will|i can|"
    r"that's fine|that is fine|that works|fair enough|roger|copy that|agreed|deal|done|i'm on it|sounds good|"
    r"works for me|i'll take (?:it|that|that one|this)|i'll take care of (?:it|that)|me|i'll handle it|"
    r"i'll look into it|i'll follow up|i'll take that away|will try|i'll try"
)
_ACCEPT_EN_RE = re.compile(
    rf"^(?:(?:(?:{_ACCEPT_SHORT_EN})\b|(?:{_ACCEPT_ALONE_EN})(?=\s*(?:[,.!;，。！]|$)))[\s,.!;]*)+", re.I
)
_ACCEPT_SHORT_ZH = (
    r"好(?:的|呀|啊|嘅|喎|啦|吖)?|收到|冇問題|沒問題|無問題|OK|ok|Okay|okay|明白|Sure|sure|Yes|yes"
)
_ACCEPT_ALONE_ZH = (
    r"可以|得|知道|一定|會|係|要|行|無任歡迎|noted|Noted|no problem|No problem|冇所謂|問題不大|遵命|好嘢|搞掂|一於咁|"
    r"照做|我嚟|我跟|我做|交俾我|包俾我|我負責|我嚟跟|我跟進|我搞|我處理|我嚟搞|我嚟做|了解|明白晒|無問題呀"
)
_ACCEPT_ZH_RE = re.compile(
    rf"^(?:(?:{_ACCEPT_SHORT_ZH}|(?:{_ACCEPT_ALONE_ZH})(?=\s*(?:[,.!;，。！、~]|$)))[\s，,。.!！、~]*)+"
)
_NEGATIVE_RE = re.compile(
    r"\b(?:not|n't|cannot|can't|won't|no,|but|however|unfortunately|difficult|unable|impossible)\b|唔得|做唔到|"
    r"唔係|不行|不能|未必|困難|唔夠|但係|不過|可唔可以",
    re.I,
)
_DECLINE_EN_RE = re.compile(
    r"^(?:no(?=\s*[,.!;]|\s*$)|nope|not really|actually,? (?:no|let's not|we don't)|no need|there's no need|there is no need|"
    r"not necessary|it's not necessary|unnecessary|let's not|we won't|we will not|we don't need|don't bother|"
    r"forget (?:it|that)|never mind|scrap that|drop (?:it|that)|hold off|on second thought|let's drop|"
    r"we'll skip|we can skip|skip (?:it|that)|i'd rather not|i would rather not|i can't|i cannot|"
    r"i won't be able|i'm not able|that won't be necessary|that's not needed|not needed|cancel that)",
    re.I,
)
_DECLINE_ZH_RE = re.compile(
    r"(?<!使)唔使(?!問|客氣|急|再講|講|怕|擔心)|(?<!駛)唔駛(?!問|客氣|急)|不用了|不用(?!客氣)|不必|不需要|唔需要|冇需要|沒有需要|算(?:啦|了|數)|"
    r"唔好住|暫時唔好|暫時不|取消(?:咗|了)?|唔做住|唔搞住|擱置|押後|唔跟(?:住)?|放低住|唔急|遲啲先算"
)
_DONE_EN_RE = re.compile(
    r"\b(?:already|last (?:week|month|time|meeting|monday|tuesday|wednesday|thursday|friday)|yesterday|"
    r"earlier (?:today|this week)|previously|at the last meeting|has been (?:done|sent|completed|finished)|"
    r"(?:have|has|had)\s+(?:now\s+|just\s+|also\s+)?(?:\w+ed|sent|done|written|given|taken|made|got|gotten|"
    r"put|set|spoken|met|told|paid|run|begun|brought|bought|built|found|kept|left|lost|seen|shown|sold|"
    r"spent|won)\b)",
    re.I,
)
_DONE_ZH_RE = re.compile(
    r"已經|已(?!於)|早已|經已|琴日|尋日|上個?(?:星期|禮拜|週|月)|頭先已|啱啱已|上次已|之前已"
)
# Cantonese marks what is done with 咗 after the verb ("承辦商交咗三個方案") and what has been tried with 過
# ("我哋睇過"); "改咗就 send", "confirm 咗話我知" and "等佢 confirm 咗" are a sequence still to come.
_PERFECTIVE_ZH_RE = re.compile(r"咗|(?:睇|做|試|問|講|傾|搵|查|check|test)\s*過(?![期嚟去頭晒])", re.I)
_SEQUENCE_ZH_RE = re.compile(
    r"咗[^，,。]{0,12}?(?:就|之後|以後|先|再|嗰陣|話(?:俾)?我知|話俾)|(?:等|一旦|當)[^，,。]{0,12}咗"
)


def _done_zh(text: str) -> bool:
    """Whether a Chinese clause reports what was already done. What describes a thing ("啲已經 book 咗場嘅
    團體") says nothing of the action."""
    text = re.sub(r"(?:已經|已)?[^，,。的嘅啲]{0,10}咗[^，,。的嘅]{0,6}(?:嘅|的)", "", text)
    if _DONE_ZH_RE.search(text):
        return True
    return bool(_PERFECTIVE_ZH_RE.search(text)) and not _SEQUENCE_ZH_RE.search(text)


_HYPOTHETICAL_EN_RE = re.compile(
    r"^(?:if|even if|suppose|supposing|imagine|what if|in case|assuming|had we|were we|unless|whether)\b|"
    r"\b(?:if we had|if i had|if they had|if we were|would have|could have|should have|might have|"
    r"would've|could've|should've|in theory|hypothetically|in an ideal world|ideally)\b",
    re.I,
)
_CONDITION_OK_RE = re.compile(
    r"^(?:if (?:possible|you can|you could|you don't mind|that's (?:ok|okay|alright|all right|fine)|"
    r"there (?:is|are) no (?:objection|objections|comments|other comments)|no (?:one|body) objects|"
    r"everyone (?:agrees|is happy)|we're all agreed|all agreed|so|not|you have time|time permits|needed|"
    r"necessary|required|any)\b)[^,]*,\s*",
    re.I,
)
_HYPOTHETICAL_ZH_RE = re.compile(r"如果|假如|假設|假使|要是|萬一|倘若|若果|若然|嘅話|的話|本來|理論上|早知")
_CONDITION_OK_ZH_RE = re.compile(
    r"^(?:如果|假如)?(?:冇|沒有|無)(?:人)?(?:反對|異議|其他意見|問題)(?:嘅話|的話)?[，,、 ]*|^(?:如果|假如)?(?:可以|方便)(?:嘅話|的話)[，,、 ]*"
)
_OPINION_EN_RE = re.compile(
    r"^(?:i think|i feel|i believe|i guess|i suppose|personally|in my view|in my opinion|my view is|"
    r"my feeling is|it seems|perhaps|maybe|probably|i'm not sure|i am not sure|i wonder|i'd say|i would say)\b",
    re.I,
)
_OPINION_ZH_RE = re.compile(
    r"^(?:我(?:個人)?(?:覺得|認為|諗|相信|估|睇)|個人(?:覺得|認為)|或者|可能|應該係|似乎)"
)
_QUESTION_ZH_RE = re.compile(
    r"(?:[嗎呢咩未嘛吖麼]|係咪|有冇|會唔會|點樣|點算|點解|幾時|邊個|邊度|乜嘢|咩嘢)[\s？?]*$"
)
_LEADING_EN_RE = re.compile(
    r"^(?:(?:so|and|but|ok|okay|right|well|then|alright|all right|good|fine|great|now|yes|yeah|yep|sure|also|"
    r"thanks|thank you|in that case|and then|finally|lastly|firstly|secondly|next|perfect|excellent|lovely|"
    r"oh|look|listen|anyway|actually|in addition|as well|besides|moreover|similarly|likewise|one more thing|"
    r"otherwise|meanwhile|in the meantime|for now|for that|on that|on this|on (?:the|that|this) point|"
    r"(?:so,? )?(?:just )?to (?:recap|sum up|summari[sz]e|confirm|be clear)|in summary|recap|summary|"
    r"to wrap up|wrapping up|in short)\b[\s,.:;-]*)+",
    re.I,
)
_LEADING_ZH_RE = re.compile(
    r"^(?:(?:(?:好|呢|係|行|得|嗯|唔)(?=[\s，,、.。:：!！])|咁|噉|OK|ok|Okay|okay|另外|然後|跟住|即係|所以|就|那麼|那|"
    r"好啦|好的|嗱|喂|啊|哦|噢|總之|最後|同埋|還有|仲有|此外|至於|關於|對於|咁樣|咁呢|而家|現在|首先|第一|第二|"
    r"跟著|接著|OK啦|明白|收到|冇問題|沒問題|好嘅|(?:recap|總結|重申|summary|sum up)\s*(?:一下|下)?)[\s，,、.。:：]*)+",
    re.I,
)


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


# --- candidates -------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    owner: _Owner
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


@dataclass
class _Context:
    people: _People
    meeting_date: datetime.date | None
    segment: int = 0  # position of the segment being read
    speaker: str = ""
    vocative: _Owner | None = None  # the person this segment is addressed to ("Mary, ...")
    committed: bool = False  # the speaker took something on earlier in this turn ("我嚟做，...")
    speaking_as: _Owner | None = None  # whom an unnamed speaker just answered for ("Mary, ..." - "OK, I...")
    recap_from: int = 0  # a summing-up repeats what was said since the one before it


def _piece_due(text: str, context: _Context) -> tuple[str, Due | None]:
    """The text with its deadline (if any) cut out, and the deadline."""
    due = find_due(text, meeting_date=context.meeting_date)
    if due is None:
        return text, None
    before, after = text[: due.start], text[due.end :]
    joiner = "" if (_has_han(before[-1:]) or _has_han(after[:1])) else " "
    return (before.rstrip() + joiner + after.lstrip()).strip(), due


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


def _strip_lead(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_EN_RE.sub("", text).strip()
        text = _LEADING_ZH_RE.sub("", text).strip()
    return text


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


# --- the detector -----------------------------------------------------------------------------------------


def _is_acceptance(sentence: str) -> tuple[bool, str]:
    """Whether a sentence opens by accepting (OK / will do / 收到 / 冇問題), and what follows."""
    stripped = sentence.strip()
    match = _ACCEPT_EN_RE.match(stripped) or _ACCEPT_ZH_RE.match(stripped)
    if not match or not match.group().strip():
        return False, stripped
    rest = stripped[match.end() :].strip()
    head = match.group().lower()
    if re.match(r"^(?:right|ok|okay|yes|yeah|good|fine|好|係)[\s,，.。]*$", head) and re.match(
        r"^(?:so|and|but|let's|next|now|moving|item|thanks|thank|咁|跟住|下一|然後|我哋)", rest, re.I
    ):
        return False, stripped  # "OK, so next item" is the chair moving on
    if _NEGATIVE_RE.search(rest[:40]) and not re.match(r"^(?:i'll|i will|我會|我嚟)", rest, re.I):
        return False, stripped
    return True, rest


def _context_task(earlier: list[str], texts: list[str], position: int, people: _People) -> str:
    """What "I'll do it" / 你搞掂佢 refers to: the last substantial sentence said before it, in the same
    turn or up to ``WINDOW`` turns back, without the name it was addressed to."""
    before = [*(texts[back] for back in range(max(position - WINDOW, 0), position))]
    pools = [list(earlier)] + [_sentences(text) for text in reversed(before)]
    for pool in pools:
        pool = [s for s in pool if not _is_anaphoric(_tidy_task(_strip_lead(s)))]
        # within a turn, what was proposed ("What we can do is a reference card. One page...") comes first
        proposed = [
            s for s in pool if _PROPOSAL_RE.search(s) or re.search(r"\bwhat we (?:can|could) do\b", s, re.I)
        ]
        for sentence in [*reversed(proposed), *reversed(pool)]:
            if len(_content_words(sentence)) < 2 and len(_HAN_RE.findall(sentence)) < 4:
                continue
            sentence = _strip_lead(_without_vocative(_strip_lead(sentence), people))
            # "如委員有興趣，可於下次會議前向秘書處提交書面建議": the condition is not the task
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


def _without_vocative(sentence: str, people: _People) -> str:
    """A sentence without the person it is addressed to: "Mary, please put up the notice", "Peter 你跟進"."""
    match = _EN_VOCATIVE_RE.match(sentence)
    if match:
        owner = _owner_of(match["owner"], people)
        return match["rest"] if owner and owner.kind == NAMED else sentence
    found = (
        _zh_owner_at(sentence, 0, _Context(people=people, meeting_date=None)) if _has_han(sentence) else None
    )
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
    people = _People.build(attendees, [s.speaker for s in segments])
    texts = [_clean(s.text) for s in segments]
    candidates: list[_Candidate] = []
    decisions: list[tuple[str, list[int], int]] = []  # text, evidence, position
    context = _Context(people=people, meeting_date=meeting_date)

    for position, segment in enumerate(segments):
        context.segment, context.speaker, context.vocative = position, segment.speaker, None
        context.committed, context.speaking_as = False, None
        sentences = _sentences(texts[position])
        if sentences and _reports_done(sentences[0]):
            _already_done(candidates, position, segment)
        pending: list[_Candidate] = []  # "I'll do it": resolved by a fuller statement later in the turn
        recap = False
        decided: set[int] = set()  # sentences that record a decision: what "we" do there is no task
        for number, sentence in enumerate(sentences):
            if not recap:
                cue = _RECAP_RE.match(sentence)
                if cue:
                    recap, sentence = True, sentence[cue.end() :].strip()
            if recap:  # the chair sums up: each item joins the action it repeats
                _recap(candidates, sentence, context, segment, position)
                continue
            decision = _decision(sentence, sentences[:number], sentences[number + 1 :], texts, position)
            if decision:
                decisions.append((decision[0], [*decision[1], segment.index], position))
                decided.add(number)
                following = sentences[number + 1 :][:1]
                if following and decision[0] == _decision_text(_strip_lead(following[0].strip())):
                    decided.add(number + 1)  # "Agreed. We'll close Tsuen Wan ...": the next one records it
            if number == 0:
                accepted, rest = _is_acceptance(sentence)
                if accepted:  # "我嚟做，..." / "I'll take it, ...": what follows is the speaker's too
                    head = sentence[: len(sentence) - len(rest)]
                    taken = _accept(candidates, position, segment, people)
                    context.committed = taken is not None or bool(
                        re.search(r"我(?![哋們])|\bi\b|\bi'll\b|\bme\b", head, re.I)
                    )
                    if taken is not None and _ANONYMOUS_RE.fullmatch(segment.speaker):
                        context.speaking_as = (
                            taken.owner
                        )  # "Mary, please..." - Speaker 2: "OK, I will do it."
                    sentence = rest
                    if not sentence:
                        continue
            if _is_decline(sentence):
                _decline(candidates, position)
                continue
            pieces = _pieces(sentence, context)
            for at, piece in enumerate(pieces):
                candidate = _candidate(piece, context, segment, position)
                if candidate is not None and number in decided and candidate.owner.kind in (GROUP, NOBODY):
                    candidate = None  # "We'll close Tsuen Wan on the second day", said as agreed
                if candidate is not None and candidate.owner.name == segment.speaker:
                    context.committed = True
                if candidate is None:
                    due = _due_only(piece, context)
                    if due is not None:
                        _attach_due([*candidates, *pending], due, position, segment, context.vocative)
                    continue
                if candidate.anaphoric:
                    candidate.said_task = candidate.task
                    said_before = [*sentences[:number], *pieces[:at]]
                    task, due = _piece_due(_context_task(said_before, texts, position, people), context)
                    candidate.task, candidate.context_due = task, due
                    resolved = _with_object(candidate.said_task, task)
                    if resolved:  # "I'll witness it" after "let's go ahead with the destruction"
                        candidate.said_task = candidate.task = resolved
                    pending.append(candidate)
                    continue
                for waiting in [c for c in pending if _owners_agree(c.owner, candidate.owner)]:
                    _merge(candidate, waiting)
                    pending.remove(waiting)
                _add(candidates, candidate)
        for waiting in pending:
            _add_anaphoric(candidates, waiting)
        if recap:
            context.recap_from = position + 1

    decisions.extend(_answered_questions(segments, texts))
    _date_next_meeting(candidates, texts, meeting_date)
    return _final_decisions(decisions), _final_actions(candidates, segments, people)


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


_NEXT_MEETING_RE = re.compile(r"\bnext (?:meeting|session)\b|下一?次\s*(?:會議|開會|meeting|例會|會)", re.I)
_IS_RE = re.compile(
    r"^\s*(?:is|will be|is on|is set for|is scheduled for|on|係|是|暫定|定於|定喺|會|於|喺|在)*\s*$", re.I
)


def _date_next_meeting(
    candidates: list[_Candidate], texts: list[str], meeting_date: datetime.date | None
) -> None:
    """ "Before the next meeting" / 下次會議前 takes the date of the next meeting when the meeting says it
    ("下次會議暫定於七月二十四日", "the next meeting." - "Which is the second of April.")."""
    if meeting_date is None or not any(c.due and c.due.date is None for c in candidates):
        return
    when = None
    for position, text in enumerate(texts):
        for sentence in _sentences(text):
            mention = _NEXT_MEETING_RE.search(sentence)
            if not mention:
                continue
            rest = sentence[mention.end() :]
            due = find_due(rest, meeting_date=meeting_date)
            if due is None and position + 1 < len(texts):
                follow = re.match(r"^\s*(?:which is|that's|that is|即係|即)\s+", texts[position + 1], re.I)
                if follow and not sentence.rstrip().endswith("?"):
                    rest = texts[position + 1][follow.end() :]
                    due = find_due(rest, meeting_date=meeting_date)
            if due and due.date and due.date > meeting_date and _IS_RE.match(rest[: due.start]):
                when = due.date
    if when is None:
        return
    for candidate in candidates:
        if candidate.due and candidate.due.date is None and _NEXT_MEETING_RE.search(candidate.due.text):
            candidate.due = Due(candidate.due.text, when, candidate.due.start, candidate.due.end)


# The chair's summing-up: "So, to recap.", "Summing up:", "好，總結一次：", "最後 recap 一次", "我總結下".
_RECAP_RE = re.compile(
    r"^(?:(?:so|ok|okay|right|good|thanks|thank you|finally|好|好喇|好啦|咁|最後|OK)[\s,，.。、]*)*"
    r"(?:let me |i'll |just |我|等我)?(?:to )?(?:recap|sum(?:ming)? up|summari[sz]e|in summary|summary|"
    r"go over the actions|run through the actions|總結|重申|回顧|summary)"
    r"(?:\s*(?:一次|一下|下|吓|番|返))?\s*(?:of (?:the )?actions|the actions)?[\s,，.。:：!！-]*",
    re.I,
)
_RECAP_JOIN_RE = re.compile(
    r"^(?:and|also|then|plus|同埋|仲有|然後|另外|再|及|以及)\b\s*|^(?:同埋|仲有|然後|另外|以及|及)", re.I
)
_RECAP_MODAL_RE = re.compile(r"^(?:will|'ll|to|is to|should|會|要|負責|需要)\s*", re.I)


def _recap_owner(clause: str, context: _Context, first: bool) -> tuple[_Owner, str] | None:
    """The person a recap clause opens with ("Olivia, the list...", "阿俊聽日覆部車"), and the rest. A body
    (各組, 秘書處) counts only opening an item: later it is what the item is about ("社區中心 confirm 咗")."""
    if _has_han(clause):
        known = context.people.match_at(clause, 0)
        label = context.people.label(known.group()) if known else None
        if label:
            return _Owner(NAMED, label), clause[known.end() :]
        found = _zh_owner_at(clause, 0, context)
        if first and found and found[0].kind == NAMED and found[1] <= 5:
            return found[0], clause[found[1] :]
        return None
    whole = _owner_of(clause, context.people)
    if whole and whole.kind == NAMED:
        return whole, ""
    found = _leading_owner(clause, context.people)
    if found and found[0].kind == NAMED:
        return found
    return None


def _recap(
    candidates: list[_Candidate], sentence: str, context: _Context, segment: Segment, position: int
) -> None:
    """A sentence of the chair's summing-up. Its items name an owner and what they do, often in a word
    or two ("Jason, the annual return draft by the nineteenth", "阿俊聽日覆部車"): each joins the action of
    that owner it repeats, lending it a deadline it lacked; an item that repeats nothing is a new action."""
    owner: _Owner | None = context.vocative
    for clause in re.split(r"[，,、:：]\s*|\s+and\s+(?=[a-z])", sentence):
        clause = _RECAP_JOIN_RE.sub("", _strip_lead(clause.strip())).strip()
        if not clause:
            continue
        found = _recap_owner(clause, context, owner is None)
        if found:
            owner, clause = found[0], _RECAP_MODAL_RE.sub("", found[1].strip(" ,，")).strip()
        if owner is None or not clause:
            continue
        text, due = _piece_due(clause, context)
        task = _tidy_task(text)
        if _substance(task) == 0:
            if due is not None:
                _attach_due(candidates, due, position, segment, owner)
            continue
        same = [
            c
            for c in candidates
            if c.segment >= context.recap_from
            and not c.cancelled
            and (
                (c.owner.kind == NAMED and c.owner.name.lower() == owner.name.lower()) or _unresolved(c.owner)
            )
        ]
        best = max(same, key=lambda c: _overlap(c.task, task), default=None)
        if best is None or _overlap(best.task, task) < 0.25:
            # worded apart: the owner's action with the same deadline, else the first of theirs the
            # summing-up has not yet gone over (it goes over them in the order they came)
            dated = [c for c in same if c.due and due and c.due.date and c.due.date == due.date]
            named = [c for c in same if not _unresolved(c.owner) and segment.index not in c.evidence]
            best = dated[-1] if dated else (named[0] if named else None)
        if best is not None:
            if _unresolved(best.owner):
                best.owner = owner
            if best.due is None or (best.due.date is None and due is not None and due.date is not None):
                best.due = due or best.due
            best.accepted, best.needs_acceptance = True, False
            if segment.index not in best.evidence:
                best.evidence.append(segment.index)
            continue
        candidates.append(
            _Candidate(
                owner=owner,
                task=task,
                due=due,
                segment=position,
                speaker=segment.speaker,
                evidence=[segment.index],
                explicit=True,
            )
        )


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


def _is_decline(sentence: str) -> bool:
    text = _strip_lead(sentence) if not re.match(r"^(?:no|nope)\b", sentence, re.I) else sentence
    if _DECLINE_EN_RE.match(text):
        return not re.search(r"\b(?:but|instead)\b.*\b(?:i'll|i will|we'll|will)\b", text, re.I)
    if text.rstrip().endswith(("?", "？")):
        return False
    if _has_han(text) and _DECLINE_ZH_RE.search(text) and len(_HAN_RE.findall(text)) <= 14:
        return not re.search(r"我(?:會|嚟|跟)|你(?:就|再)", text)
    return False


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


def _excluded(piece: str, han: bool) -> bool:
    """Done already, hypothetical, an opinion, or done at the meeting itself: not an action whatever its
    verbs."""
    if _AGENDA_RE.search(_strip_lead(piece)):
        return True
    if han:
        if _ZH_AT_MEETING_RE.search(piece):
            return True
        if _HYPOTHETICAL_ZH_RE.search(piece) and not _CONDITION_OK_ZH_RE.search(_strip_lead(piece)):
            return True
        if _done_zh(piece):
            return True
        return bool(_OPINION_ZH_RE.match(_strip_lead(piece))) and not re.search(r"[啦吖]$", piece)
    text = _strip_lead(piece)
    if _CONDITION_OK_RE.match(text):
        text = text[_CONDITION_OK_RE.match(text).end() :]
    elif _HYPOTHETICAL_EN_RE.search(text):
        return True
    if _DONE_EN_RE.search(text) and not re.search(
        r"\b(?:will|'ll|going to|to follow|please|need to)\b", text, re.I
    ):
        return True
    return bool(_OPINION_EN_RE.match(text)) and not re.search(
        r"\b(?:i'll|i will|can you|could you|please)\b", text, re.I
    )


def _candidate(piece: str, context: _Context, segment: Segment, position: int) -> _Candidate | None:
    han = _has_han(piece)
    if han:  # "我哋已經交咗上年嘅，今年嘅..." : what was done is left out, the rest is read
        clauses = re.split(r"(?<=[，,、])", piece)
        piece = "".join(c for c in clauses if not _done_zh(c)).strip(" ，,、")
        if not piece:
            return None
    if _excluded(piece, han):
        return None
    text, due = _piece_due(piece, context)
    found = None
    if han:
        handover = due is not None and _ZH_HANDOVER_RE.match(piece[due.end :].lstrip())
        found = _chinese_action(text, context, due_then_handover=bool(handover))
    if found is None and re.search(r"[A-Za-z]{2}", text):
        found = _english_action(text, context)
    if found is None:
        return None
    owner, task, flags = found
    if (
        owner.kind == ADDRESSEE
        and context.committed
        and context.vocative is None
        and not re.search(r"你|您|\byou\b|\bme\b", text, re.I)
        and not _ZH_GIVE_ME_RE.search(text)
    ):  # no subject, after the speaker took it on: "我嚟做，下個禮拜一之前 send 俾 security team"
        owner = _Owner(SPEAKER)
    if owner.kind == SPEAKER and segment.speaker:
        owner = context.speaking_as or _Owner(NAMED, segment.speaker)
    task = _tidy_task(task, owner_text=owner.name if owner.kind == NAMED else "")
    if flags.get("weak") and due is None and not flags.get("explicit"):
        return None
    if flags.get("unless_accepted") and due is None:
        flags["needs_acceptance"] = True
    anaphoric = _is_anaphoric(task)
    demonstrative = _ZH_DEMONSTRATIVE_RE.match(task) if han else None
    if demonstrative:  # "呢樣嘢我嚟搞，出初稿": the thing just mentioned, then what is done to it
        task = _tidy_task(task[demonstrative.end() :])
        anaphoric = True
    if not anaphoric and len(_content_words(task)) == 0 and len(_HAN_RE.findall(task)) < 2:
        return None
    return _Candidate(
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


def _unresolved(owner: _Owner) -> bool:
    return owner.kind in (ADDRESSEE, ACCEPTOR, NOBODY)


def _owners_agree(a: _Owner, b: _Owner) -> bool:
    if _unresolved(a) or _unresolved(b):
        return True
    if a.kind == GROUP or b.kind == GROUP:
        return a.kind == b.kind or True
    return a.name.lower() == b.name.lower()


def _recent(candidates: list[_Candidate], position: int) -> list[_Candidate]:
    """Candidates touched in the last ``WINDOW`` segments, the latest first."""
    recent = [c for c in candidates if not c.cancelled and position - c.last <= WINDOW]
    return sorted(recent, key=lambda c: (c.last, c.segment), reverse=True)


def _merge(into: _Candidate, other: _Candidate) -> None:
    if (_unresolved(into.owner) or into.owner.kind == GROUP) and not _unresolved(other.owner):
        into.owner = other.owner
    if (into.anaphoric or _is_anaphoric(into.task)) and not (other.anaphoric or _is_anaphoric(other.task)):
        into.task, into.anaphoric = other.task, False
    into.due = _settled_due(into, other)
    into.evidence = sorted(set(into.evidence) | set(other.evidence))
    into.last = max(into.last, other.last)
    into.accepted = into.accepted or other.accepted or other.speaker != into.speaker
    into.needs_acceptance = into.needs_acceptance and not into.accepted
    into.explicit = into.explicit or other.explicit


def _settled_due(into: _Candidate, other: _Candidate) -> Due | None:
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


def _add(candidates: list[_Candidate], candidate: _Candidate) -> None:
    """Add a candidate, or fold it into the recent one it restates or answers."""
    latest = candidates[-1] if candidates else None
    if (
        latest is not None
        and latest.segment == candidate.segment
        and latest.owner.kind == candidate.owner.kind == NAMED
        and latest.owner.name == candidate.owner.name
        and candidate.due is None
        and not _has_han(candidate.task)
        and len(candidate.task.split()) <= 3
        and re.match(r"^(?:copy|cc|include|loop in|keep)\b", candidate.task, re.I)
    ):  # "Marcus, please write to Personnel for the list. Copy me.": one action
        latest.task = f"{latest.task}, {candidate.task}"
        _merge(latest, candidate)
        return
    for previous in _recent(candidates, candidate.segment)[:1]:
        # "我會 send 個 on-call roster 俾你" - "好，下個禮拜三之前 send 俾我", "我嚟寫個初稿" - "你寫完俾我睇":
        # the one just promised, asked about in the next turn
        if (
            _unresolved(candidate.owner)
            and previous.owner.kind == NAMED
            and previous.owner.name == previous.speaker != candidate.speaker
            and previous.last >= candidate.segment - 1
            and (
                _overlap(previous.task, candidate.task) >= 0.3
                or re.search(r"[完好掂](?:之後|就)?\s*(?:俾|畀|send|交)", candidate.task)
            )
        ):
            _merge(previous, candidate)
            previous.due = candidate.due or previous.due
            return
        # "咁我拉個 usage report 出嚟" - "OK，你 send 個 list 俾 Queenie": a "you" with no name, answering
        # a promise, is said to the one who just promised
        if (
            candidate.owner.kind == ADDRESSEE
            and previous.owner.kind == NAMED
            and previous.owner.name == previous.speaker != candidate.speaker
            and previous.segment == candidate.segment - 1
        ):
            candidate.owner = _Owner(NAMED, previous.speaker)
    for previous in _recent(candidates, candidate.segment):
        same_task = task_similarity(previous.task, candidate.task) >= SAME_TASK
        answers = (
            previous.speaker != candidate.speaker
            and _unresolved(previous.owner)
            and candidate.owner.kind == NAMED
            and candidate.owner.name == candidate.speaker
            and task_similarity(previous.task, candidate.task) >= 0.2
        )
        # "冇問題，我今日就打俾佢哋": the one who just took the request on says how
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
                and _substance(candidate.task) >= _substance(previous.task)
                and not re.search(r"佢|\b(?:it|them)\b", candidate.task)  # "...就通知佢哋" says less
            ):
                previous.task, previous.from_context = candidate.task, False
            _merge(previous, candidate)
            previous.due = due or previous.due
            return
        if (same_task and _owners_agree(previous.owner, candidate.owner)) or answers:
            if answers and _substance(candidate.task) > _substance(previous.task):
                previous.task = candidate.task  # "邊個 renew？" - "我會叫 Derek renew"
            _merge(previous, candidate)
            return
    candidates.append(candidate)


def _add_anaphoric(candidates: list[_Candidate], candidate: _Candidate) -> None:
    """ "I'll do it" / "Please do" / 我嚟跟: the request just made, else what was just said."""
    said = candidate.said_task
    own = "" if _points_back(said) else said  # what the sentence adds: "出初稿" in "呢樣嘢我嚟搞，出初稿"
    if not candidate.needs_acceptance:
        for previous in _recent(candidates, candidate.segment):
            if candidate.segment - previous.last > 2:
                break
            if _owners_agree(previous.owner, candidate.owner):
                if own and previous.from_context and _has_han(own) and own not in previous.task:
                    previous.task = f"{previous.task}：{own}"
                _merge(previous, candidate)
                return
            break
    context = _tidy_task(_piece_due(candidate.task, _Context(_People(), None))[0])
    context = re.sub(r"(?:呢|嗎|咩|呀|啊)$", "", context).strip(" ，,")
    if own:
        candidate.task = f"{context}：{own}" if candidate.demonstrative and context else own
    else:
        candidate.task, candidate.from_context = context, True
    candidate.due = candidate.due or candidate.context_due
    candidate.anaphoric = False
    if candidate.task:
        candidates.append(candidate)


def _due_only(piece: str, context: _Context) -> Due | None:
    """The deadline of a sentence that says little else ("So within two weeks." / "Florence, by next Friday
    please"), which belongs to the action just stated."""
    due = find_due(piece, meeting_date=context.meeting_date)
    if due is None:
        return None
    text = piece
    vocative = _EN_VOCATIVE_RE.match(text)
    if vocative and _owner_of(vocative["owner"], context.people):
        text = vocative["rest"]
    text = _strip_lead(text)
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
    # what follows the date says little more ("月底前得唔得？"), not "禮拜二同禮拜三都有，每次大概十分鐘"
    after = _TASK_TRAIL_ZH_RE.sub("", text[at + len(due.text) :])
    if len(_HAN_RE.findall(after)) > 4 or len(_content_words(after)) > 2:
        return None
    return due


def _attach_due(
    candidates: list[_Candidate], due: Due, position: int, segment: Segment, vocative: "_Owner | None"
) -> None:
    for previous in _recent(candidates, position):
        if position - previous.last > 2:
            break
        if vocative is not None and not _owners_agree(previous.owner, vocative):
            continue
        if previous.due is None or due.date is not None:  # a date said later settles it
            previous.due = due
            previous.explicit = True
            if segment.index not in previous.evidence:
                previous.evidence.append(segment.index)
        return


def _accept(
    candidates: list[_Candidate], position: int, segment: Segment, people: _People
) -> _Candidate | None:
    """An "OK" / 收到 / 冇問題 answering the latest open request: the one who says it takes it on; the
    request taken, if any. A request to someone else named is skipped over ("Mary will X. And Peter, can you
    Y?" - "OK" from Peter), unless the one who answers may be speaking for them (``_may_answer_for``)."""
    for previous in _recent(candidates, position):
        if position - previous.last > 2:
            break
        if previous.speaker == segment.speaker or position == previous.last:
            continue
        if _unresolved(previous.owner):
            if segment.speaker:
                previous.owner = _Owner(NAMED, segment.speaker)
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


def _may_answer_for(request: _Candidate, speaker: str, people: _People, candidates: list[_Candidate]) -> bool:
    """Whether a speaker's "OK" may take on what was asked of someone else named: anyone may for a body
    (the Secretariat), and for a person asked face to face who does not speak under a label of their own,
    a speaker whose label names nobody ("Mary, please put up the notice" - Speaker 2: "OK, I will do it":
    Speaker 2 is Mary)."""
    owner = request.owner.name
    if owner in people.speakers:
        return False
    if not _is_person(owner, candidates):
        return True
    return request.addressed and bool(_ANONYMOUS_RE.fullmatch(speaker))


def _is_person(name: str, candidates: list[_Candidate]) -> bool:
    """Whether an owner is someone who speaks in the meeting (not a body such as the Secretariat)."""
    return any(c.speaker == name for c in candidates) or not (
        _BODY_RE_EN.match(name) or _ZH_BODY_RE.fullmatch(name)
    )


def _reports_done(sentence: str) -> bool:
    """Whether an answer says the thing is done already ("我其實今朝已經問咗", "I've already sent it"). A turn
    that opens the next agenda item ("第三樣，熱線上個月…") answers nothing, whatever its tense."""
    text = _strip_lead(sentence)
    if _AGENDA_RE.search(text):
        return False
    if _has_han(text):
        return bool(_DONE_ZH_RE.search(text)) and not text.rstrip().endswith(("?", "？"))
    return bool(re.match(r"^(?:i|we)\b", text, re.I) and re.search(r"\balready\b", text, re.I))


def _already_done(candidates: list[_Candidate], position: int, segment: Segment) -> None:
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


def _decline(candidates: list[_Candidate], position: int) -> None:
    """ "No need" / 唔使喇 right after a proposal withdraws it."""
    for previous in _recent(candidates, position):
        if position - previous.last <= 1 and (not previous.accepted or previous.needs_acceptance):
            previous.cancelled = True
        return


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


def _final_actions(
    candidates: list[_Candidate], segments: list[Segment], people: _People
) -> list[ActionItem]:
    kept = [c for c in candidates if not c.cancelled and (not c.needs_acceptance or c.accepted)]
    merged: list[_Candidate] = []
    for candidate in kept:
        for previous in merged:
            if _owners_agree(previous.owner, candidate.owner) and _same_task(previous, candidate):
                _merge(previous, candidate)
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


def _overlap(a: str, b: str) -> float:
    """How much of the shorter task the longer one contains (character pairs or content words)."""
    if _has_han(a) or _has_han(b):
        x, y = _bigrams(a), _bigrams(b)
    else:
        x, y = _content_words(a), _content_words(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _same_task(a: _Candidate, b: _Candidate) -> bool:
    """One action said twice: alike tasks, or, for the same named owner, one task within the other (the
    chair's recap "Tommy chase copy" of "Tommy 你 chase 埋各 section 交 copy")."""
    if task_similarity(a.task, b.task) >= SAME_TASK:
        return True
    same_owner = a.owner.kind == b.owner.kind == NAMED and a.owner.name.lower() == b.owner.name.lower()
    return same_owner and _overlap(a.task, b.task) >= 0.5


def _owner_name(candidate: _Candidate, segments: list[Segment], people: _People) -> str:
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
