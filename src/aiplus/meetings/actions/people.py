"""The people of a meeting and the owners a sentence names: attendees and speaker labels with every form
their names take (陳大文 is 陳生 and 阿文 too), bodies (the Secretariat, IT組) and pronouns."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiplus.core.language import HAN, has_han
from aiplus.meetings.actions.tables import alternation, pattern, pronouns, word_set, words

# --- people -----------------------------------------------------------------------------------------------


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
    if has_han(name):
        han = re.sub(rf"[^{HAN}]", "", name)
        titled = pattern("zh_titled").fullmatch(han)
        if titled:
            surname = re.match(alternation("surnames"), han).group()
            title = han[len(surname) :]
            forms |= {han, title}
            forms |= {surname + t for t in ("先生", "生", "小姐", "太", "女士", "sir")}
        elif 2 <= len(han) <= 4:
            surname_match = re.match(alternation("surnames"), han)
            if surname_match:
                surname, given = surname_match.group(), han[surname_match.end() :]
                forms |= {han, *(surname + t for t in ("先生", "生", "小姐", "太", "女士", "sir", "Sir"))}
                if len(given) >= 2:
                    forms.add(given)
                    forms |= {"阿" + char for char in given}  # 何俊賢 is 阿俊, 蔡志明 阿明
        latin = re.sub(rf"[{HAN}]", " ", name).split()
        if latin:
            forms.add(" ".join(latin).lower())
            forms.add(latin[0].lower())
        return forms
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", name)
    if tokens and tokens[0].lower().rstrip(".") in words("titles_en") and len(tokens) >= 2:
        forms.add(f"{tokens[0].lower().rstrip('.')} {tokens[-1].lower()}")
        return forms
    if len(tokens) >= 2:
        forms.add(tokens[0].lower())
        for title in words("titles_en"):
            forms.add(f"{title} {tokens[-1].lower()}")
        # "Chan Tai-man": the given name last, hyphenated
        forms |= {w.lower() for w in tokens[1:] if "-" in w}
    if pattern("anonymous").fullmatch(name):
        return {name.lower()}
    return {form for form in forms if form and form not in word_set("not_names")}


@dataclass
class People:
    """The people and bodies of one meeting, and every form their names take."""

    forms: dict[str, set[str]] = field(default_factory=dict)  # lower-cased form -> labels
    teams: dict[str, str] = field(default_factory=dict)  # label -> team named in it
    speakers: frozenset[str] = frozenset()  # the speaker labels
    pattern: re.Pattern | None = None

    @classmethod
    def build(cls, attendees: Iterable[str], speakers: Iterable[str]) -> "People":
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
                    pattern("body_en").match(role)
                    and not re.search(r"director|manager|officer|head|lead", role, re.I)
                ) or (
                    re.search(f"(?:{alternation('body_suffixes_zh')})$", role)
                    and not re.search("主席|經理|主任|總監", role)
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


@dataclass
class Owner:
    kind: str
    name: str = ""  # for NAMED: the label or the words as said


def owner_of(slot: str, people: People) -> Owner | None:
    """The owner a subject or addressee slot names, or None when it names no one (e.g. "the system")."""
    slot = slot.strip(" ,，、:：")
    if not slot:
        return None
    low = slot.lower()
    kind = pronouns().get(low) or pronouns().get(slot)
    if kind:
        return Owner(kind)
    label = people.label(slot) or people.label(re.sub(r"^the\s+", "", slot, flags=re.I))
    if label:
        return Owner(NAMED, label)
    if has_han(slot):
        if pattern("zh_titled").fullmatch(slot) or pattern("zh_body").fullmatch(slot):
            return Owner(NAMED, slot)
        return None
    words = slot.split()
    if len(words) > 6 or re.search(r"\b(?:system|it|this|that|there|project|plan|work|report)$", low):
        return None
    if pattern("body_en").match(slot):
        return Owner(NAMED, slot)
    if re.fullmatch(r"[A-Z]{2,6}s?", slot) and low not in word_set("not_names"):
        return Owner(NAMED, slot)  # EMSD, IT, HR
    if (
        all(re.fullmatch(r"[A-Z][a-zA-Z'.-]*", w) for w in words)
        and words[0].lower().rstrip(".") not in word_set("not_names")
        and len(words) <= 3
    ):
        return Owner(NAMED, slot)
    return None
