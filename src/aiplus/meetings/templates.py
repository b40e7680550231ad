"""Minutes templates: which sections minutes have, in what order, under which headings.

A template is a list of sections; each section shows one part of the minutes (``kind``) under a heading
in English and Chinese. Departments can define their own from the same kinds.
"""

from dataclasses import asdict, dataclass, field

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import clean_text

KINDS = ("attendees", "summary", "items", "decisions", "actions", "blank")


@dataclass(frozen=True)
class Section:
    kind: str  # one of KINDS; "blank" is a heading left for the secretary to fill in
    title_en: str
    title_zh: str

    def title(self, language: str) -> str:
        if language == "zh-Hant":
            return self.title_zh
        if language == "both":
            return f"{self.title_en} {self.title_zh}"
        return self.title_en


@dataclass(frozen=True)
class Template:
    name: str
    title_en: str
    title_zh: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return asdict(self)


BUILT_IN = {
    "general": Template(
        "general",
        "General meeting",
        "一般會議",
        (
            Section("attendees", "Attendees", "出席者"),
            Section("summary", "Summary", "摘要"),
            Section("items", "Discussion", "討論事項"),
            Section("decisions", "Decisions", "決定事項"),
            Section("actions", "Action items", "跟進事項"),
        ),
    ),
    "committee": Template(
        "committee",
        "Committee or board meeting",
        "委員會或董事會會議",
        (
            Section("attendees", "Present", "出席者"),
            Section("blank", "Confirmation of the minutes of the last meeting", "通過上次會議記錄"),
            Section("summary", "Summary", "摘要"),
            Section("items", "Agenda items", "議程事項"),
            Section("decisions", "Resolutions", "議決事項"),
            Section("actions", "Follow-up actions", "跟進行動"),
            Section("blank", "Any other business", "其他事項"),
            Section("blank", "Date of next meeting", "下次會議日期"),
        ),
    ),
    "project": Template(
        "project",
        "Project meeting",
        "項目會議",
        (
            Section("attendees", "Attendees", "出席者"),
            Section("summary", "Progress summary", "進度摘要"),
            Section("items", "Topics", "議題"),
            Section("decisions", "Decisions", "決定"),
            Section("actions", "Actions (owner, due date)", "行動項目（負責人、限期）"),
            Section("blank", "Risks and issues", "風險及問題"),
        ),
    ),
}


def template_from_sections(name: str, sections: list[dict], *, title: str = "") -> Template:
    """A user-defined template from a list of {kind, title_en, title_zh}; refused if a kind is unknown,
    a heading is missing, or it shows neither discussion nor actions."""
    built = []
    for section in sections:
        kind = str(section.get("kind", "")).strip()
        if kind not in KINDS:
            raise AiplusError(ErrorCode.INVALID, detail=f"section {section!r}")
        title_en = clean_text("template.heading", section.get("title_en"))
        title_zh = clean_text("template.heading", section.get("title_zh") or title_en)
        built.append(Section(kind, title_en, title_zh))
    if not {"items", "actions"} & {section.kind for section in built}:
        raise AiplusError(ErrorCode.INVALID, detail="a template needs a discussion or an actions section")
    return Template(name, title or name, title or name, tuple(built))


def builtin_template(name: str) -> Template:
    try:
        return BUILT_IN[name]
    except KeyError:
        raise AiplusError(ErrorCode.INVALID, detail=f"unknown template {name!r}") from None
