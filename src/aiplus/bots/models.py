"""Public bots over chosen collections, what the public asked them, handoffs to a person, and evaluation runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.models import Department
from aiplus.documents.models import Collection


class BotLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    TRADITIONAL_CHINESE = "zh-hant", _("Traditional Chinese")


class Bot(models.Model):
    """A department's public bot. It answers anyone, without sign-in, from its own collections only."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="bots")
    collections = models.ManyToManyField(Collection, related_name="bots")
    greeting = models.TextField(_("greeting"), blank=True)
    language = models.CharField(max_length=16, choices=BotLanguage.choices, default=BotLanguage.ENGLISH)
    # Said instead of an answer when nothing matches well enough; empty: the default text.
    decline_message = models.TextField(_("decline message"), blank=True)
    # Other web sites allowed to embed the widget, one origin (https://example.gov.hk) a line.
    allowed_origins = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def origins(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()]


class Rating(models.IntegerChoices):
    DOWN = -1, _("Disliked")
    UP = 1, _("Liked")


class BotExchange(models.Model):
    """One question a visitor asked and the answer the bot gave."""

    bot = models.ForeignKey(Bot, on_delete=models.CASCADE, related_name="exchanges")
    conversation = models.CharField(max_length=64, db_index=True)
    # A keyed hash of the visitor's address: enough to keep conversations apart, not to find the person.
    client = models.CharField(max_length=64)
    question = models.TextField()
    answer = models.TextField()
    answered = models.BooleanField(default=False)
    confidence = models.FloatField(default=0.0)
    engine = models.CharField(max_length=16, blank=True)
    sources = models.JSONField(default=list)
    rating = models.SmallIntegerField(null=True, blank=True, choices=Rating.choices)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class HandoffStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


class Handoff(models.Model):
    """A visitor asked to talk to a person: the conversation so far, and how to reach them (optional)."""

    bot = models.ForeignKey(Bot, on_delete=models.CASCADE, related_name="handoffs")
    conversation = models.CharField(max_length=64, db_index=True)
    client = models.CharField(max_length=64)
    transcript = models.JSONField(default=list)
    contact = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=HandoffStatus.choices, default=HandoffStatus.OPEN)
    approved_answer = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"handoff {self.pk} ({self.bot.slug})"

    def question(self) -> str:
        """The question a person should answer: the message, or else the last question asked."""
        if self.message.strip():
            return self.message.strip()
        questions = [turn.get("question", "") for turn in self.transcript if turn.get("question")]
        return questions[-1] if questions else ""


class EvalRun(models.Model):
    """One run of a golden set against a bot, kept so a change that makes the bot worse shows."""

    bot = models.ForeignKey(Bot, on_delete=models.CASCADE, related_name="eval_runs")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_label = models.CharField(max_length=150, blank=True)
    golden_name = models.CharField(max_length=255, blank=True)
    questions = models.PositiveIntegerField(default=0)
    answerable = models.PositiveIntegerField(default=0)
    hits = models.PositiveIntegerField(default=0)
    should_decline = models.PositiveIntegerField(default=0)
    declined_correctly = models.PositiveIntegerField(default=0)
    citation_precision = models.FloatField(default=0.0)
    by_wording = models.JSONField(default=dict)
    results = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.bot.slug} {self.at:%Y-%m-%d %H:%M}"

    @property
    def hit_at_1(self) -> float:
        return self.hits / self.answerable if self.answerable else 0.0

    @property
    def correct_declines(self) -> float:
        return self.declined_correctly / self.should_decline if self.should_decline else 0.0
