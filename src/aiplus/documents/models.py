"""Collections (knowledge bases) with their visibility, the documents in them, and their pages and chunks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import error_message
from aiplus.core.models import Department


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private to the department")
    SHARED = "shared", _("Shared with named departments")
    PUBLIC = "public", _("Public")


class CollectionKind(models.TextChoices):
    DOCUMENTS = "documents", _("Documents")
    FAQ = "faq", _("Questions and answers (FAQ)")
    FORMS = "forms", _("Forms")


class Collection(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="collections")
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE)
    shared_with = models.ManyToManyField(Department, blank=True, related_name="shared_collections")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped in the same transaction as any change to the collection's chunks; search indexes key on it.
    index_version = models.PositiveBigIntegerField(default=0)
    # What the collection holds: documents, FAQ entries or forms (``aiplus.faq`` answers the last two).
    kind = models.CharField(max_length=16, choices=CollectionKind.choices, default=CollectionKind.DOCUMENTS)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Document(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="documents")
    # Where the file came from: its path relative to the ingested folder, or an external id.
    source_id = models.CharField(max_length=500)
    title = models.CharField(max_length=500, blank=True)
    filename = models.CharField(max_length=255)
    file_type = models.CharField(max_length=16, blank=True)
    checksum = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=16, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    ocr_pages = models.PositiveIntegerField(default=0)
    document_date = models.DateField(null=True, blank=True)
    # How the file arrived, for intake channels and workflow conditions: {"channel": "email", "sender": …,
    # "subject": …, "received_at": …}; empty for an upload or a folder ingest.
    origin = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # Which worker holds the document while it is processing (host:pid), so a dead worker's claim can be
    # recognised and the document queued again.
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Pages read so far of the pages the file has, while it is processing.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["source_id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "source_id"], name="document_source_unique"),
        ]

    def __str__(self) -> str:
        return self.title or self.filename

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""


class Page(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField()
    ocr = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="page_number_unique")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.number}"


class Chunk(models.Model):
    """A passage of one page; ``char_start``/``char_end`` locate it in ``Page.text`` for citations."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chunks")
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="chunks")
    ordinal = models.PositiveIntegerField()
    page_number = models.PositiveIntegerField()
    char_start = models.PositiveIntegerField()
    char_end = models.PositiveIntegerField()
    text = models.TextField()
    terms = models.TextField()
    language = models.CharField(max_length=16, blank=True)
    embedding = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["document", "ordinal"]
        indexes = [models.Index(fields=["collection", "id"])]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.ordinal}"
