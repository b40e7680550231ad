"""Background work on database rows, written once: claim, heartbeat, progress, cancel, give back, fail, recover.

A row of work (a document, a meeting, any later module's job) carries ``status``, ``claimed_by``,
``claimed_at`` and ``heartbeat_at``. A module describes its rows once as a ``WorkKind`` and runs each job
with ``work_run``, which:

- claims the row with a conditional update, so a second delivery of the same task is skipped;
- keeps the claim alive with a heartbeat (a thread of its own, so a long single step such as a model call
  does not let it lapse), so that ``work_recover`` takes back only claims whose heartbeat has stopped for
  ``AIPLUS_WORKER_STALE_SECONDS``, never the claim of a worker that is alive however long its job runs;
- stops the job at its next checkpoint (a page read, a part transcribed) when the row is deleted or given
  to someone else (``WorkCancelled``: nothing is written), when the worker was asked to stop
  (``WorkInterrupted``: the claim is given back and the task sent again), or when a job on the quick lane
  runs longer than ``AIPLUS_WORKER_QUICK_SECONDS`` (``WorkMoved``: given back and sent to the long queue);
- records a project error on the row as its failure, and any other exception as an internal one.

Fairness: ``aiplus serve`` runs two workers. One serves both queues; the other (``--quick-only``) serves
only the default queue and hands on whatever outgrows the quick lane, so one department's 5,000-page scan
can hold at most one of them while another department's small file is read by the other.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from aiplus.core.errors import AiplusError, ErrorCode

logger = logging.getLogger("aiplus.workers")

DEFAULT_QUEUE = "celery"  # Celery's own default: every task is sent here first
LONG_QUEUE = "aiplus.long"  # work that outgrew the quick lane
TASK_EXPIRES = 24 * 3600
PROGRESS_WRITE_SECONDS = 1.0  # progress is written at most this often (and always at the end)

_stop_requested = threading.Event()
_lane = {"quick_only": False}


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_stop_request() -> None:
    """Ask running jobs in this process to stop at their next checkpoint (the worker got SIGTERM)."""
    _stop_requested.set()


def worker_lane_set(*, quick_only: bool) -> None:
    """Make this worker process the quick lane: jobs that run too long are handed to the long queue."""
    _lane["quick_only"] = quick_only


class WorkStopped(Exception):
    """A job stopped before its end without failing."""

    outcome = "stopped"


class WorkCancelled(WorkStopped):
    """The row was deleted, or its claim taken back: nothing more is written."""

    outcome = "cancelled"


class WorkInterrupted(WorkStopped):
    """The worker is stopping: the claim is given back and the task sent again."""

    outcome = "interrupted"


class WorkMoved(WorkStopped):
    """The job outgrew the quick lane: it is given back and sent to the long queue."""

    outcome = "moved"


@dataclass(frozen=True)
class WorkKind:
    """How one model's rows are claimed: which rows are waiting, and what a claim and a give-back write."""

    model: type[models.Model]
    task: str
    waiting: models.Q  # rows a worker may claim
    held: models.Q  # rows a worker holds (or held, if it died)
    on_claim: dict = field(default_factory=dict)
    on_give_back: dict = field(default_factory=dict)
    on_fail: Callable[[], dict] = dict  # extra fields written with a failure
    queue: str = DEFAULT_QUEUE  # where its tasks are sent (LONG_QUEUE: low-priority work)


def work_enqueue(
    kind: WorkKind, pk: int, *, queue: str | None = None, countdown: float | None = None
) -> None:
    current_app.send_task(
        kind.task, args=[pk], queue=queue or kind.queue, expires=TASK_EXPIRES, countdown=countdown
    )


def claim_is_dead(claimed_by: str, heartbeat_at) -> bool:
    """A claim nobody holds any more: its process on this machine has gone, or its heartbeat has stopped."""
    host, _, pid = claimed_by.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
    stale = timedelta(seconds=settings.AIPLUS_WORKER_STALE_SECONDS)
    return heartbeat_at is None or timezone.now() - heartbeat_at > stale


class Claim:
    """One worker's hold on one row while it works on it. ``rows`` updates the row only while it is held."""

    def __init__(self, kind: WorkKind, pk: int, worker: str):
        self.kind, self.pk, self.worker = kind, pk, worker
        self.rows = kind.model.objects.filter(pk=pk, claimed_by=worker)
        self.started = time.monotonic()
        self._lost = threading.Event()
        self._stop_beating = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_beat = self._last_progress = 0.0

    def _beat(self) -> None:
        if self.rows.update(heartbeat_at=timezone.now()) == 0:
            self._lost.set()

    def _beat_until_stopped(self) -> None:
        try:
            while not self._stop_beating.wait(max(settings.AIPLUS_WORKER_HEARTBEAT_SECONDS, 0.2)):
                try:
                    self._beat()
                except Exception:  # a busy database: the next beat tries again
                    logger.warning("heartbeat not written id=%s", self.pk, exc_info=True)
        finally:
            connection.close()

    def start_heartbeat(self) -> None:
        """Beat from a thread, unless the caller is inside a transaction another connection cannot see
        into (a test's, or a command's): then each checkpoint beats instead."""
        if not connection.in_atomic_block:
            self._thread = threading.Thread(target=self._beat_until_stopped, daemon=True, name="heartbeat")
            self._thread.start()

    def stop_heartbeat(self) -> None:
        self._stop_beating.set()
        if self._thread is not None:
            self._thread.join(timeout=settings.AIPLUS_WORKER_HEARTBEAT_SECONDS + 30)

    def checkpoint(self) -> None:
        """Raise a ``WorkStopped`` if the job should stop here; called between pages and parts."""
        if (
            self._thread is None
            and time.monotonic() - self._last_beat >= settings.AIPLUS_WORKER_HEARTBEAT_SECONDS
        ):
            self._last_beat = time.monotonic()
            self._beat()
        if self._lost.is_set():
            raise WorkCancelled
        if _stop_requested.is_set():
            raise WorkInterrupted
        if _lane["quick_only"] and time.monotonic() - self.started > settings.AIPLUS_WORKER_QUICK_SECONDS:
            raise WorkMoved

    def progress(self, done: int, total: int) -> None:
        """Record ``done`` of ``total`` (pages, parts) on the row, at most once a second, then checkpoint."""
        now = time.monotonic()
        if done >= total or done == 0 or now - self._last_progress >= PROGRESS_WRITE_SECONDS:
            self._last_progress = now
            self.rows.update(progress_done=done, progress_total=total)
        self.checkpoint()

    def finish(self, **fields) -> bool:
        """Write the job's result and let go of the row; False if the row was no longer this worker's."""
        return self.rows.update(**fields, claimed_by="", claimed_at=None, heartbeat_at=None) == 1

    def give_back(self) -> None:
        self.rows.update(**self.kind.on_give_back, claimed_by="", claimed_at=None, heartbeat_at=None)

    def fail(self, code: str, params: dict | None = None) -> None:
        self.finish(status="failed", error_code=code, error_params=params or {}, **self.kind.on_fail())


def work_claim(kind: WorkKind, pk: int, worker: str) -> Claim | None:
    now = timezone.now()
    claimed = (
        kind.model.objects.filter(kind.waiting, pk=pk)
        .filter(claimed_by="")
        .update(**kind.on_claim, claimed_by=worker, claimed_at=now, heartbeat_at=now)
    )
    return Claim(kind, pk, worker) if claimed else None


def work_run(kind: WorkKind, pk: int, body: Callable[[Claim], str], *, worker: str | None = None) -> str:
    """Claim the row and run ``body(claim)``, which returns the row's status when done. Returns that status,
    "skipped" when someone else holds or finished the row, "failed", or how the job stopped early."""
    if _stop_requested.is_set():  # a task taken while the worker stops: leave it for the next worker
        work_enqueue(kind, pk)
        return WorkInterrupted.outcome
    claim = work_claim(kind, pk, worker or worker_identity())
    if claim is None:
        return "skipped"
    claim.start_heartbeat()
    try:
        return body(claim)
    except WorkStopped as stop:
        if not isinstance(stop, WorkCancelled):
            claim.give_back()
            work_enqueue(kind, pk, queue=LONG_QUEUE if isinstance(stop, WorkMoved) else None)
        logger.info("work stopped task=%s id=%s how=%s", kind.task, pk, stop.outcome)
        return stop.outcome
    except AiplusError as error:
        logger.info("work failed task=%s id=%s code=%s detail=%s", kind.task, pk, error.code, error.detail)
        claim.fail(error.code, error.params)
        return "failed"
    except Exception:
        logger.exception("work failed unexpectedly task=%s id=%s", kind.task, pk)
        claim.fail(ErrorCode.INTERNAL)
        return "failed"
    finally:
        claim.stop_heartbeat()


def work_recover(kind: WorkKind, *, enqueue: bool = True) -> list[int]:
    """Give back every claim whose worker has died, then send every waiting row's task again (a worker's
    start-up). A task still in the queue is harmless: only one run can claim the row."""
    recovered = []
    held = kind.model.objects.filter(kind.held).exclude(claimed_by="")
    for pk, claimed_by, heartbeat_at in held.values_list("pk", "claimed_by", "heartbeat_at"):
        if claim_is_dead(claimed_by, heartbeat_at):
            kind.model.objects.filter(pk=pk, claimed_by=claimed_by).update(
                **kind.on_give_back, claimed_by="", claimed_at=None, heartbeat_at=None
            )
            recovered.append(pk)
    if recovered:
        logger.warning("recovered work from dead workers task=%s ids=%s", kind.task, recovered)
    waiting = list(kind.model.objects.filter(kind.waiting, claimed_by="").values_list("pk", flat=True))
    if enqueue:
        for pk in waiting:
            work_enqueue(kind, pk)
    return waiting
