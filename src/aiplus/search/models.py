"""Passage vectors kept by content, and each collection's background work that fills in its vectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.documents.models import Collection


class PassageVector(models.Model):
    """One model's vector for a passage text, keyed by the sha256 of the text: a passage that appears again
    (the same file ingested twice, a re-upload, another collection) is embedded once."""

    model = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "text_hash"], name="passage_vector_model_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.text_hash[:12]}"


class VectorStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class CollectionVectors(models.Model):
    """Background work filling in the vectors of a collection's passages (``Chunk.embedding``).

    ``model`` names the model every vector stored in the collection's passages comes from; vectors of
    another model are never compared with a query (search leaves out the dense part until the collection
    is embedded again, ``aiplus embed --rebuild``). The claim fields follow ``aiplus.core.workers``.
    """

    collection = models.OneToOneField(Collection, on_delete=models.CASCADE, related_name="vector_work")
    model = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=VectorStatus.choices, default=VectorStatus.QUEUED, db_index=True
    )
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vectors of {self.collection_id}: {self.status}"
