"""The governance officer's permission, and the Redact tool's background work. The audit itself is
``llm.ModelCall`` and ``core.AuditEvent``, so the permission hangs on a model without a table, as Django
allows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import error_message


class GovernanceRole(models.Model):  # noqa: DJ008 (no rows, so nothing to show)
    """No rows and no table: the holder of ``privacy.audit_governance`` (given to the group "Governance
    officers" by ``aiplus governance officer-add``)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("audit_governance", "Governance officer: audit every department's model calls and redactions")
        ]


class RedactStep(models.TextChoices):
    READ = "read", _("Reading the file and finding personal data")
    WRITE = "write", _("Writing the redacted file")


class RedactStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Working")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


REDACT_PENDING = (RedactStatus.QUEUED, RedactStatus.RUNNING)


class RedactJob(models.Model):
    """The background work of one Redact review (its files are under ``$AIPLUS_HOME/redact/<token>/``): first
    reading the upload and finding its personal data, then, when the officer asks, writing the redacted file.
    Progress counts the file's pages; the row goes with its review."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    token = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255)
    step = models.CharField(max_length=8, choices=RedactStep.choices, default=RedactStep.READ)
    status = models.CharField(
        max_length=16, choices=RedactStatus.choices, default=RedactStatus.QUEUED, db_index=True
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.step}: {self.filename}"

    @property
    def pending(self) -> bool:
        return self.status in REDACT_PENDING

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""
