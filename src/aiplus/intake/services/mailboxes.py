"""Setting up mailboxes and their rules.

The password is never stored in the database, not even encrypted: the mailbox names an environment variable or
a file on the server that holds it. Encrypting with a key derived from SECRET_KEY would tie every mailbox to
that key (a rotated key silently breaks every mailbox) and put the secret into every database backup; the
operator already keeps SECRET_KEY and DATABASE_URL in the environment or in files, and the mail password joins
them there.
"""

import os
from pathlib import Path

from django.db import IntegrityError, transaction

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text, invalid
from aiplus.intake.models import InboxRule, Mailbox, Security
from aiplus.intake.selectors import can_run_intake
from aiplus.intake.services.common import target_collection


def mailbox_password(mailbox: Mailbox) -> str:
    """The password from where the mailbox says it is kept, read at each connection."""
    if mailbox.password_env:
        value = os.environ.get(mailbox.password_env, "")
    else:
        try:
            value = Path(mailbox.password_file).read_text(encoding="utf-8").strip()
        except OSError:
            value = ""
    if not value:
        raise invalid("mailbox.password", "password_missing")
    return value


def _department_of(actor, department):
    if getattr(actor, "is_platform_admin", False):
        if department is None:
            raise invalid("department.code", "required")
        return department
    return actor.department


def mailbox_create(
    *,
    actor,
    name: str,
    host: str,
    username: str,
    collection_slug: str,
    port: int = 993,
    security: str = Security.SSL,
    password_env: str = "",
    password_file: str = "",
    folder: str = "INBOX",
    processed_folder: str = "Processed",
    department=None,
) -> Mailbox:
    if not can_run_intake(actor):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="mailbox create")
    department = _department_of(actor, department)
    if security not in Security.values:
        raise invalid("mailbox.security", "one_of", choices=", ".join(Security.values))
    password_env = clean_text("mailbox.password_env", password_env)
    password_file = clean_text("mailbox.password_file", password_file)
    if bool(password_env) == bool(password_file):
        raise invalid("mailbox.password", "password_source")
    fields = {
        "name": clean_text("mailbox.name", name),
        "host": clean_text("mailbox.host", host),
        "port": clean_number("mailbox.port", port),
        "security": security,
        "username": clean_text("mailbox.username", username),
        "password_env": password_env,
        "password_file": password_file,
        "folder": clean_text("mailbox.folder", folder),
        "processed_folder": clean_text("mailbox.folder", processed_folder),
        "default_collection": target_collection(actor=actor, slug=collection_slug, department=department),
    }
    try:
        with transaction.atomic():
            mailbox = Mailbox.objects.create(department=department, **fields)
    except IntegrityError:
        raise AiplusError(ErrorCode.CONFLICT, detail=f"mailbox {fields['name']!r}") from None
    audit_record(actor=actor, action="intake.mailbox.create", target=f"mailbox:{mailbox.pk}")
    return mailbox


def _types(value: str) -> str:
    types = [t.strip().lstrip(".").lower() for t in value.replace(";", ",").split(",") if t.strip()]
    return ",".join(dict.fromkeys(types))


def rule_add(
    *,
    actor,
    mailbox: Mailbox,
    collection_slug: str,
    sender_pattern: str = "",
    subject_contains: str = "",
    body_contains: str = "",
    attachment_types: str = "",
) -> InboxRule:
    """A rule at the end of the mailbox's list: it applies when no earlier rule matched."""
    collection = target_collection(
        actor=actor, slug=collection_slug, department=mailbox.department, field="mailbox.collection"
    )
    last = mailbox.rules.order_by("-position").first()
    rule = InboxRule.objects.create(
        mailbox=mailbox,
        position=(last.position + 1) if last else 1,
        sender_pattern=clean_text("rule.sender_pattern", sender_pattern),
        subject_contains=clean_text("rule.subject_contains", subject_contains),
        body_contains=clean_text("rule.body_contains", body_contains),
        attachment_types=_types(clean_text("rule.attachment_types", attachment_types)),
        collection=collection,
    )
    audit_record(actor=actor, action="intake.rule.add", target=f"mailbox:{mailbox.pk}")
    return rule


def rule_remove(*, actor, mailbox: Mailbox, rule_id: int) -> None:
    deleted, _ = mailbox.rules.filter(pk=rule_id).delete()
    if not deleted:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"rule {rule_id}")
    audit_record(actor=actor, action="intake.rule.remove", target=f"mailbox:{mailbox.pk}")


def mailbox_delete(*, actor, mailbox: Mailbox) -> None:
    """The mailbox goes; the documents it brought stay in their collections."""
    audit_record(actor=actor, action="intake.mailbox.delete", target=f"mailbox:{mailbox.pk}")
    mailbox.delete()
