"""Pages: the department's workflows (new from a template), the visual editor, run history with each step's
input and output (and the dead-letter list with retry), and the review queue (decide, reassign, in bulk)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.views import error_page
from aiplus.workflows import review, services
from aiplus.workflows.actions import actions
from aiplus.workflows.editor import definition_from_form, editor_steps, operation_apply
from aiplus.workflows.library import library_template, library_templates
from aiplus.workflows.models import RunStatus

BLANK = {
    "name": "",
    "description": "",
    "enabled": True,
    "trigger": {"type": "document_added", "collection": ""},
    "conditions": [],
    "steps": [],
}


def _collections(user):
    from aiplus.documents.models import Collection

    return (
        Collection.objects.filter(department_id=user.department_id).order_by("name")
        if user.department_id
        else []
    )


@login_required
@require_http_methods(["GET", "POST"])
def workflow_list(request):
    user = request.user
    can_manage = services.can_manage_workflows(user, user.department_id)
    if request.method == "POST":
        if not can_manage:
            return error_page(request, AiplusError(ErrorCode.FORBIDDEN, detail="manage workflows"))
        try:
            definition = library_template(
                request.POST.get("template", ""), collection=request.POST.get("collection", "")
            )
            workflow = services.workflow_save(
                actor=user, department=user.department, data=definition, channel="web"
            )
        except AiplusError as error:
            messages.error(request, error.message)
            return redirect("workflows:list")
        messages.success(request, _("Copied the template. Check its steps, then save."))
        return redirect("workflows:edit", workflow_id=workflow.pk)
    context = {
        "workflows": services.workflows_for(user),
        "can_manage": can_manage,
        "templates": library_templates(),
        "collections": _collections(user),
        "dead": services.dead_letters(user).count(),
        "open_tasks": len(review.tasks_queue(user, mine=True)),
    }
    return render(request, "workflows/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workflow_edit(request, workflow_id=None):
    user = request.user
    try:
        workflow = services.workflow_for_managing(user, workflow_id) if workflow_id else None
        if workflow is None and not services.can_manage_workflows(user, user.department_id):
            raise AiplusError(ErrorCode.FORBIDDEN, detail="manage workflows")
    except AiplusError as error:
        return error_page(request, error)
    definition = services.workflow_export(workflow) if workflow else dict(BLANK)
    form_error, status = "", 200
    if request.method == "POST":
        definition = definition_from_form(request.POST)
        operation = request.POST.get("op", "save")
        if operation == "save":
            try:
                saved = services.workflow_save(
                    actor=user,
                    department=workflow.department if workflow else user.department,
                    data=definition,
                    workflow=workflow,
                    channel="web",
                )
                messages.success(request, _("Saved version %(version)s.") % {"version": saved.version})
                return redirect("workflows:edit", workflow_id=saved.pk)
            except AiplusError as error:
                form_error, status = error.message, error.http_status
        else:
            definition = operation_apply(definition, operation, request.POST.get("new_action", ""))
    context = {
        "workflow": workflow,
        "definition": definition,
        "conditions": json.dumps(definition.get("conditions") or [], ensure_ascii=False),
        "steps": editor_steps(definition),
        "actions": actions(),
        "collections": _collections(user),
        "form_error": form_error,
        "exported": json.dumps(services.workflow_export(workflow), ensure_ascii=False, indent=2)
        if workflow
        else "",
    }
    return render(request, "workflows/edit.html", context, status=status)


@login_required
def run_list(request):
    status = request.GET.get("status", "")
    runs = services.runs_for(request.user, status=status if status in RunStatus.values else "")
    return render(
        request,
        "workflows/runs.html",
        {"runs": runs[:200], "status": status, "statuses": RunStatus.choices},
    )


@login_required
def run_detail(request, run_id):
    try:
        run = services.run_for_reading(request.user, run_id)
    except AiplusError as error:
        return error_page(request, error)
    return render(request, "workflows/run.html", {"run": run, "steps": run.step_runs.all()})


@login_required
@require_POST
def run_retry(request, run_id):
    try:
        run = services.run_retry(
            actor=request.user, run=services.run_for_reading(request.user, run_id), channel="web"
        )
        messages.success(request, _("The run is queued again."))
    except AiplusError as error:
        if error.code == ErrorCode.NOT_FOUND:
            return error_page(request, error)
        messages.error(request, error.message)
        return redirect("workflows:runs")
    return redirect("workflows:run", run_id=run.pk)


@login_required
@require_http_methods(["GET", "POST"])
def queue(request):
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action", "")
        ids = request.POST.getlist("task") or [request.POST.get("one", "")]
        result = review.tasks_bulk(
            actor=user,
            task_ids=[i for i in ids if i],
            action=action,
            comment=request.POST.get("comment", ""),
            username=request.POST.get("user", "").strip(),
            team=request.POST.get("team", "").strip(),
            channel="web",
        )
        if result["done"]:
            messages.success(request, _("%(count)s tasks updated.") % {"count": len(result["done"])})
        for task_id, reason in result["refused"].items():
            messages.error(request, _("Task %(task)s: %(reason)s") % {"task": task_id, "reason": reason})
        return redirect(request.get_full_path())
    mine = request.GET.get("mine") == "1"
    tasks = review.tasks_queue(user, mine=mine)
    for task in tasks:
        task.may_act = review.can_act_on(user, task)
    return render(request, "workflows/queue.html", {"tasks": tasks, "mine": mine})
