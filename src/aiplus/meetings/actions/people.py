"""The people of a meeting and the owners a sentence names: attendees and speaker labels with every form
their names take (陳大文 is 陳生 and 阿文 too), bodies (the Secretariat, IT組) and pronouns."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiplus.meetings.actions.text import _HAN, _has_han, _words

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
