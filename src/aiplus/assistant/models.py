from django.conf import settings
from django.db import models


class AnswerRecord(models.Model):
    """Every answer given: who asked what, over which collections, from which passages, by which engine."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150, blank=True)
    question = models.TextField()
    collections = models.JSONField(default=list)
    chunk_ids = models.JSONField(default=list)
    engine = models.CharField(max_length=16)
    model = models.CharField(max_length=200, blank=True)
    grounded = models.BooleanField(default=False)
    found = models.BooleanField(default=False)
    milliseconds = models.PositiveIntegerField(default=0)
    channel = models.CharField(max_length=16, blank=True)
    # Passages among the sources that read as instructions to an assistant (assistant.flags).
    flagged_chunk_ids = models.JSONField(default=list, blank=True)
    # The model was asked but could not answer, so the documents were quoted instead.
    model_unavailable = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.question[:80]
