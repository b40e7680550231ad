"""A department's termbase: each term in English, Traditional and Simplified Chinese, with the variants a
writer must not use, and the departments it is shared with (they read it, only the owner edits it)."""

from django.conf import settings
from django.db import models

from aiplus.core.models import Department


class GlossaryTerm(models.Model):
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="glossary_terms")
    en = models.CharField(max_length=200, blank=True)
    zh_hant = models.CharField(max_length=200, blank=True)
    zh_hans = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    # Words to replace by this term wherever they appear (軟體 for 軟件), in any of the three languages.
    forbidden = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["department", "en", "zh_hant"]
        constraints = [
            models.UniqueConstraint(fields=["department", "en", "zh_hant"], name="glossary_term_unique"),
        ]

    def __str__(self) -> str:
        return " / ".join(part for part in (self.en, self.zh_hant) if part)


class GlossaryShare(models.Model):
    """``department``'s glossary may be read by ``reader``."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="glossary_shares")
    reader = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "reader"], name="glossary_share_unique")]

    def __str__(self) -> str:
        return f"{self.department.code} -> {self.reader.code}"
