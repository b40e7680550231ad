"""Meetings of a department: the transcript as edited, the minutes written from it, and the department's own
minutes templates. A meeting is private to its department."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import error_message
from aiplus.core.models import Department


class MeetingStatus(models.TextChoices):
    TRANSCRIBING = "transcribing", _("Transcribing the audio")
    QUEUED = "queued", _("Queued for minutes")
    WRITING = "writing", _("Writing the minutes")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


PENDING_STATUSES = (MeetingStatus.TRANSCRIBING, MeetingStatus.QUEUED, MeetingStatus.WRITING)


class Meeting(models.Model):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    template = models.CharField(max_length=80, default="general")
    language = models.CharField(max_length=8, default="en")  # of the minutes: en, zh-Hant or both
    source_filename = models.CharField(max_length=255)
    source_format = models.CharField(max_length=16, blank=True)
    # Uploaded audio waiting to be transcribed, under AIPLUS_HOME/meetings/audio; removed once transcribed.
    audio_file = models.CharField(max_length=255, blank=True)
    transcript = models.JSONField(default=dict)  # Transcript.as_dict(), with the secretary's edits
    transcript_edited_at = models.DateTimeField(null=True, blank=True)
    minutes = models.JSONField(null=True, blank=True)  # Minutes.as_dict() of the last run
    minutes_written_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.QUEUED, db_index=True
    )
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=128, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting_date", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def error_message(self) -> str:
        return error_message(self.error_code, self.error_params) if self.error_code else ""

    @property
    def pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def minutes_out_of_date(self) -> bool:
        """The transcript was edited after these minutes were written."""
        return bool(
            self.minutes
            and self.transcript_edited_at
            and self.minutes_written_at
            and self.transcript_edited_at > self.minutes_written_at
        )


class MinutesTemplate(models.Model):
    """A department's own layout of minutes: a list of sections ({kind, title_en, title_zh})."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="minutes_templates")
    name = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    sections = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="minutes_template_name_unique")
        ]

    def __str__(self) -> str:
        return self.title


class MeetingSettings(models.Model):
    """A department's settings for its minutes: the roles its speakers are labelled by ("Chair | 主席"), as
    ``[{"en": ..., "zh": ...}]``. A department without a row uses the government defaults (``roles.tsv``)."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="meeting_settings")
    roles = models.JSONField(default=list)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"meeting settings of {self.department}"
