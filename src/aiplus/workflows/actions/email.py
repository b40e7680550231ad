"""E-mail: send a message through Django's e-mail backend (``EMAIL_HOST``/``EMAIL_PORT``). Subject and body
may use $summary, $draft, $translation, $title, $filename, $sender and any extracted field as $<name>.
The message carries the step's idempotency key as its Message-ID, so a repeat after a crash is recognisable."""

from string import Template

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from aiplus.workflows.actions import Action, StepInput, StepResult, StepRetry


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: list[str] = Field(min_length=1, max_length=50, description="Addresses")
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(default="$summary", max_length=20_000)

    @field_validator("to")
    @classmethod
    def _addresses(cls, value):
        for address in value:
            try:
                validate_email(address)
            except ValidationError:
                raise ValueError(f"not an e-mail address: {address}") from None
        return value


def placeholders(step: StepInput) -> dict[str, str]:
    """The values a message or payload may name: what earlier steps produced, and the document's facts."""
    context, document = step.context, step.run.document
    values = {key: str(value) for key, value in (context.get("fields") or {}).items()}
    values.update({key: str(context.get(key, "")) for key in ("summary", "draft", "translation")})
    values["title"] = (document.title if document else "") or str(step.run.payload.get("filename") or "")
    values["filename"] = document.filename if document else str(step.run.payload.get("filename") or "")
    origin = (document.origin if document else step.run.payload.get("origin")) or {}
    values["sender"] = str(origin.get("sender") or "")
    return values


def run(step: StepInput) -> StepResult:
    from django.conf import settings as django_settings
    from django.core.mail import EmailMessage

    values = placeholders(step)
    subject = " ".join(Template(step.settings["subject"]).safe_substitute(values).split())[:300]
    body = Template(step.settings["body"]).safe_substitute(values)
    message = EmailMessage(
        subject,
        body,
        django_settings.DEFAULT_FROM_EMAIL,
        step.settings["to"],
        headers={"Message-ID": f"<{step.step.idempotency_key}@aiplus>"},
    )
    try:
        message.send()
    except OSError as error:  # smtplib's errors are OSErrors: the server is down or refused for now
        raise StepRetry(f"smtp: {error}") from error
    return StepResult(output={"to": step.settings["to"], "subject": subject})


ACTION = Action("email", _("Send an e-mail"), Settings, run)
