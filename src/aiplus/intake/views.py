"""Intake pages: the officers' overview (mailboxes with their last poll, watched folders, forms), a mailbox's
rules and messages, the form builder with its preview and submissions; and the public form itself, with no
sign-in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.selectors import department_by_code, departments_all
from aiplus.core.views import error_page
from aiplus.documents.uploads import upload_limit_mb
from aiplus.intake import selectors
from aiplus.intake.limits import FormClientThrottle
from aiplus.intake.models import FieldKind, Security
from aiplus.intake.services import folders, forms, mail, mailboxes, poll_all
from aiplus.intake.services.common import shown_error
from aiplus.intake.services.forms import UploadedFile, shown


def _posted(request, *names: str) -> dict:
    return {name: request.POST.get(name, "") for name in names}


def _department(request):
    code = request.POST.get("department", "")
    return department_by_code(code) if code else None


def _officer(request):
    if not selectors.can_run_intake(request.user):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="intake")


@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    try:
        _officer(request)
        if request.method == "POST":
            return _overview_action(request)
    except AiplusError as error:
        if request.method == "GET" or error.code in {ErrorCode.FORBIDDEN}:
            return error_page(request, error)
        messages.error(request, error.message)
        return redirect("intake:overview")
    user = request.user
    context = {
        "mailboxes": [(m, shown_error(m.last_error)) for m in selectors.mailboxes_for(user)],
        "folders": [(f, shown_error(f.last_error)) for f in selectors.folders_for(user)],
        "forms": selectors.forms_for(user),
        "securities": Security.choices,
        "departments": departments_all() if user.is_platform_admin else [],
    }
    return render(request, "intake/overview.html", context)


def _overview_action(request):
    action, actor = request.POST.get("action"), request.user
    if action == "mailbox":
        data = _posted(
            request, "name", "host", "security", "username", "password_env", "password_file", "folder"
        )
        port = request.POST.get("port", "")
        mailbox = mailboxes.mailbox_create(
            actor=actor,
            port=int(port) if port.isdigit() else -1,
            collection_slug=request.POST.get("collection", ""),
            department=_department(request),
            **data,
        )
        messages.success(request, _("Mailbox %(name)s is set up.") % {"name": mailbox.name})
        return redirect("intake:mailbox", name=mailbox.name)
    if action == "folder":
        folders.folder_create(
            actor=actor, path=request.POST.get("path", ""), collection_slug=request.POST.get("collection", "")
        )
        messages.success(request, _("The folder is watched."))
    elif action == "poll_folder":
        folder = selectors.folder_for_managing(actor, int(request.POST.get("folder") or 0))
        report = folders.folder_poll(folder=folder)
        messages.success(
            request, _("%(stored)s stored, %(failed)s failed, %(waiting)s waiting.") % vars(report)
        )
    elif action == "form":
        data = _posted(
            request, "slug", "title_en", "title_zh", "statement_en", "statement_zh", "intro_en", "intro_zh"
        )
        form = forms.form_create(
            actor=actor,
            collection_slug=request.POST.get("collection", ""),
            department=_department(request),
            **data,
        )
        return redirect("intake:form_edit", slug=form.slug)
    return redirect("intake:overview")


@login_required
@require_http_methods(["GET", "POST"])
def mailbox(request, name):
    try:
        box = selectors.mailbox_for_managing(request.user, name)
    except AiplusError as error:
        return error_page(request, error)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "rule":
                data = _posted(
                    request, "sender_pattern", "subject_contains", "body_contains", "attachment_types"
                )
                mailboxes.rule_add(
                    actor=request.user,
                    mailbox=box,
                    collection_slug=request.POST.get("collection", ""),
                    **data,
                )
            elif action == "remove_rule":
                mailboxes.rule_remove(
                    actor=request.user, mailbox=box, rule_id=int(request.POST.get("rule") or 0)
                )
            elif action == "poll":
                report = mail.mailbox_poll(mailbox=box)
                if report.error:
                    messages.error(request, _("The poll failed; see the last error below."))
                else:
                    messages.success(request, _("%(stored)s stored, %(failed)s failed.") % vars(report))
            elif action == "delete":
                mailboxes.mailbox_delete(actor=request.user, mailbox=box)
                return redirect("intake:overview")
        except AiplusError as error:
            messages.error(request, error.message)
        return redirect("intake:mailbox", name=box.name)
    box.refresh_from_db()
    rows = [
        (row, [(e.get("part", ""), shown_error(e)) for e in row.errors])
        for row in box.messages.prefetch_related("documents")[:100]
    ]
    context = {
        "mailbox": box,
        "last_error": shown_error(box.last_error),
        "rows": rows,
        "rules": box.rules.select_related("collection"),
    }
    return render(request, "intake/mailbox.html", context)


@login_required
def raw_message(request, name, message_id):
    """A taken message as received (.eml), for an officer of the mailbox's department."""
    try:
        box = selectors.mailbox_for_managing(request.user, name)
        row = box.messages.filter(pk=message_id).first()
        path = mail.raw_message_path(row) if row else None
        if path is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"message {message_id}")
    except AiplusError as error:
        return error_page(request, error)
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{box.name}-{row.uid}.eml",
        content_type="message/rfc822",
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request, slug):
    try:
        form = selectors.form_for_managing(request.user, slug)
    except AiplusError as error:
        return error_page(request, error)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "field":
                data = _posted(
                    request, "name", "kind", "label_en", "label_zh", "help_en", "help_zh", "choices"
                )
                forms.field_add(
                    actor=request.user, form=form, required=request.POST.get("required") == "yes", **data
                )
            elif action == "remove_field":
                forms.field_remove(actor=request.user, form=form, name=request.POST.get("field", ""))
            elif action in {"publish", "unpublish"}:
                forms.form_publish(actor=request.user, form=form, published=action == "publish")
        except AiplusError as error:
            messages.error(request, error.message)
        return redirect("intake:form_edit", slug=form.slug)
    context = {
        "form": form,
        "kinds": FieldKind.choices,
        "submissions": selectors.submissions_for(request.user, form)[:100],
        "public_url": request.build_absolute_uri(f"/forms/{form.slug}/"),
    }
    return render(request, "intake/form_edit.html", context)


def _fields_shown(form, language: str, values: dict) -> list[dict]:
    return [
        {
            **field,
            "value": values.get(field["name"], ""),
            "label": shown(field, "label", language),
            "help": shown(field, "help", language),
            "options": [shown(c, "", language) for c in field["choices"]],
        }
        for field in form.fields
    ]


def _public_context(form, language: str, values: dict, **extra) -> dict:
    return {
        "form": form,
        "title": shown({"title_en": form.title_en, "title_zh": form.title_zh}, "title", language),
        "intro": form.intro_zh if language.startswith("zh") else form.intro_en,
        "statement": form.statement_zh if language.startswith("zh") else form.statement_en,
        "fields": _fields_shown(form, language, values),
        "limit_mb": settings.AIPLUS_INTAKE_FORM_MAX_FILE_MB,
        **extra,
    }


@login_required
def form_preview(request, slug):
    try:
        form = selectors.form_for_managing(request.user, slug)
    except AiplusError as error:
        return error_page(request, error)
    return render(
        request, "intake/public_form.html", _public_context(form, get_language() or "en", {}, preview=True)
    )


def _uploads(request, form) -> dict[str, list[UploadedFile]]:
    """The files of each file field, each read no further than one byte past the limit (so the service can
    refuse it without the whole file in memory)."""
    limit = settings.AIPLUS_INTAKE_FORM_MAX_FILE_MB * 1024 * 1024
    found = {}
    for field in form.fields:
        if field["kind"] == FieldKind.FILE:
            found[field["name"]] = [
                UploadedFile(f.name, f.read(limit + 1)) for f in request.FILES.getlist(field["name"])
            ]
    return found


@require_http_methods(["GET", "POST"])
def public_form(request, slug):
    try:
        form = selectors.form_for_public(slug)
    except AiplusError as error:
        return error_page(request, error)
    language = get_language() or "en"
    values, form_error, error_field, status = {}, "", "", 200
    if request.method == "POST":
        values = {
            f["name"]: request.POST.get(f["name"], "") for f in form.fields if f["kind"] != FieldKind.FILE
        }
        try:
            if getattr(request, "upload_refused", False):
                raise AiplusError(ErrorCode.REQUEST_TOO_LARGE, {"limit_mb": upload_limit_mb()})
            throttle = FormClientThrottle()
            if not throttle.allow_request(request):
                raise AiplusError(ErrorCode.RATE_LIMITED, {"seconds": max(1, round(throttle.wait() or 1))})
            submission = forms.submission_create(
                form=form,
                answers=values,
                files=_uploads(request, form),
                consent=request.POST.get("consent") == "yes",
                language=language,
            )
            return redirect("intake:received", slug=form.slug, reference=submission.reference)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
            error_field = error.field.removeprefix("answers.")
    context = _public_context(form, language, values, form_error=form_error, error_field=error_field)
    return render(request, "intake/public_form.html", context, status=status)


def received(request, slug, reference):
    try:
        form = selectors.form_for_public(slug)
        submission = form.submissions.filter(reference=reference).first()
        if submission is None:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"submission {reference!r}")
    except AiplusError as error:
        return error_page(request, error)
    language = get_language() or "en"
    title = shown({"title_en": form.title_en, "title_zh": form.title_zh}, "title", language)
    return render(
        request,
        "intake/received.html",
        {
            "title": title,
            "reference": submission.reference,
            "emailed": bool(submission.sender_email and settings.EMAIL_HOST),
        },
    )


@login_required
@require_POST
def poll_now(request):
    """Poll every mailbox and folder of the officer's department now."""
    try:
        _officer(request)
        report = poll_all(
            mailboxes=selectors.mailboxes_for(request.user).filter(enabled=True),
            folders=selectors.folders_for(request.user).filter(enabled=True),
        )
    except AiplusError as error:
        return error_page(request, error)
    stored = sum(m.stored for m in report.mailboxes) + sum(f.stored for f in report.folders)
    messages.success(request, _("Polled. New documents: %(stored)s.") % {"stored": stored})
    return redirect("intake:overview")
