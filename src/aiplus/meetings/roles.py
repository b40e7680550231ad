"""The roles a department's meeting speakers are labelled by ("Chair", "秘書"): minutes write "the Chair
said" and "主席表示" for them, in either language, and do not take them for people's names (which are never
topics). A department keeps its own list (``MeetingSettings.roles``); government defaults are in
``roles.tsv``."""

import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources

MAX_ROLES = 100
MAX_ROLE_LENGTH = 60


@dataclass(frozen=True)
class Role:
    en: str = ""
    zh: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _key(label: str) -> str:
    """A label as looked up: case, spaces, hyphens and a leading "the" aside ("The Vice-Chair" = "vice chair")."""
    return re.sub(r"^the ", "", re.sub(r"[\s_-]+", " ", label.strip().strip(".")).casefold())


class Roles:
    """A list of roles, looked up by a speaker label in either language (case, spaces and hyphens aside)."""

    def __init__(self, roles: list[Role]):
        self.roles = list(roles)
        self._by_label = {}
        for role in self.roles:
            for label in (role.en, role.zh):
                if label:
                    self._by_label.setdefault(_key(label), role)

    def find(self, label: str) -> Role | None:
        return self._by_label.get(_key(label))

    def speaker_phrase(self, label: str, language: str) -> str:
        """How minutes in ``language`` ("en" or "zh-Hant") name the speaker of ``label``: "the Chair" and
        "主席" for a role, the label itself for a person."""
        label = label.strip()
        if not label:
            return "一位與會者" if language == "zh-Hant" else "a participant"
        role = self.find(label)
        if role is None:
            return label
        if language == "en":
            return f"the {role.en}" if role.en else label
        return role.zh or label


@cache
def _default_roles() -> tuple[Role, ...]:
    roles = []
    for line in resources.files("aiplus.meetings").joinpath("roles.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            english, _, chinese = line.partition("\t")
            roles.append(Role(english.strip(), chinese.strip()))
    return tuple(roles)


def default_roles() -> list[Role]:
    """The government defaults: Chair 主席, Secretary 秘書, Members 委員 and others (``roles.tsv``)."""
    return list(_default_roles())


def roles_from_lines(text: str) -> list[Role]:
    """Roles written one a line as "English | 中文" (either side may be empty), as on the settings page and in
    a file given to ``aiplus minutes --roles``. Blank lines are skipped; checking is ``check_roles``'s."""
    roles = []
    for line in text.splitlines():
        if line.strip():
            english, _, chinese = line.partition("|")
            roles.append(Role(english.strip(), chinese.strip()))
    return roles


def roles_as_lines(roles: list[Role]) -> str:
    return "\n".join(f"{role.en} | {role.zh}" if role.zh else role.en for role in roles)
