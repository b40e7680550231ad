"""Workflow definitions with their saved versions, runs with one record per step, the review queue's tasks
with their history, and when each periodic task last ran."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import error_message
from aiplus.core.models import Department


class Workflow(models.Model):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="workflows")
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    # {"type": "document_added", "collection": slug} | {"type": "api"} | {"type": "schedule", "every_minutes": n,
    # "collection": slug}; see ``workflows.definition``.
    trigger = models.JSONField(default=dict)
    conditions = models.JSONField(default=list)
    steps = models.JSONField(default=list)  # [{"action": name, "settings": {...}}], in order
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_scheduled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["department__code", "name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="workflow_name_unique")]

    def __str__(self) -> str:
        return self.name


class WorkflowVersion(models.Model):
    """The definition as it was saved, so a run can be read against the steps it actually followed."""

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    definition = models.JSONField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["workflow", "version"], name="workflow_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.workflow_id} v{self.version}"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    WAITING = "waiting", _("Waiting for a person")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")
    DEAD = "dead", _("Stopped after retries")


class Run(models.Model):
    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="runs")
    version = models.PositiveIntegerField()
    steps = models.JSONField()  # the steps of that version, as followed
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="workflow_runs"
    )
    payload = models.JSONField(default=dict, blank=True)
    trigger = models.CharField(max_length=32)  # document_added, api, schedule, cli, retry
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    # What the steps have produced so far: text, fields, summary, … (each action reads and adds).
    context = models.JSONField(default=dict, blank=True)
    round = models.PositiveIntegerField(default=1)  # a rejection that routes back starts a new round
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"run {self.pk}"

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""


class StepStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    RETRYING = "retrying", _("Waiting to retry")
    WAITING = "waiting", _("Waiting for a person")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class StepRun(models.Model):
    """One step of one run (per round): done at most once, whoever delivers its task and however often."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="step_runs")
    round = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField()  # 0-based index into Run.steps
    action = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=StepStatus.choices, default=StepStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    input_summary = models.TextField(blank=True)
    output = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)  # a step waiting to retry is not taken before
    # core.workers: which worker holds the step while it runs.
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "round", "position"], name="step_run_once"),
        ]

    def __str__(self) -> str:
        return self.idempotency_key

    @property
    def idempotency_key(self) -> str:
        return f"aiplus-run-{self.run_id}-r{self.round}-s{self.position}"

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 3)
        return None


class TaskKind(models.TextChoices):
    REVIEW = "review", _("Review")
    APPROVAL = "approval", _("Approval")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")


class ReviewTask(models.Model):
    """A piece of work in the review queue: a person or a team (a Django group) is to look at it."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="review_tasks")
    run = models.ForeignKey(Run, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    step = models.OneToOneField(
        StepRun, null=True, blank=True, on_delete=models.CASCADE, related_name="review_task"
    )
    kind = models.CharField(max_length=16, choices=TaskKind.choices, default=TaskKind.REVIEW)
    title = models.CharField(max_length=300)
    instructions = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approvers = models.JSONField(default=dict, blank=True)  # an approval's {"users": [...], "teams": [...]}
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "created_at", "pk"]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.title


class TaskEvent(models.Model):
    """The history of a task: created, reminded, reassigned, approved, rejected, done (with comments)."""

    task = models.ForeignKey(ReviewTask, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=16)
    comment = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class PeriodicRun(models.Model):
    """When a periodic task (``AIPLUS_PERIODIC_TASKS``) was last sent, shared by ``serve`` and ``tick``."""

    name = models.CharField(max_length=200, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
