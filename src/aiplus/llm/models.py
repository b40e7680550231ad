"""Every call to a model is recorded: who, for what flow, which model, tokens and time."""

from django.conf import settings
from django.db import models


class ModelCall(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    flow = models.CharField(max_length=64)
    kind = models.CharField(max_length=16)  # chat, embeddings or transcription
    model = models.CharField(max_length=200)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    milliseconds = models.PositiveIntegerField(default=0)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.flow} {self.model} {self.at:%Y-%m-%d %H:%M}"
