from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict


class JobOptions(Schema):
    """Options of a task; each task reads its own and ignores the rest."""

    model_config = ConfigDict(extra="forbid")

    length: Literal["brief", "standard", "detailed"] | None = None  # summarise
    style: Literal["bullets", "prose"] | None = None  # summarise
    language: Literal["en", "zh-Hant", "zh-Hans"] | None = None  # summarise: the summary's language
    target: Literal["en", "zh-Hant", "zh-Hans"] | None = None  # translate
    template_id: int | None = None  # draft
    points: str | None = None  # draft: what the reply should say


class JobIn(Schema):
    """A task on pasted ``text`` or on a collection's ``document_id`` (upload a file with /pilot/jobs/upload)."""

    model_config = ConfigDict(extra="forbid")

    task: Literal["summarise", "translate", "draft"]
    text: str | None = None
    document_id: int | None = None
    options: JobOptions = JobOptions()


class JobOut(Schema):
    id: int
    task: str
    source_kind: str
    source_label: str
    source_document_id: int | None
    options: dict
    status: str
    progress_done: int
    progress_total: int
    error: str
    result: dict | None
    created_at: datetime
    finished_at: datetime | None


class SaveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    collection: str
    format: Literal["md", "docx"] = "docx"


class SaveOut(Schema):
    source_id: str
    outcome: str
    document_id: int | None
    error: str


class TemplateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    body: str
    kind: Literal["letter", "memo"] = "letter"
    language: Literal["en", "zh-Hant", "zh-Hans"] = "en"


class TemplateOut(Schema):
    id: int
    name: str
    kind: str
    language: str
    body: str
    department: str | None
