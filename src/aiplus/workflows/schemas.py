from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class WorkflowOut(Schema):
    id: int
    department: str
    name: str
    description: str
    enabled: bool
    version: int
    trigger: dict
    conditions: list
    steps: list


class RunIn(Schema):
    """Start a run on one of: a document of the workflow's department, or pasted text (upload a file with
    /workflows/{id}/runs/upload)."""

    model_config = ConfigDict(extra="forbid")

    document_id: int | None = None
    text: str | None = None


class StepOut(Schema):
    round: int
    position: int
    action: str
    status: str
    attempts: int
    input_summary: str
    output: dict
    error: str
    started_at: datetime | None
    finished_at: datetime | None
    seconds: float | None


class RunOut(Schema):
    id: int
    workflow: int
    workflow_name: str
    version: int
    document_id: int | None
    trigger: str
    status: str
    error: str
    started_at: datetime
    finished_at: datetime | None
    context: dict[str, Any]
    steps: list[StepOut]


class TaskOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    run: int | None
    assignee: str | None
    team: str | None
    due_at: datetime | None
    comment: str
    may_act: bool
    history: list[dict]


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "reject"]
    comment: str = ""


class ReassignIn(Schema):
    model_config = ConfigDict(extra="forbid")

    user: str = ""
    team: str = ""


class BulkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ids: list[int] = Field(min_length=1, max_length=500)
    action: Literal["approve", "reject", "reassign"]
    comment: str = ""
    user: str = ""
    team: str = ""


class BulkOut(Schema):
    done: list[int]
    refused: dict[str, str]
