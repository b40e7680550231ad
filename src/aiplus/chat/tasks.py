"""Background jobs: the retention purge, run by every worker at start and then every
AIPLUS_CHAT_PURGE_MINUTES (no beat scheduler needed: a timer in the worker sends the task to its own queue)."""

import logging
import threading

from celery import current_app, shared_task
from celery.signals import worker_ready, worker_shutting_down
from django.conf import settings

from aiplus.chat import services

logger = logging.getLogger("aiplus.chat")

PURGE_TASK = "aiplus.chat.purge"
_stop = threading.Event()


@shared_task(name=PURGE_TASK, acks_late=True, expires=3600, soft_time_limit=600, time_limit=900)
def purge_chats() -> int:
    return services.chat_purge()


def _send_purges(interval_seconds: float) -> None:
    """Send a purge now and after every interval until the worker stops. Several workers each sending one is
    harmless: a purge deletes only what is past its time."""
    while not _stop.is_set():
        try:
            current_app.send_task(PURGE_TASK, expires=max(60, int(interval_seconds)))
        except Exception:  # a broker that is briefly away: the next interval tries again
            logger.warning("chat purge not sent", exc_info=True)
        if _stop.wait(interval_seconds):
            return


@worker_ready.connect
def _schedule_purges(**kwargs) -> None:
    minutes = settings.AIPLUS_CHAT_PURGE_MINUTES
    if minutes <= 0:
        return
    _stop.clear()
    threading.Thread(target=_send_purges, args=(minutes * 60,), daemon=True, name="chat-purge").start()


@worker_shutting_down.connect
def _stop_purges(**kwargs) -> None:
    _stop.set()
