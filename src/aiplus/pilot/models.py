"""The document assistant's records: each task a user runs (a job, kept with its result as history) and the
departments' letter and memo templates for drafting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import error_message
from aiplus.core.models import Department


class JobTask(models.TextChoices):
    SUMMARISE = "summarise", _("Summarise")
    TRANSLATE = "translate", _("Translate")
    DRAFT = "draft", _("Draft a reply")


class SourceKind(models.TextChoices):
    TEXT = "text", _("Pasted text")
    UPLOAD = "upload", _("Uploaded file")
    DOCUMENT = "document", _("Document in a collection")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Working")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


PENDING_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """One task on one source. The source's text is read when the job is made (an upload is not kept), so
    the job can run in the background and be rerun from its history."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL)
    task = models.CharField(max_length=16, choices=JobTask.choices)
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices)
    source_label = models.CharField(max_length=500)  # a file name, a document title, or "Pasted text"
    source_document_id = models.PositiveIntegerField(null=True, blank=True)
    source_pages = models.JSONField(default=list)  # [[page number, text], ...]
    options = models.JSONField(default=dict)
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.task}: {self.source_label}"

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""

    @property
    def pending(self) -> bool:
        return self.status in PENDING_STATUSES


class TemplateKind(models.TextChoices):
    LETTER = "letter", _("Reply letter")
    MEMO = "memo", _("Memo")


class DraftTemplate(models.Model):
    """A letter or memo layout. Placeholders in braces ({recipient}, {subject}, {reply}, {officer}) are
    filled by the model from the source. A template without a department is offered to every department."""

    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=TemplateKind.choices, default=TemplateKind.LETTER)
    language = models.CharField(max_length=8, default="en")  # en, zh-Hant or zh-Hans
    body = models.TextField()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="pilot_template_unique")]

    def __str__(self) -> str:
        return self.name
