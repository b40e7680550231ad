"""Intake channels: IMAP mailboxes with their rules and ledger, watched folders, and public forms with their
submissions. Each brings documents into a collection through ``documents.services.ingest_stream``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.models import Department
from aiplus.documents.models import Collection, Document


class Security(models.TextChoices):
    SSL = "ssl", _("TLS from the start (port 993)")
    STARTTLS = "starttls", _("STARTTLS (port 143)")
    NONE = "none", _("None (a server on this machine only)")


class PollStatus(models.TextChoices):
    NEVER = "", _("Not polled yet")
    OK = "ok", _("OK")
    ERROR = "error", _("Error")


class Mailbox(models.Model):
    """An IMAP inbox read for a department. The password is never stored: ``password_env`` names an
    environment variable, or ``password_file`` a file readable by the server, that holds it."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="mailboxes")
    name = models.SlugField(max_length=50, unique=True)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=16, choices=Security.choices, default=Security.SSL)
    username = models.CharField(max_length=255)
    password_env = models.CharField(max_length=100, blank=True)
    password_file = models.CharField(max_length=500, blank=True)
    folder = models.CharField(max_length=200, default="INBOX")
    processed_folder = models.CharField(max_length=200, default="Processed")
    default_collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(
        max_length=8, choices=PollStatus.choices, default=PollStatus.NEVER, blank=True
    )
    last_error = models.JSONField(default=dict, blank=True)  # {"code", "params", "detail"}, shown translated
    # The poller reading it now (core.workers' identity and heartbeat), so two pollers never read one mailbox.
    claimed_by = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InboxRule(models.Model):
    """Where a message goes: the first rule (by position) whose every given test matches wins."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    sender_pattern = models.CharField(max_length=200, blank=True)  # shell-style: *@td.gov.hk
    subject_contains = models.CharField(max_length=200, blank=True)
    body_contains = models.CharField(max_length=200, blank=True)
    attachment_types = models.CharField(max_length=200, blank=True)  # "pdf, docx": any attachment of these
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.mailbox_id}#{self.position}"


class MessageOutcome(models.TextChoices):
    STORED = "stored", _("Stored")
    FAILED = "failed", _("Failed")


class MailMessage(models.Model):
    """The ledger that makes intake exactly once: one row per message taken from the server, written after
    its documents are stored and before the message is moved, keyed by UIDVALIDITY and UID."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="messages")
    uid_validity = models.BigIntegerField()
    uid = models.BigIntegerField()
    message_id = models.CharField(max_length=500, blank=True)
    sender = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=1000, blank=True)
    outcome = models.CharField(max_length=8, choices=MessageOutcome.choices)
    # [{"part": name, "code", "params"}]: the message, or one of its parts, that could not be stored.
    errors = models.JSONField(default=list, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    raw_checksum = models.CharField(
        max_length=64, blank=True
    )  # the message as received, kept as an .eml file
    moved = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "uid_validity", "uid"], name="intake_message_once")
        ]

    def __str__(self) -> str:
        return f"{self.uid_validity}/{self.uid}"


class WatchedFolder(models.Model):
    """A folder on the server whose files are taken into a collection once they stop growing."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="watched_folders")
    path = models.CharField(max_length=1000, unique=True)
    enabled = models.BooleanField(default=True)
    # name -> [size, mtime] seen at the last poll; a file unchanged since then is complete.
    pending = models.JSONField(default=dict, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(
        max_length=8, choices=PollStatus.choices, default=PollStatus.NEVER, blank=True
    )
    last_error = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path


class FieldKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Telephone number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    FILE = "file", _("File upload")


class PublicForm(models.Model):
    """A form the public fills in without signing in. ``fields`` is a list of
    ``{name, kind, label_en, label_zh, help_en, help_zh, required, choices}``."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="public_forms")
    slug = models.SlugField(max_length=50, unique=True)
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200)
    intro_en = models.TextField(blank=True)
    intro_zh = models.TextField(blank=True)
    statement_en = models.TextField()
    statement_zh = models.TextField()
    fields = models.JSONField(default=list)
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")
    published = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Submission(models.Model):
    form = models.ForeignKey(PublicForm, on_delete=models.CASCADE, related_name="submissions")
    reference = models.CharField(max_length=20, unique=True)
    answers = models.JSONField(default=dict)
    sender_email = models.CharField(max_length=254, blank=True)
    language = models.CharField(max_length=16, default="en")
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference
