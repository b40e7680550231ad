"""A department's document classifiers, the examples a person labelled, and the predictions awaiting review.

Only ``LabelledExample`` rows train a classifier. A ``Prediction`` is what the classifier said; it teaches
nothing until a person confirms or corrects it, and then the review writes a ``LabelledExample``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.models import Department


class Classifier(models.Model):
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="classifiers")
    slug = models.SlugField(max_length=50)
    name = models.CharField(max_length=200)
    # The labels a person may choose, in the order shown; a new label given with an example joins them.
    labels = models.JSONField(default=list, blank=True)
    model = models.BinaryField(null=True, blank=True, editable=False)  # joblib, see learning.model_dump
    model_version = models.PositiveIntegerField(default=0)  # one up at each training
    trained_at = models.DateTimeField(null=True, blank=True)
    trained_examples = models.PositiveIntegerField(default=0)
    needs_training = models.BooleanField(default=False)
    # When a debounced training task was sent and has not run yet (so label changes send only one).
    training_queued_at = models.DateTimeField(null=True, blank=True)
    metrics = models.JSONField(default=dict, blank=True)  # learning.cross_validated at the last training
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["department", "slug"]
        constraints = [models.UniqueConstraint(fields=["department", "slug"], name="classifier_slug_unique")]

    def __str__(self) -> str:
        return f"{self.department.code}/{self.slug}"


class Source(models.TextChoices):
    HUMAN = "human", _("labelled by a person")
    IMPORT = "import", _("imported")


class LabelledExample(models.Model):
    classifier = models.ForeignKey(Classifier, on_delete=models.CASCADE, related_name="examples")
    text = models.TextField()
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=100)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.HUMAN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["classifier", "label"])]

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:40]}"


class Prediction(models.Model):
    classifier = models.ForeignKey(Classifier, on_delete=models.CASCADE, related_name="predictions")
    text = models.TextField()
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=100)
    confidence = models.FloatField()
    ranked = models.JSONField(default=list)  # [[label, confidence], ...], best first
    model_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed = models.BooleanField(default=False, db_index=True)
    reviewed_label = models.CharField(max_length=100, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    example = models.OneToOneField(
        LabelledExample, null=True, blank=True, on_delete=models.SET_NULL, related_name="prediction"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.confidence:.2f})"
