"""Public forms: a department builds a bilingual form; a member of the public fills it in without signing in;
each submission becomes a document (a readable rendering of the answers) plus one document per attached file,
and the sender gets a reference number (and a receipt by e-mail when they gave an address and e-mail is set
up)."""

import io
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.documents.services import ingest_stream
from aiplus.intake.models import FieldKind, PublicForm, Submission
from aiplus.intake.selectors import can_run_intake
from aiplus.intake.services.common import target_collection

logger = logging.getLogger("aiplus.intake.forms")

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone
PHONE = re.compile(r"\A\+?[0-9][0-9 -]{6,18}[0-9]\Z")
MAX_FIELDS = 50


# --- building --------------------------------------------------------------------------------------------


def form_create(
    *,
    actor,
    slug: str,
    title_en: str,
    title_zh: str,
    collection_slug: str,
    statement_en: str,
    statement_zh: str,
    intro_en: str = "",
    intro_zh: str = "",
    department=None,
) -> PublicForm:
    if not can_run_intake(actor):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="form create")
    department = department if getattr(actor, "is_platform_admin", False) else actor.department
    if department is None:
        raise invalid("department.code", "required")
    values = {
        "slug": clean_text("form.slug", slug),
        "title_en": clean_text("form.title_en", title_en),
        "title_zh": clean_text("form.title_zh", title_zh),
        "intro_en": clean_text("form.intro_en", intro_en),
        "intro_zh": clean_text("form.intro_zh", intro_zh),
        "statement_en": clean_text("form.statement_en", statement_en),
        "statement_zh": clean_text("form.statement_zh", statement_zh),
    }
    collection = target_collection(actor=actor, slug=collection_slug, department=department)
    try:
        with transaction.atomic():
            form = PublicForm.objects.create(
                department=department, collection=collection, created_by=_user(actor), **values
            )
    except IntegrityError:
        raise AiplusError(ErrorCode.CONFLICT, detail=f"form {values['slug']!r}") from None
    audit_record(actor=actor, action="intake.form.create", target=f"form:{form.pk}")
    return form


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def field_add(
    *,
    actor,
    form: PublicForm,
    name: str,
    kind: str,
    label_en: str,
    label_zh: str,
    help_en: str = "",
    help_zh: str = "",
    required: bool = False,
    choices: str | list[str] = "",
) -> PublicForm:
    """A field at the end of the form. ``choices`` (for a choice field): one per line, "English | 中文"."""
    if kind not in FieldKind.values:
        raise invalid("form.kind", "one_of", choices=", ".join(FieldKind.values))
    name = clean_text("form.field_name", name)
    if any(f["name"] == name for f in form.fields):
        raise invalid("form.field_name", "schema_duplicate", name=name)
    if len(form.fields) >= MAX_FIELDS:
        raise invalid("form.fields", "schema_size", limit=MAX_FIELDS)
    options = []
    if kind == FieldKind.CHOICE:
        lines = choices if isinstance(choices, list) else clean_text("form.choices", choices).splitlines()
        for line in (line for line in lines if line.strip()):
            english, _bar, chinese = clean_text("form.choices", line).partition("|")
            options.append(
                {"en": english.strip() or chinese.strip(), "zh": chinese.strip() or english.strip()}
            )
        if not options:
            raise invalid("form.choices", "required")
    form.fields = [
        *form.fields,
        {
            "name": name,
            "kind": kind,
            "label_en": clean_text("form.label_en", label_en),
            "label_zh": clean_text("form.label_zh", label_zh),
            "help_en": clean_text("form.help_en", help_en),
            "help_zh": clean_text("form.help_zh", help_zh),
            "required": bool(required),
            "choices": options,
        },
    ]
    form.save(update_fields=["fields"])
    audit_record(actor=actor, action="intake.form.field_add", target=f"form:{form.pk}", field=name)
    return form


def field_remove(*, actor, form: PublicForm, name: str) -> PublicForm:
    kept = [f for f in form.fields if f["name"] != name]
    if len(kept) == len(form.fields):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"field {name!r}")
    form.fields = kept
    form.save(update_fields=["fields"])
    audit_record(actor=actor, action="intake.form.field_remove", target=f"form:{form.pk}", field=name)
    return form


def form_publish(*, actor, form: PublicForm, published: bool = True) -> PublicForm:
    if published and not form.fields:
        raise invalid("form.fields", "no_fields")
    form.published = published
    form.save(update_fields=["published"])
    audit_record(
        actor=actor,
        action="intake.form.publish" if published else "intake.form.unpublish",
        target=f"form:{form.pk}",
    )
    return form


# --- filling in ------------------------------------------------------------------------------------------


def shown(item: dict, key: str, language: str) -> str:
    """A field's (or choice's) text in the reader's language: Chinese for zh-*, else English."""
    suffix = "zh" if language.startswith("zh") else "en"
    return item.get(f"{key}_{suffix}" if key else suffix, "")


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content: bytes


def _field_error(field: dict, reason: str, language: str, **values) -> AiplusError:
    label = shown(field, "label", language)
    return AiplusError(
        ErrorCode.INVALID_FIELD,
        {"field": label, "reason": reason, **values},
        detail=f"{field['name']}: {reason}",
        field=f"answers.{field['name']}",
    )


def _clean_answer(field: dict, value, language: str):
    kind = field["kind"]
    rule = "form.long_answer" if kind == FieldKind.LONG_TEXT else "form.short_answer"
    try:
        text = clean_text(rule, "" if value is None else value)
    except AiplusError as error:
        raise _field_error(
            field,
            error.params["reason"],
            language,
            **{k: v for k, v in error.params.items() if k not in {"field", "reason"}},
        ) from None
    if not text:
        if field["required"]:
            raise _field_error(field, "required", language)
        return ""
    if kind == FieldKind.EMAIL:
        try:
            validate_email(text)
        except ValidationError:
            raise _field_error(field, "email", language) from None
    elif kind == FieldKind.PHONE and not PHONE.match(text):
        raise _field_error(field, "phone", language)
    elif kind == FieldKind.DATE:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise _field_error(field, "date", language) from None
    elif kind == FieldKind.CHOICE:
        allowed = {c["en"] for c in field["choices"]} | {c["zh"] for c in field["choices"]}
        if text not in allowed:
            raise _field_error(field, "choice", language)
    return text


def _clean_files(field: dict, files: list[UploadedFile], language: str) -> list[UploadedFile]:
    limit_mb = settings.AIPLUS_INTAKE_FORM_MAX_FILE_MB
    files = [f for f in files if f.content or f.filename]
    if not files and field["required"]:
        raise _field_error(field, "required", language)
    for upload in files:
        if len(upload.content) > limit_mb * 1024 * 1024:
            raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit_mb}, field=f"answers.{field['name']}")
        if not upload.content:
            raise AiplusError(ErrorCode.EMPTY_FILE, field=f"answers.{field['name']}")
    return files


def _reference() -> str:
    return "F-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def _rendering(form: PublicForm, answers: dict, reference: str, language: str, files: dict) -> str:
    """The submission as a readable Markdown document, with each label in both languages."""
    lines = [f"# {form.title_en} / {form.title_zh}", "", f"Reference / 參考編號: {reference}"]
    lines += [
        f"Received / 收到時間: {timezone.localtime().isoformat(timespec='minutes')}",
        f"Language / 語言: {language}",
        "",
    ]
    for field in form.fields:
        lines.append(f"## {field['label_en']} / {field['label_zh']}")
        lines.append("")
        if field["kind"] == FieldKind.FILE:
            lines.append(", ".join(files.get(field["name"], [])) or "-")
        else:
            lines.append(answers.get(field["name"]) or "-")
        lines.append("")
    return "\n".join(lines)


def submission_create(
    *,
    form: PublicForm,
    answers: dict,
    files: dict[str, list[UploadedFile]] | None = None,
    consent: bool,
    language: str = "en",
) -> Submission:
    """Check every answer against the form, then store the submission and its documents. Nothing is stored
    when an answer is refused."""
    if not form.published:
        raise invalid("form.fields", "unpublished")
    files = files or {}
    cleaned, uploads = {}, {}
    for field in form.fields:
        if field["kind"] == FieldKind.FILE:
            uploads[field["name"]] = _clean_files(field, files.get(field["name"], []), language)
        else:
            cleaned[field["name"]] = _clean_answer(field, answers.get(field["name"]), language)
    unknown = (set(answers) | set(files)) - {f["name"] for f in form.fields}
    if unknown:
        raise AiplusError(ErrorCode.UNKNOWN_FIELD, {"field": sorted(unknown)[0]})
    if not consent:
        raise invalid("form.consent", "form_consent")
    sender = next(
        (cleaned[f["name"]] for f in form.fields if f["kind"] == FieldKind.EMAIL and cleaned.get(f["name"])),
        "",
    )
    reference = _reference()
    origin = {
        "channel": "form",
        "form": form.slug,
        "sender": sender,
        "reference": reference,
        "received_at": timezone.now().isoformat(),
    }
    names = {name: [u.filename for u in items] for name, items in uploads.items()}
    with transaction.atomic():
        submission = Submission.objects.create(
            form=form, reference=reference, answers=cleaned, sender_email=sender, language=language
        )
        rendering = _rendering(form, cleaned, reference, language, names)
        stored = [("answers.md", rendering.encode(), f"form/{form.slug}/{reference}/answers")]
        for name, items in uploads.items():
            for index, upload in enumerate(items, start=1):
                stored.append(
                    (
                        upload.filename,
                        upload.content,
                        f"form/{form.slug}/{reference}/{name}/{index}/{upload.filename}",
                    )
                )
        for filename, content, source_id in stored:
            outcome = ingest_stream(
                actor=OPERATOR,
                collection=form.collection,
                stream=io.BytesIO(content),
                filename=f"{reference} {filename}" if filename == "answers.md" else filename,
                source_id=source_id,
                channel="form",
                origin=origin,
            )
            if outcome.outcome == "rejected":
                raise AiplusError(
                    ErrorCode(outcome.error_code), outcome.error_params, detail=filename, field="files"
                )
            if outcome.document is not None:
                submission.documents.add(outcome.document)
    audit_record(actor=OPERATOR, action="intake.form.submit", target=f"form:{form.pk}", reference=reference)
    if sender and settings.EMAIL_HOST:
        _send_receipt(form, submission)
    return submission


def _send_receipt(form: PublicForm, submission: Submission) -> None:
    with translation.override(submission.language):
        title = shown({"title_en": form.title_en, "title_zh": form.title_zh}, "title", submission.language)
        subject = _("We received your form: %(title)s") % {"title": title}
        body = _(
            "Thank you. Your reference number is %(reference)s. Quote it if you contact us about this form."
        ) % {"reference": submission.reference}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [submission.sender_email])
    except OSError as failure:  # the form is in; a receipt that cannot be sent is only logged
        logger.warning("form receipt not sent reference=%s error=%r", submission.reference, failure)
