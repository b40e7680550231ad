"""The actions a workflow step can take, one module each, found through one lazy registry.

An action module defines ``ACTION = Action(...)``: its name, a pydantic model of its settings (checked when a
workflow is saved) and ``run(step) -> StepResult``. ``run`` may read the document and the run's context, call
other apps' services and the model gateway; writes that must happen exactly once go in ``StepResult.commit``,
which the engine calls in the same transaction that marks the step done. An action raises ``StepRetry`` for a
failure worth retrying (a server that did not answer), an ``AiplusError`` for one that is not.

To add an action: write ``actions/<name>.py`` with its ``ACTION`` and add the name to ``ACTION_MODULES``.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel

from aiplus.core.validation import invalid

ACTION_MODULES = (
    "ocr",
    "extract",
    "redact",
    "summarise",
    "translate",
    "assign",
    "review",
    "approval",
    "email",
    "webhook",
    "move",
    "draft",
    "classify",
    "retention",
)


class StepRetry(Exception):
    """A failure worth trying again later (a server down, a timeout): the engine retries with backoff."""


@dataclass(frozen=True)
class WorkflowActor:
    """Who a workflow's steps act as: its department, for templates, the model policy and the audit log."""

    workflow: str
    department_id: int
    pk: None = None
    is_authenticated: bool = True
    is_platform_admin: bool = False
    can_manage_knowledge: bool = False

    @property
    def username(self) -> str:
        return f"workflow:{self.workflow}"


@dataclass
class StepInput:
    """What a step runs on: the run (its document, payload and context so far) and the step's settings."""

    run: object  # workflows.models.Run
    step: object  # workflows.models.StepRun
    settings: dict
    actor: WorkflowActor

    @property
    def context(self) -> dict:
        return self.run.context

    def text(self) -> str:
        """The text later steps work on: as an earlier step left it (OCR, redaction), else the document's."""
        if "text" in self.context:
            return self.context["text"]
        if self.run.document_id:
            pages = self.run.document.pages.order_by("number").values_list("text", flat=True)
            return "\n\n".join(pages)
        return str(self.run.payload.get("text") or "")

    def source(self):
        """The text as the document assistant's services take it (``pilot.sources.SourcePages``)."""
        from aiplus.pilot.sources import source_from_text

        return source_from_text(self.text())


@dataclass
class StepResult:
    output: dict = field(default_factory=dict)  # what the run history shows for the step
    context: dict = field(default_factory=dict)  # added to the run's context for the next steps
    commit: Callable[[], None] | None = None  # exactly-once writes, inside the step's transaction
    wait: bool = False  # the run waits for a person (a review or approval task made in ``commit``)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    settings: type[BaseModel]
    run: Callable  # (StepInput) -> StepResult
    description: str = ""

    def settings_clean(self, settings: dict, *, where: str) -> dict:
        from aiplus.workflows.definition import settings_parse

        return settings_parse(self.settings, settings, where=where)

    def settings_fields(self) -> list[dict]:
        """The settings as the editor shows them: name, type, default, whether required."""
        rows = []
        for attribute, info in self.settings.model_fields.items():
            name = info.alias or attribute
            annotation = info.annotation
            kind = getattr(annotation, "__name__", str(annotation))
            rows.append(
                {
                    "name": name,
                    "kind": kind,
                    "required": info.is_required(),
                    "default": None if info.is_required() else info.get_default(call_default_factory=True),
                    "help": info.description or "",
                }
            )
        return rows


@cache
def actions() -> dict[str, Action]:
    found = {}
    for module_name in ACTION_MODULES:
        action = importlib.import_module(f"{__name__}.{module_name}").ACTION
        found[action.name] = action
    return found


def action_named(name: str, *, where: str = "action") -> Action:
    action = actions().get(name)
    if action is None:
        raise invalid("workflow.definition", "wf_choice", where=where, choices=", ".join(actions()))
    return action
