"""Every call to a model is recorded: who, for what flow, which model, tokens and time. A department may
send its chat calls to its own endpoint and model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelCall(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flow = models.CharField(max_length=64)
    kind = models.CharField(max_length=16)  # chat, embeddings or transcription
    model = models.CharField(max_length=200)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    milliseconds = models.PositiveIntegerField(default=0)  # the whole call, retries and waits included
    # Time to the first token: for a streamed call when the first piece of text arrived; for a plain call
    # when the whole reply arrived; empty when no text came.
    first_token_milliseconds = models.PositiveIntegerField(null=True, blank=True)
    streamed = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=1)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The personal-data policy applied to the text sent (off, mask, block), and how many values of each type
    # (HKID, PHONE, ...) the detector found in it: masked under mask, the reason for refusal under block.
    # Never the values themselves.
    personal_data_policy = models.CharField(max_length=8, blank=True)
    personal_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.flow} {self.model} {self.at:%Y-%m-%d %H:%M}"


class DepartmentModel(models.Model):
    """A department's own chat endpoint and model. Blank fields fall back to the global settings
    (AIPLUS_LLM_BASE_URL, AIPLUS_LLM_MODEL, AIPLUS_LLM_API_KEY, AIPLUS_LLM_TIMEOUT_SECONDS); switching
    ``use_model`` off keeps the department's questions away from every model (extractive answers only)."""

    department = models.OneToOneField(
        "core.Department", on_delete=models.CASCADE, related_name="chat_model", verbose_name=_("department")
    )
    use_model = models.BooleanField(
        _("use a language model"),
        default=True,
        help_text=_("Off: this department's answers never go to a model and quote the documents instead."),
    )
    base_url = models.URLField(
        _("endpoint"),
        max_length=300,
        blank=True,
        help_text=_("OpenAI-compatible base URL, e.g. http://10.0.0.5:8000/v1. Blank: the global endpoint."),
    )
    model = models.CharField(_("model"), max_length=200, blank=True, help_text=_("Blank: the global model."))
    api_key = models.CharField(_("API key"), max_length=300, blank=True)
    timeout_seconds = models.PositiveIntegerField(
        _("timeout (seconds)"), null=True, blank=True, help_text=_("Blank: the global timeout.")
    )
    personal_data_policy = models.CharField(
        _("personal data"),
        max_length=8,
        blank=True,
        choices=[
            ("mask", _("mask: replace personal data with placeholders, restored in the reply")),
            ("block", _("block: do not send text containing personal data; answer without the model")),
            ("off", _("off: send text as written")),
        ],
        help_text=_("What happens to personal data in text sent to a model. Blank: the platform's default."),
    )
    internal_endpoint = models.BooleanField(
        _("internal model server"),
        default=False,
        help_text=_(
            "The endpoint above is a model server inside the government network: text sent to it is not "
            "masked or blocked. Has no effect while the global endpoint is used."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("department model")
        verbose_name_plural = _("department models")

    def __str__(self) -> str:
        return f"{self.department.code}: {self.model or '(global model)'}"
