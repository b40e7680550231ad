"""The periodic runner: each task named in ``AIPLUS_PERIODIC_TASKS`` (Celery task name -> seconds between
runs) is run when due. ``aiplus serve`` checks from a light thread and sends the due tasks to the workers;
``aiplus tick`` (for cron, with or without a worker) runs the due ones once in its own process.

Why not Celery beat: beat keeps its schedule in a file of its own and must run in exactly one process; here
the last run of each task is a database row, claimed with a conditional update, so ``serve`` and ``tick``
(and several machines) share one schedule and a task is never sent twice for one period.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from aiplus.workflows.models import PeriodicRun

logger = logging.getLogger("aiplus.periodic")

CHECK_SECONDS = 15


def _claim(name: str, seconds: int, now) -> bool:
    """Whether this caller may run ``name`` now (it is due, and nobody else took this period)."""
    row = PeriodicRun.objects.filter(name=name).first()
    if row is None:
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=name, last_run_at=now)
            return True
        except IntegrityError:
            return False
    if now - row.last_run_at < timedelta(seconds=seconds):
        return False
    return PeriodicRun.objects.filter(pk=row.pk, last_run_at=row.last_run_at).update(last_run_at=now) == 1


def periodic_due(*, now=None) -> list[str]:
    """Claim and return the periodic tasks due now."""
    now = now or timezone.now()
    return [name for name, seconds in settings.AIPLUS_PERIODIC_TASKS.items() if _claim(name, seconds, now)]


def periodic_tick(*, send: bool, now=None) -> dict[str, str]:
    """Run (``send=False``: here, now) or send to the workers every due task. Returns name -> outcome."""
    from aiplus.celery import app

    outcomes = {}
    if not send:
        app.loader.import_default_modules()  # every app's tasks.py, as a worker loads them
    for name in periodic_due(now=now):
        if send:
            app.send_task(name, expires=max(settings.AIPLUS_PERIODIC_TASKS[name], 60))
            outcomes[name] = "sent"
            continue
        task = app.tasks.get(name)
        if task is None:
            outcomes[name] = "unknown task"
            logger.warning("periodic task not found name=%s", name)
            continue
        try:
            outcomes[name] = f"done: {task.apply().get()}"
        except Exception as error:  # one task failing does not stop the others
            logger.exception("periodic task failed name=%s", name)
            outcomes[name] = f"failed: {error}"
    return outcomes


class PeriodicThread(threading.Thread):
    """``aiplus serve``'s runner: every ``CHECK_SECONDS`` it sends the due tasks to the workers."""

    def __init__(self):
        super().__init__(daemon=True, name="periodic")
        self.stopping = threading.Event()

    def run(self) -> None:
        from django.db import connection

        while not self.stopping.wait(CHECK_SECONDS):
            try:
                periodic_tick(send=True)
            except Exception:  # a busy database: the next check tries again
                logger.warning("periodic check failed", exc_info=True)
            finally:
                connection.close()

    def stop(self) -> None:
        self.stopping.set()
