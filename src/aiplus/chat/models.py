"""Officers' conversations (HKChat): a chat per user over chosen collections, its turns, and how long each
department keeps them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """One user's chat. ``all_collections`` chats search every collection the owner may read at each turn;
    otherwise only the chosen ``collections`` the owner may still read."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    collections = models.ManyToManyField("documents.Collection", blank=True, related_name="+")
    all_collections = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Turn(models.Model):
    """One question and its answer. ``query`` is what was searched: the question, or the question rewritten
    with the conversation (``rewrite`` says how: "none", "topics" or "model")."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    number = models.PositiveIntegerField()
    question = models.TextField()
    query = models.TextField()
    rewrite = models.CharField(max_length=16, default="none")
    answer = models.TextField(blank=True)
    citations = models.JSONField(default=list, blank=True)
    engine = models.CharField(max_length=16, blank=True)
    found = models.BooleanField(default=False)
    grounded = models.BooleanField(default=False)
    notice = models.TextField(blank=True)
    flags = models.JSONField(default=list, blank=True)
    timings = models.JSONField(default=dict, blank=True)  # milliseconds: rewrite, answer, total
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "number"], name="chat_turn_number_unique")
        ]

    def __str__(self) -> str:
        return self.question[:80]


class Retention(models.Model):
    """How many days a department keeps a conversation after its last turn (else AIPLUS_CHAT_RETENTION_DAYS)."""

    department = models.OneToOneField("core.Department", on_delete=models.CASCADE, related_name="+")
    days = models.PositiveIntegerField(_("days"))

    def __str__(self) -> str:
        return f"{self.department.code}: {self.days} days"
