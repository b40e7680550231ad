"""Technology forums and matching workshops: events with sessions, registrations with a waitlist per mode,
check-in, and online attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.models import Department


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Series(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name_en


class Event(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title_en = models.CharField(max_length=300)
    title_zh = models.CharField(max_length=300, blank=True)
    theme = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    mode = models.CharField(max_length=16, choices=EventMode.choices, default=EventMode.HYBRID)
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity_in_person = models.PositiveIntegerField(default=0)
    capacity_online = models.PositiveIntegerField(default=0)
    # Registrations wait for an organiser's approval before they take a seat.
    moderated = models.BooleanField(default=False)
    registration_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title_en

    def capacity(self, mode: str) -> int:
        return self.capacity_in_person if mode == Mode.IN_PERSON else self.capacity_online

    def modes(self) -> list[str]:
        return [Mode.IN_PERSON, Mode.ONLINE] if self.mode == EventMode.HYBRID else [self.mode]


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    SHARING = "sharing", _("Sharing session")
    DEMO_BOOTH = "demo_booth", _("Demo booth")
    PANEL = "panel", _("Panel discussion")
    MATCHING = "matching", _("One-to-one matching slot")


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices)
    title_en = models.CharField(max_length=300)
    title_zh = models.CharField(max_length=300, blank=True)
    speaker = models.CharField(max_length=300, blank=True)
    room = models.CharField(max_length=100, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # A demo booth shows a catalogue solution; a matching slot pairs one with a department's published need.
    solution = models.ForeignKey(
        "catalogue.Solution", null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_sessions"
    )
    need = models.ForeignKey(
        "catalogue.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_sessions"
    )

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title_en


class OrganisationType(models.TextChoices):
    BUREAU = "bureau", _("Bureau or department")
    PUBLIC_BODY = "public_body", _("Public body")
    VENDOR = "vendor", _("Vendor")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    mode = models.CharField(max_length=16, choices=Mode.choices)
    status = models.CharField(max_length=16, choices=Status.choices, db_index=True)
    # Waitlisted registrations are promoted in the order they joined (then by id).
    queued_at = models.DateTimeField(auto_now_add=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    organisation_type = models.CharField(max_length=16, choices=OrganisationType.choices)
    organisation = models.CharField(max_length=300)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField()
    language = models.CharField(max_length=8, default="en")
    # The secret in the confirmation's QR code and link: whoever holds it may see or withdraw it.
    code = models.CharField(max_length=32, unique=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended_online = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status__in=["withdrawn", "declined"]),
                name="forums_one_live_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event.slug})"

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None or self.attended_online
