"""Vendors and their people, solutions with every version kept, department needs, vendors' proposals, and
the matches an officer takes from suggestion to adoption."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VendorStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Vendor(models.Model):
    name = models.CharField(_("company name"), max_length=200)
    name_zh = models.CharField(_("company name (Chinese)"), max_length=200, blank=True)
    br_number = models.CharField(_("business registration number"), max_length=20, unique=True)
    is_sme = models.BooleanField(_("SME"), default=False)
    is_startup = models.BooleanField(_("start-up"), default=False)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(max_length=254)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=VendorStatus.choices, default=VendorStatus.PENDING)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [("review_catalogue", "Innovation office: approve vendors, review solutions and needs")]

    def __str__(self) -> str:
        return self.name


class VendorMember(models.Model):
    """A user who acts for a vendor. Such a user belongs to no department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_member"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="members")

    def __str__(self) -> str:
        return f"{self.user} ({self.vendor})"


class SolutionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Solution(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="solutions")
    status = models.CharField(max_length=16, choices=SolutionStatus.choices, default=SolutionStatus.DRAFT)
    current_version = models.ForeignKey(
        "SolutionVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.current_version.name_en if self.current_version_id else str(self.public_id)


class CatalogueRevision(models.Model):
    """One row whose token changes whenever what the catalogue search holds may have changed (a version
    written, a status or an adoption changed, vectors filled), so every process knows when to rebuild its
    index with one read by primary key. A fresh random token, not a counter: a counter rolled back and
    counted again would repeat a value an index was built at."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class Attachment(models.Model):
    """A file a vendor gave with a solution (a brochure, a security statement); versions list the ones they
    carry, so an earlier version keeps its files."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class SolutionVersion(models.Model):
    """One saved state of a solution; never changed after it is written."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200)
    summary_en = models.TextField()
    summary_zh = models.TextField()
    description = models.TextField(blank=True)
    categories = models.JSONField(default=list)
    technologies = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    deployment = models.CharField(max_length=32)
    residency = models.CharField(max_length=32)
    personal_data = models.BooleanField(default=False)
    certifications = models.JSONField(default=list)
    pricing_model = models.CharField(max_length=32)
    annual_price_hkd = models.PositiveIntegerField(null=True, blank=True)
    trial = models.BooleanField(default=False)
    references = models.TextField(blank=True)
    risk_tier = models.CharField(max_length=16)
    demo_url = models.URLField(max_length=300, blank=True)
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="versions")
    terms = models.TextField(blank=True)  # index terms of the text (core.language.index_terms)
    vector = models.BinaryField(null=True, blank=True)
    vector_model = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["solution", "number"]
        constraints = [
            models.UniqueConstraint(fields=["solution", "number"], name="catalogue_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name_en} v{self.number}"

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") and self.name_zh else self.name_en

    def summary(self, language: str) -> str:
        return self.summary_zh if language.startswith("zh") and self.summary_zh else self.summary_en


class NeedVisibility(models.TextChoices):
    INTERNAL = "internal", _("Internal (own department and the innovation office)")
    PUBLISHED = "published", _("Published to vendors")


class Need(models.Model):
    department = models.ForeignKey(
        "core.Department", on_delete=models.PROTECT, related_name="catalogue_needs"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=200)
    problem = models.TextField()
    current_process = models.TextField(blank=True)
    volumes = models.CharField(max_length=300, blank=True)
    must_haves = models.JSONField(default=list)  # [{"id": "m1", "text": ...}]
    nice_to_haves = models.JSONField(default=list)  # [{"id": "n1", "text": ..., "weight": 40}]
    sensitivity = models.CharField(max_length=16)
    languages = models.JSONField(default=list)
    budget_min_hkd = models.PositiveIntegerField(null=True, blank=True)
    budget_max_hkd = models.PositiveIntegerField(null=True, blank=True)
    timeline = models.CharField(max_length=200, blank=True)
    visibility = models.CharField(
        max_length=16, choices=NeedVisibility.choices, default=NeedVisibility.INTERNAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Proposal(models.Model):
    """A vendor's answer to a published need: a solution, and per requirement whether it is met and how."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="proposals")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="proposals")
    solution = models.ForeignKey(Solution, null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.TextField()
    answers = models.JSONField(default=dict)  # {"m1": {"met": true, "evidence": "..."}}
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "vendor"], name="catalogue_one_proposal")]

    def __str__(self) -> str:
        return f"{self.vendor} → {self.need}"


class Stage(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    MEETING = "meeting", _("Meeting")
    PROOF_OF_CONCEPT = "poc", _("Proof of concept")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class Match(models.Model):
    """A solution matched to a need, pinned to the version it was matched on (frozen once shortlisted)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="matches")
    version = models.ForeignKey(SolutionVersion, on_delete=models.PROTECT, related_name="matches")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.SUGGESTED)
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    breakdown = models.JSONField(default=dict)
    outcome = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["need", "rank"]
        constraints = [models.UniqueConstraint(fields=["need", "solution"], name="catalogue_one_match")]

    def __str__(self) -> str:
        return f"{self.need} → {self.solution} ({self.stage})"
