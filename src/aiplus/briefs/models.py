"""Saved market briefs: who made one, when, over which releases, and what it says."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.documents.models import Collection, Document


class BriefMode(models.TextChoices):
    EXTRACTIVE = "extractive", _("Extractive (sentences from the releases)")
    WRITTEN = "written", _("Written by the model, checked against the releases")


class Brief(models.Model):
    """A brief over the press releases of one collection. ``content`` holds what the brief shows (summary,
    key signals, quote, agencies, vendors, locations, sources, notices; see ``services.brief_content``)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="briefs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    query = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="en")
    mode = models.CharField(max_length=16, choices=BriefMode.choices, default=BriefMode.EXTRACTIVE)
    headline = models.CharField(max_length=500)
    content = models.JSONField(default=dict)
    releases = models.ManyToManyField(Document, related_name="+", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.headline
