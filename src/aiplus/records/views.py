"""The records pages: schedules (edit, import), documents due for disposal, disposal batches (propose,
approve or reject, execute), legal holds (place, release), disposal records (search, CSV export) and one
document's retention. Each posted action calls one service; an error is shown on the page it came from."""

import csv
import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.catalogue.importing import read_limited
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import invalid
from aiplus.core.views import download_response, error_page
from aiplus.documents.selectors import document_for_reading
from aiplus.documents.uploads import upload_limit_mb
from aiplus.records import selectors, services
from aiplus.records.importing import schedules_import
from aiplus.records.models import Action, BatchStatus, Trigger
from aiplus.records.shapes import RECORD_COLUMNS, record_out


def _date(value: str, field: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise invalid(field, "date") from None


def _department(request):
    """The department the records pages act for: the user's own (a platform administrator may name one)."""
    return selectors.acting_department(request.user, request.GET.get("department", ""))


def _page(request, template: str, context: dict, work=None):
    """Run ``work`` for a POST (it returns a redirect target and a success message); an error stays on the
    page with its message and status."""
    form_error, status = "", 200
    if request.method == "POST" and work is not None:
        try:
            target, done = work()
            if done:
                messages.success(request, done)
            return redirect(target)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {**context, "form_error": form_error, "post": request.POST}
    return render(request, template, context, status=status)


@login_required
def due(request):
    """Documents due for disposal and the proposal button (records managers)."""
    try:
        department = _department(request)
        selectors.require_manager(request.user, department.pk, "see documents due for disposal")
        on = _date(request.GET.get("on", ""), "records.until") or timezone.localdate()
    except AiplusError as error:
        return error_page(request, error)

    def propose():
        batch = services.disposal_propose(actor=request.user, department=department, on=on, channel="web")
        if batch is None:
            return request.get_full_path(), _("Nothing is due that could be disposed of.")
        return reverse("records:batch", args=[batch.pk]), _("Disposal batch proposed.")

    found = selectors.due_for_disposal(department_id=department.pk, on=on)
    return _page(request, "records/due.html", {"department": department, "on": on, "due": found}, propose)


@login_required
@require_http_methods(["GET", "POST"])
def schedules(request):
    try:
        department = _department(request)
        selectors.require_manager(request.user, department.pk, "edit retention schedules")
    except AiplusError as error:
        return error_page(request, error)

    def save():
        fields = (
            "code",
            "title_en",
            "title_zh",
            "years",
            "months",
            "days",
            "trigger",
            "action",
            "document_type",
        )
        services.schedule_save(
            actor=request.user,
            department=department,
            collection_slug=request.POST.get("collection", ""),
            channel="web",
            **{name: request.POST.get(name, "") for name in fields},
        )
        return request.get_full_path(), _("Schedule saved.")

    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = selectors.schedules_visible(request.user).filter(pk=request.GET["edit"]).first()
    context = {
        "department": department,
        "schedules": selectors.schedules_visible(request.user).filter(department=department),
        "collections": department.collections.order_by("name"),
        "triggers": Trigger.choices,
        "actions": Action.choices,
        "editing": editing,
        "limit_mb": upload_limit_mb(),
    }
    if request.method == "POST" and request.POST.get("form") == "import":
        return _import(request, department, context)
    return _page(request, "records/schedules.html", context, save)


def _import(request, department, context):
    """Import a schedule file: all rows or none; the rows with problems are listed on the page."""
    upload = request.FILES.get("file")
    try:
        if getattr(request, "upload_refused", False) or upload is None:
            raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
        report = schedules_import(
            actor=request.user,
            department=department,
            data=read_limited(upload),
            filename=upload.name,
            channel="web",
        )
    except AiplusError as error:
        context = {**context, "form_error": error.message, "post": request.POST}
        return render(request, "records/schedules.html", context, status=error.http_status)
    if report.problems:
        return render(
            request, "records/schedules.html", {**context, "report": report, "post": {}}, status=422
        )
    messages.success(request, _("%(created)s created, %(updated)s updated.") % report.as_dict())
    return redirect(request.get_full_path())


@login_required
@require_http_methods(["GET", "POST"])
def holds(request):
    try:
        department = _department(request)
        selectors.require_manager(request.user, department.pk, "place legal holds")
    except AiplusError as error:
        return error_page(request, error)

    def act():
        if request.POST.get("action") == "release":
            hold = selectors.hold_for(request.user, request.POST.get("hold", ""))
            services.legal_hold_release(
                actor=request.user, hold=hold, note=request.POST.get("note", ""), channel="web"
            )
            return request.get_full_path(), _("Legal hold released.")
        document_ids = [
            int(v) for v in request.POST.get("documents", "").replace(",", " ").split() if v.isdigit()
        ]
        services.legal_hold_place(
            actor=request.user,
            department=department,
            name=request.POST.get("name", ""),
            reason=request.POST.get("reason", ""),
            collection_slug=request.POST.get("collection", ""),
            document_ids=document_ids,
            query=request.POST.get("query", ""),
            channel="web",
        )
        return request.get_full_path(), _("Legal hold placed.")

    context = {
        "department": department,
        "holds": selectors.holds_visible(request.user).filter(department=department),
        "collections": department.collections.order_by("name"),
    }
    return _page(request, "records/holds.html", context, act)


@login_required
def batches(request):
    found = selectors.batches_visible(request.user)
    if not selectors.is_records_staff(request.user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN, detail="disposal batches"))
    return render(request, "records/batches.html", {"batches": found})


@login_required
@require_http_methods(["GET", "POST"])
def batch(request, batch_id):
    try:
        found = selectors.batch_for(request.user, batch_id)
    except AiplusError as error:
        return error_page(request, error)

    def act():
        action = request.POST.get("action")
        if action == "execute":
            services.disposal_execute(actor=request.user, batch=found, channel="web")
            return request.path, _("Disposal carried out; the disposal records are kept.")
        approve = action == "approve"
        services.disposal_decide(
            actor=request.user, batch=found, approve=approve, note=request.POST.get("note", ""), channel="web"
        )
        return request.path, _("Batch approved.") if approve else _("Batch rejected.")

    context = {
        "batch": found,
        "items": found.items.all(),
        "can_decide": found.status == BatchStatus.PROPOSED
        and selectors.is_records_approver(request.user, found.department_id),
        "can_execute": found.status == BatchStatus.APPROVED
        and selectors.is_records_manager(request.user, found.department_id),
    }
    return _page(request, "records/batch.html", context, act)


@login_required
def disposals(request):
    if not selectors.is_records_staff(request.user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN, detail="disposal records"))
    words = request.GET.get("q", "")
    found = selectors.records_search(request.user, words)
    if request.GET.get("format") == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS)
        writer.writeheader()
        writer.writerows(record_out(r) for r in found)
        return download_response(
            out.getvalue().encode("utf-8-sig"), filename="disposal-records.csv", content_type="text/csv"
        )
    return render(request, "records/disposals.html", {"records": found, "q": words})


@login_required
@require_http_methods(["GET", "POST"])
def document(request, document_id):
    """One document's retention, for anyone who may read it; records managers set it here."""
    try:
        found = document_for_reading(request.user, document_id)
        view = selectors.retention_for_reading(request.user, document_id)
    except AiplusError as error:
        return error_page(request, error)
    department_id = found.collection.department_id

    def set_retention():
        services.retention_set(
            actor=request.user,
            document=found,
            schedule_code=request.POST.get("schedule", "") or None,
            until=_date(request.POST.get("until", ""), "records.until"),
            channel="web",
        )
        return request.path, _("Retention saved.")

    manager = selectors.is_records_manager(request.user, department_id)
    context = {
        "document": found,
        "retention": view,
        "can_set": manager,
        "schedules": selectors.schedules_visible(request.user).filter(department_id=department_id)
        if manager
        else [],
    }
    return _page(request, "records/document.html", context, set_retention)
