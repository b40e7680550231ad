"""REST endpoints: intake. Officers manage their department's mailboxes, folders and forms with a token; the
public reads a published form and submits it without one (rate-limited per visitor and form)."""

from django.http import FileResponse
from ninja import Path, Router, Status

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.schemas import error_responses
from aiplus.core.selectors import department_by_code
from aiplus.intake import selectors
from aiplus.intake.limits import FormClientThrottle
from aiplus.intake.models import Mailbox, MailMessage, PublicForm, WatchedFolder
from aiplus.intake.schemas import (
    FieldIn,
    FolderIn,
    FolderOut,
    FolderPollOut,
    FormIn,
    FormOut,
    MailboxIn,
    MailboxOut,
    MessageOut,
    PollOut,
    ReceiptOut,
    RuleIn,
    RuleOut,
    SubmissionIn,
    SubmissionOut,
)
from aiplus.intake.services import folders, forms, mail, mailboxes
from aiplus.intake.services.common import shown_error

router = Router(tags=["Intake"])

NAME = Path(..., pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=50)


def _department(code: str):
    return department_by_code(code) if code else None


def mailbox_out(mailbox: Mailbox) -> dict:
    return {
        **{f: getattr(mailbox, f) for f in ("name", "host", "port", "security", "username", "folder")},
        "processed_folder": mailbox.processed_folder,
        "department": mailbox.department.code,
        "collection": mailbox.default_collection.slug,
        "enabled": mailbox.enabled,
        "last_polled_at": mailbox.last_polled_at,
        "last_status": mailbox.last_status,
        "last_error": shown_error(mailbox.last_error),
        "rules": [rule_out(r) for r in mailbox.rules.select_related("collection")],
    }


def rule_out(rule) -> dict:
    fields = ("id", "position", "sender_pattern", "subject_contains", "body_contains", "attachment_types")
    return {**{f: getattr(rule, f) for f in fields}, "collection": rule.collection.slug}


def message_out(row: MailMessage) -> dict:
    return {
        **{f: getattr(row, f) for f in ("uid", "message_id", "sender", "subject", "outcome", "received_at")},
        "errors": [(f"{e['part']}: " if e.get("part") else "") + shown_error(e) for e in row.errors],
        "documents": [d.pk for d in row.documents.all()],
        "id": row.pk,
    }


@router.get("/intake/mailboxes", response={200: list[MailboxOut], **error_responses(403)})
def list_mailboxes(request):
    return [mailbox_out(m) for m in selectors.mailboxes_for(request.auth)]


@router.post("/intake/mailboxes", response={201: MailboxOut, **error_responses(403, 404, 409)})
def create_mailbox(request, payload: MailboxIn):
    data = payload.dict()
    department = _department(data.pop("department"))
    mailbox = mailboxes.mailbox_create(
        actor=request.auth, collection_slug=data.pop("collection"), department=department, **data
    )
    return Status(201, mailbox_out(mailbox))


@router.get("/intake/mailboxes/{name}", response={200: MailboxOut, **error_responses(403, 404)})
def get_mailbox(request, name: str = NAME):
    return mailbox_out(selectors.mailbox_for_managing(request.auth, name))


@router.delete("/intake/mailboxes/{name}", response={204: None, **error_responses(403, 404)})
def delete_mailbox(request, name: str = NAME):
    mailboxes.mailbox_delete(actor=request.auth, mailbox=selectors.mailbox_for_managing(request.auth, name))
    return Status(204, None)


@router.post("/intake/mailboxes/{name}/rules", response={201: RuleOut, **error_responses(403, 404)})
def add_rule(request, payload: RuleIn, name: str = NAME):
    mailbox = selectors.mailbox_for_managing(request.auth, name)
    data = payload.dict()
    rule = mailboxes.rule_add(
        actor=request.auth, mailbox=mailbox, collection_slug=data.pop("collection"), **data
    )
    return Status(201, rule_out(rule))


@router.delete("/intake/mailboxes/{name}/rules/{rule_id}", response={204: None, **error_responses(403, 404)})
def remove_rule(request, rule_id: int, name: str = NAME):
    mailbox = selectors.mailbox_for_managing(request.auth, name)
    mailboxes.rule_remove(actor=request.auth, mailbox=mailbox, rule_id=rule_id)
    return Status(204, None)


@router.post("/intake/mailboxes/{name}/poll", response={200: PollOut, **error_responses(403, 404)})
def poll_mailbox(request, name: str = NAME):
    report = mail.mailbox_poll(mailbox=selectors.mailbox_for_managing(request.auth, name))
    return {"stored": report.stored, "failed": report.failed, "error": report.error, "busy": report.busy}


@router.get(
    "/intake/mailboxes/{name}/messages", response={200: list[MessageOut], **error_responses(403, 404)}
)
def list_messages(request, name: str = NAME):
    mailbox = selectors.mailbox_for_managing(request.auth, name)
    return [message_out(row) for row in mailbox.messages.prefetch_related("documents")[:200]]


@router.get(
    "/intake/mailboxes/{name}/messages/{message_id}/raw", response={200: None, **error_responses(403, 404)}
)
def get_raw_message(request, message_id: int, name: str = NAME):
    """The message as received, as an .eml file."""
    mailbox = selectors.mailbox_for_managing(request.auth, name)
    row = mailbox.messages.filter(pk=message_id).first()
    path = mail.raw_message_path(row) if row else None
    if path is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"message {message_id}")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"{name}-{row.uid}.eml", content_type="message/rfc822"
    )


def folder_out(folder: WatchedFolder) -> dict:
    fields = ("id", "path", "enabled", "last_polled_at", "last_status")
    return {
        **{f: getattr(folder, f) for f in fields},
        "collection": folder.collection.slug,
        "last_error": shown_error(folder.last_error),
    }


@router.get("/intake/folders", response={200: list[FolderOut], **error_responses(403)})
def list_folders(request):
    return [folder_out(f) for f in selectors.folders_for(request.auth)]


@router.post("/intake/folders", response={201: FolderOut, **error_responses(403, 404, 409)})
def create_folder(request, payload: FolderIn):
    folder = folders.folder_create(actor=request.auth, path=payload.path, collection_slug=payload.collection)
    return Status(201, folder_out(folder))


@router.post("/intake/folders/{folder_id}/poll", response={200: FolderPollOut, **error_responses(403, 404)})
def poll_folder(request, folder_id: int):
    report = folders.folder_poll(folder=selectors.folder_for_managing(request.auth, folder_id))
    return {
        "stored": report.stored,
        "failed": report.failed,
        "waiting": report.waiting,
        "error": report.error,
    }


@router.delete("/intake/folders/{folder_id}", response={204: None, **error_responses(403, 404)})
def delete_folder(request, folder_id: int):
    folders.folder_delete(actor=request.auth, folder=selectors.folder_for_managing(request.auth, folder_id))
    return Status(204, None)


def form_out(form: PublicForm) -> dict:
    fields = ("slug", "title_en", "title_zh", "intro_en", "intro_zh", "statement_en", "statement_zh")
    return {**{f: getattr(form, f) for f in fields}, "fields": form.fields, "published": form.published}


@router.get("/intake/forms", response={200: list[FormOut], **error_responses(403)})
def list_forms(request):
    return [form_out(f) for f in selectors.forms_for(request.auth)]


@router.post("/intake/forms", response={201: FormOut, **error_responses(403, 404, 409)})
def create_form(request, payload: FormIn):
    data = payload.dict()
    department = _department(data.pop("department"))
    form = forms.form_create(
        actor=request.auth, collection_slug=data.pop("collection"), department=department, **data
    )
    return Status(201, form_out(form))


@router.get("/intake/forms/{slug}", response={200: FormOut, **error_responses(403, 404)})
def get_form(request, slug: str = NAME):
    return form_out(selectors.form_for_managing(request.auth, slug))


@router.post("/intake/forms/{slug}/fields", response={201: FormOut, **error_responses(403, 404)})
def add_field(request, payload: FieldIn, slug: str = NAME):
    form = selectors.form_for_managing(request.auth, slug)
    return Status(201, form_out(forms.field_add(actor=request.auth, form=form, **payload.dict())))


@router.delete(
    "/intake/forms/{slug}/fields/{field_name}", response={200: FormOut, **error_responses(403, 404)}
)
def remove_field(request, field_name: str, slug: str = NAME):
    form = selectors.form_for_managing(request.auth, slug)
    return form_out(forms.field_remove(actor=request.auth, form=form, name=field_name))


@router.post("/intake/forms/{slug}/publish", response={200: FormOut, **error_responses(403, 404)})
def publish_form(request, slug: str = NAME, published: bool = True):
    form = selectors.form_for_managing(request.auth, slug)
    return form_out(forms.form_publish(actor=request.auth, form=form, published=published))


@router.get(
    "/intake/forms/{slug}/submissions", response={200: list[SubmissionOut], **error_responses(403, 404)}
)
def list_submissions(request, slug: str = NAME):
    form = selectors.form_for_managing(request.auth, slug)
    return [
        {
            **{f: getattr(s, f) for f in ("reference", "answers", "sender_email", "language", "created_at")},
            "documents": [d.pk for d in s.documents.all()],
        }
        for s in selectors.submissions_for(request.auth, form)[:500]
    ]


@router.get("/public/forms/{slug}", auth=None, response={200: FormOut, **error_responses(404)})
def get_public_form(request, slug: str = NAME):
    return form_out(selectors.form_for_public(slug))


@router.post(
    "/public/forms/{slug}/submissions",
    auth=None,
    throttle=[FormClientThrottle()],
    response={201: ReceiptOut, **error_responses(404)},
)
def submit_form(request, payload: SubmissionIn, slug: str = NAME):
    """Answers by field name. File fields are filled in on the form's page."""
    form = selectors.form_for_public(slug)
    submission = forms.submission_create(
        form=form, answers=payload.answers, consent=payload.consent, language=payload.language
    )
    return Status(201, {"reference": submission.reference})
