"""Retention schedules, each document's retention, legal holds, disposal batches and the permanent
disposal records that outlive the documents they describe."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.models import Department
from aiplus.documents.models import Collection, Document


class Trigger(models.TextChoices):
    DOCUMENT_DATE = "document_date", _("the document's date")
    CREATED = "created", _("the date it was added")
    CLOSED = "closed", _("the date the file was closed")


class Action(models.TextChoices):
    DESTROY = "destroy", _("Destroy")
    REVIEW = "review", _("Review")
    TRANSFER = "transfer", _("Transfer to the archives")


class RetentionSchedule(models.Model):
    """One line of a department's records retention and disposal schedule: keep for a period counted
    from a trigger date, then destroy, review or transfer. It applies to a collection (as that
    collection's default) or to a document type (a label, such as a classifier's)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="retention_schedules")
    code = models.CharField(max_length=40)
    title_en = models.CharField(max_length=300)
    title_zh = models.CharField(max_length=300, blank=True)
    years = models.PositiveIntegerField(default=0)
    months = models.PositiveIntegerField(default=0)
    days = models.PositiveIntegerField(default=0)
    trigger = models.CharField(max_length=16, choices=Trigger.choices, default=Trigger.DOCUMENT_DATE)
    action = models.CharField(max_length=16, choices=Action.choices, default=Action.DESTROY)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="retention_schedules"
    )
    document_type = models.CharField(max_length=100, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["department", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="retention_schedule_code_unique")
        ]
        permissions = [
            ("manage_records", "Records manager: schedules, retention, legal holds, disposal proposals"),
            ("approve_disposal", "Records approver: approve or reject disposal batches"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en}"


class SetHow(models.TextChoices):
    SCHEDULE = "schedule", _("by schedule")
    DATE = "date", _("by a date given")
    COLLECTION_DEFAULT = "collection_default", _("by the collection's default schedule")


class DocumentRetention(models.Model):
    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="retention")
    schedule = models.ForeignKey(
        RetentionSchedule, null=True, blank=True, on_delete=models.PROTECT, related_name="retentions"
    )
    # None while a schedule counted from the closing date waits for the file to close.
    retain_until = models.DateField(null=True, blank=True, db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    set_how = models.CharField(max_length=24, choices=SetHow.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    set_by_label = models.CharField(max_length=150, blank=True)
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.document_id} until {self.retain_until}"


class HoldScope(models.TextChoices):
    COLLECTION = "collection", _("A collection")
    DOCUMENTS = "documents", _("Chosen documents")
    QUERY = "query", _("Documents matching search words")


class LegalHold(models.Model):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="legal_holds")
    name = models.CharField(max_length=200)
    reason = models.TextField()
    scope = models.CharField(max_length=16, choices=HoldScope.choices)
    collection = models.ForeignKey(Collection, null=True, blank=True, on_delete=models.SET_NULL)
    documents = models.ManyToManyField(Document, blank=True, related_name="legal_holds")
    query = models.CharField(max_length=500, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_by_label = models.CharField(max_length=150, blank=True)
    placed_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_by_label = models.CharField(max_length=150, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    release_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.released_at is None


class BatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    EXECUTED = "executed", _("executed")


class DisposalBatch(models.Model):
    """Documents due for disposal, proposed by the periodic task or an officer, approved by a records
    approver who is not the proposer, then executed."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="disposal_batches")
    due_on_or_before = models.DateField()
    status = models.CharField(max_length=16, choices=BatchStatus.choices, default=BatchStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_label = models.CharField(max_length=150)
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    executed_by_label = models.CharField(max_length=150, blank=True)
    executed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.status})"


class ItemState(models.TextChoices):
    PENDING = "pending", _("to dispose of")
    HELD = "held", _("skipped: under legal hold")
    DISPOSED = "disposed", _("disposed of")
    GONE = "gone", _("already deleted")


class DisposalItem(models.Model):
    batch = models.ForeignKey(DisposalBatch, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=500)
    retain_until = models.DateField()
    state = models.CharField(max_length=16, choices=ItemState.choices, default=ItemState.PENDING)

    class Meta:
        ordering = ["batch", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.state})"


class DisposalRecord(models.Model):
    """What was destroyed or transferred, kept permanently: it holds copies, not links, so it survives the
    deletion of the document, the collection, the schedule and the people."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="disposal_records")
    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="records")
    document_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    source_id = models.CharField(max_length=500)
    filename = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, blank=True)
    collection_slug = models.CharField(max_length=80)
    collection_name = models.CharField(max_length=200)
    schedule_code = models.CharField(max_length=40, blank=True)
    schedule_title = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    document_date = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField()
    retain_until = models.DateField()
    proposed_by = models.CharField(max_length=150)
    approved_by = models.CharField(max_length=150)
    executed_by = models.CharField(max_length=150)
    disposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-disposed_at", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.action} {self.disposed_at:%Y-%m-%d})"
