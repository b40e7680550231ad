"""Reads under the department rule: an officer who manages knowledge sees their own department's mailboxes,
folders, forms and submissions; anything of another department is "not found", by every door."""

from django.db.models import QuerySet

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.intake.models import Mailbox, PublicForm, Submission, WatchedFolder


def can_run_intake(actor) -> bool:
    """Knowledge owners and department admins run their department's intake; the operator runs all."""
    return bool(getattr(actor, "is_authenticated", False) and actor.can_manage_knowledge)


def _own(actor, queryset: QuerySet, department_field: str) -> QuerySet:
    if not can_run_intake(actor):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="intake")
    if actor.is_platform_admin:
        return queryset
    return queryset.filter(**{department_field: actor.department_id})


def mailboxes_for(actor) -> QuerySet[Mailbox]:
    return _own(actor, Mailbox.objects.select_related("department", "default_collection"), "department_id")


def mailbox_for_managing(actor, name: str) -> Mailbox:
    mailbox = mailboxes_for(actor).filter(name=name).first()
    if mailbox is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"mailbox {name!r}")
    return mailbox


def folders_for(actor) -> QuerySet[WatchedFolder]:
    return _own(actor, WatchedFolder.objects.select_related("collection"), "collection__department_id")


def folder_for_managing(actor, folder_id: int) -> WatchedFolder:
    folder = folders_for(actor).filter(pk=folder_id).first()
    if folder is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"watched folder {folder_id}")
    return folder


def forms_for(actor) -> QuerySet[PublicForm]:
    return _own(actor, PublicForm.objects.select_related("department", "collection"), "department_id")


def form_for_managing(actor, slug: str) -> PublicForm:
    form = forms_for(actor).filter(slug=slug).first()
    if form is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"form {slug!r}")
    return form


def form_for_public(slug: str) -> PublicForm:
    """A published form, for anyone; an unpublished one is not found (its draft stays private)."""
    form = PublicForm.objects.filter(slug=slug, published=True).select_related("department").first()
    if form is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"form {slug!r}")
    return form


def submissions_for(actor, form: PublicForm) -> QuerySet[Submission]:
    form = form_for_managing(actor, form.slug)
    return form.submissions.prefetch_related("documents")
