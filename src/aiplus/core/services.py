"""Departments, users, API tokens and the audit log."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from aiplus.core.access import actor_label, actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.middleware import request_id_var
from aiplus.core.models import ApiToken, AuditEvent, Department, Role, User
from aiplus.core.validation import clean_text, invalid

logger = logging.getLogger("aiplus.core")

TOKEN_PREFIX = "aip_"
TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=1)


def department_get_or_create(*, code: str, name_en: str = "", name_zh: str = "") -> Department:
    code = clean_text("department.code", code.lower() if isinstance(code, str) else code)
    name_en, name_zh = clean_text("department.name", name_en), clean_text("department.name", name_zh)
    department, created = Department.objects.get_or_create(
        code=code, defaults={"name_en": name_en or code.upper(), "name_zh": name_zh}
    )
    if created:
        logger.info("department created code=%s", department.code)
    return department


def department_add(*, actor, code: str, name_en: str, name_zh: str = "") -> Department:
    """Create a department on purpose. Nothing else creates one, so a mistyped code elsewhere is an error
    (see ``core.selectors.departments_by_code``) instead of a new, empty department."""
    code = clean_text("department.code", code.lower() if isinstance(code, str) else code)
    name_en = clean_text("department.name", name_en)
    if not name_en:
        raise invalid("department.name", "required")
    name_zh = clean_text("department.name", name_zh)
    with transaction.atomic():
        if Department.objects.filter(code=code).exists():
            raise AiplusError(ErrorCode.CONFLICT, detail=f"department {code!r} exists")
        department = Department.objects.create(code=code, name_en=name_en, name_zh=name_zh)
    audit_record(actor=actor, action="department.add", target=f"department:{code}")
    logger.info("department created code=%s", code)
    return department


def user_create(
    *,
    username: str,
    password: str,
    department: Department | None,
    role: str = Role.MEMBER,
    email: str = "",
) -> User:
    username = clean_text("user.username", username)
    if role not in Role.values:
        raise AiplusError(ErrorCode.INVALID, detail=f"unknown role {role!r}")
    if role != Role.PLATFORM_ADMIN and department is None:
        raise AiplusError(ErrorCode.INVALID, detail="every user but a platform admin belongs to a department")
    if User.objects.filter(username=username).exists():
        raise AiplusError(ErrorCode.CONFLICT, detail=f"user {username!r} exists")
    user = User(username=username, email=email, department=department, role=role)
    # Department administrators sign in to the admin site too, where they see only their department's rows.
    user.is_staff = role in {Role.PLATFORM_ADMIN, Role.DEPARTMENT_ADMIN}
    user.is_superuser = role == Role.PLATFORM_ADMIN
    user.set_password(password)
    user.save()
    return user


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its key; the key is never stored and cannot be shown again."""
    name = clean_text("token.name", name)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=_hash_key(key))
    audit_record(actor=user, action="api_token.create", target=f"token:{token.pk}")
    return token, key


def api_token_authenticate(key: str) -> User | None:
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__department")
        .filter(key_hash=_hash_key(key), revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_LAST_USED_RESOLUTION:
        # Written at most once a minute per token, not on every call: on SQLite every write waits for the
        # one writer, and 20 clients of the chat API would queue for it.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def audit_record(*, actor, action: str, target: str = "", channel: str = "", **detail) -> None:
    """Write one audit line. Never raises into the caller's flow: an audit failure is logged loudly."""
    user = actor_user(actor)
    try:
        with transaction.atomic():
            AuditEvent.objects.create(
                actor=user,
                actor_label=actor_label(actor),
                department_id=getattr(actor, "department_id", None),
                action=action,
                target=target[:255],
                channel=channel,
                request_id=request_id_var.get() if request_id_var.get() != "-" else "",
                detail=detail,
            )
    except Exception:
        logger.exception("audit write failed action=%s target=%s", action, target)
