"""The review queue: tasks for a person or a team (a Django group), with due times, reminders, bulk actions
and a full history. A task made by a workflow's review or approval step holds its run until it is decided:
approved (or done) lets the run go on; rejected ends the run, or sends it back to an earlier step.

Who may act on a task: its assignee, a member of its team, or, for a review task given to nobody in
particular, the department's knowledge owners and administrators. An approval step names its approvers;
only they may decide it. Nobody outside the department sees the task at all.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import User
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.workflows.models import (
    ReviewTask,
    Run,
    RunStatus,
    StepRun,
    StepStatus,
    TaskEvent,
    TaskKind,
    TaskStatus,
)

logger = logging.getLogger("aiplus.workflows")

DECISIONS = ("approve", "reject")


def person_named(department_id: int, username: str) -> User:
    """An active user of the department (an assignee or approver); NOT_FOUND for anyone else."""
    user = User.objects.filter(username=username, department_id=department_id, is_active=True).first()
    if user is None:
        raise invalid("workflow.person", "wf_person", name=username)
    return user


def team_named(name: str) -> Group:
    team = Group.objects.filter(name=name).first()
    if team is None:
        raise invalid("workflow.team", "wf_team", name=name)
    return team


def task_create(
    *,
    department_id: int,
    title: str,
    kind: str = TaskKind.REVIEW,
    run: Run | None = None,
    step: StepRun | None = None,
    assignee: User | None = None,
    team: Group | None = None,
    instructions: str = "",
    due_hours: float | None = None,
    approvers: dict | None = None,
) -> ReviewTask:
    due_at = timezone.now() + timedelta(hours=due_hours) if due_hours else None
    task = ReviewTask.objects.create(
        department_id=department_id,
        run=run,
        step=step,
        kind=kind,
        title=title[:300],
        instructions=instructions,
        assignee=assignee,
        team=team,
        due_at=due_at,
        approvers=approvers or {},
    )
    TaskEvent.objects.create(task=task, action="created")
    return task


def can_act_on(actor, task: ReviewTask) -> bool:
    user = actor_user(actor)
    if user is None:
        return getattr(actor, "is_platform_admin", False)
    if user.department_id != task.department_id and not user.is_platform_admin:
        return False
    named = _names(task, user, set(user.groups.values_list("name", flat=True)))
    return user.can_manage_knowledge if named is None else named


def _names(task: ReviewTask, user: User, teams: set[str]) -> bool | None:
    """Whether the task names the user or one of their teams (an approval's approvers, else its assignee);
    None when it names nobody."""
    if task.kind == TaskKind.APPROVAL:
        allowed = task.approvers
        if allowed.get("users") or allowed.get("teams"):
            return user.username in allowed.get("users", []) or bool(teams & set(allowed.get("teams", [])))
    if task.assignee_id or task.team_id:
        return task.assignee_id == user.pk or (task.team is not None and task.team.name in teams)
    return None


def tasks_visible_to(actor) -> QuerySet[ReviewTask]:
    """Every task of the actor's department (the platform administrator: all); each task says whether the
    actor may act on it (``can_act_on``)."""
    tasks = ReviewTask.objects.select_related("assignee", "team", "run__workflow", "department")
    if getattr(actor, "is_platform_admin", False):
        return tasks.all()
    department_id = getattr(actor, "department_id", None)
    if not department_id:
        return tasks.none()
    return tasks.filter(department_id=department_id)


def tasks_queue(actor, *, mine: bool = False, status: str = TaskStatus.OPEN) -> list[ReviewTask]:
    tasks = tasks_visible_to(actor)
    if status:
        tasks = tasks.filter(status=status)
    if mine:  # the tasks naming the actor or their team, approvals included
        user = actor_user(actor)
        if user is None:
            return []
        teams = set(user.groups.values_list("name", flat=True))
        return [task for task in tasks if _names(task, user, teams)][:500]
    return list(tasks[:500])


def task_for(actor, task_id) -> ReviewTask:
    task = tasks_visible_to(actor).filter(pk=task_id).first() if str(task_id).isdigit() else None
    if task is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"task {task_id}")
    return task


def task_decide(*, actor, task_id, decision: str, comment: str = "", channel: str = "") -> ReviewTask:
    """Approve or reject an open task, with a comment (a rejection needs one). The run held by the task goes
    on, ends, or goes back to the step its approval step names."""
    from aiplus.workflows.engine import run_advance, step_create

    if decision not in DECISIONS:
        raise invalid("workflow.decision", "one_of", choices=", ".join(DECISIONS))
    comment = clean_text("workflow.comment", comment) if (comment or decision == "reject") else ""
    task = task_for(actor, task_id)
    if not can_act_on(actor, task):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"decide task {task.pk}")
    now = timezone.now()
    with transaction.atomic():
        # Only the first decision counts: a second click, or a colleague's at the same moment, changes nothing.
        if not ReviewTask.objects.filter(pk=task.pk, status=TaskStatus.OPEN).update(
            status=TaskStatus.APPROVED if decision == "approve" else TaskStatus.REJECTED,
            decided_by=actor_user(actor),
            decided_at=now,
            comment=comment,
        ):
            raise invalid("workflow.task", "wf_task_closed")
        TaskEvent.objects.create(task=task, actor=actor_user(actor), action=decision, comment=comment)
        step = StepRun.objects.select_related("run").filter(pk=task.step_id).first()
        if step is not None and step.status == StepStatus.WAITING:
            run = step.run
            output = {
                **step.output,
                "decision": decision,
                "by": getattr(actor, "username", ""),
                "comment": comment,
            }
            StepRun.objects.filter(pk=step.pk).update(status=StepStatus.DONE, output=output, finished_at=now)
            settings_ = run.steps[step.position].get("settings", {})
            if decision == "approve":
                run_advance(run, round=step.round, position=step.position)
            elif settings_.get("on_reject") == "back":
                back_to = max(0, min(int(settings_.get("back_to") or 1) - 1, step.position))
                Run.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, round=run.round + 1)
                run.round += 1
                step_create(run, round=run.round, position=back_to)
            else:
                Run.objects.filter(pk=run.pk).update(status=RunStatus.REJECTED, finished_at=now)
    audit_record(
        actor=actor, action=f"workflow.task.{decision}", target=f"review_task:{task.pk}", channel=channel
    )
    task.refresh_from_db()
    return task


def task_reassign(*, actor, task_id, username: str = "", team: str = "", channel: str = "") -> ReviewTask:
    """Give an open task to another person of the department, or to a team."""
    task = task_for(actor, task_id)
    if not (can_act_on(actor, task) or getattr(actor, "can_manage_knowledge", False)):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"reassign task {task.pk}")
    if task.status != TaskStatus.OPEN:
        raise invalid("workflow.task", "wf_task_closed")
    if bool(username) == bool(team):
        raise invalid("workflow.person", "wf_person_or_team")
    assignee = person_named(task.department_id, username) if username else None
    group = team_named(team) if team else None
    ReviewTask.objects.filter(pk=task.pk).update(assignee=assignee, team=group, reminded_at=None)
    TaskEvent.objects.create(
        task=task, actor=actor_user(actor), action="reassigned", detail={"user": username, "team": team}
    )
    audit_record(
        actor=actor, action="workflow.task.reassign", target=f"review_task:{task.pk}", channel=channel
    )
    task.refresh_from_db()
    return task


def tasks_bulk(
    *,
    actor,
    task_ids: list,
    action: str,
    comment: str = "",
    username: str = "",
    team: str = "",
    channel: str = "",
) -> dict:
    """Approve, reject or reassign many tasks; each is done or refused on its own (the reasons are returned)."""
    done, refused = [], {}
    for task_id in task_ids:
        try:
            if action == "reassign":
                task_reassign(actor=actor, task_id=task_id, username=username, team=team, channel=channel)
            else:
                task_decide(actor=actor, task_id=task_id, decision=action, comment=comment, channel=channel)
            done.append(int(task_id))
        except AiplusError as error:
            refused[str(task_id)] = error.message
    return {"done": done, "refused": refused}


def reminders_send(*, now=None) -> int:
    """E-mail the assignee (or the team's members) of each open task past its due time, once."""
    now = now or timezone.now()
    due = ReviewTask.objects.filter(status=TaskStatus.OPEN, due_at__lte=now, reminded_at__isnull=True)
    sent = 0
    for task in due.select_related("assignee", "team"):
        if not ReviewTask.objects.filter(pk=task.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        people = [task.assignee] if task.assignee else list(task.team.user_set.all()) if task.team else []
        addresses = [person.email for person in people if person and person.email]
        if addresses:
            send_mail(
                _("Overdue: %(title)s") % {"title": task.title},
                _("The task “%(title)s” was due at %(due)s and is still open in the review queue.")
                % {"title": task.title, "due": timezone.localtime(task.due_at).strftime("%Y-%m-%d %H:%M")},
                settings.DEFAULT_FROM_EMAIL,
                addresses,
            )
        TaskEvent.objects.create(task=task, action="reminded", detail={"to": addresses})
        sent += 1
    return sent
