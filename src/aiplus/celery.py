"""The Celery application. Tasks are idempotent and acknowledged late, so a killed worker loses nothing."""

import os
from urllib.parse import urlsplit

from celery import Celery
from celery.signals import worker_shutting_down

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")

app = Celery("aiplus")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_after_configure.connect
def _configure_embedded_broker(sender: Celery, **kwargs) -> None:
    """Point the file-based broker at the data directory, and make delivery robust for every broker."""
    from django.conf import settings

    conf = sender.conf
    conf.task_acks_late = True
    conf.task_reject_on_worker_lost = True
    conf.worker_prefetch_multiplier = 1
    conf.task_ignore_result = True
    conf.broker_connection_retry_on_startup = True
    if conf.broker_url.startswith("filesystem://"):
        # The filesystem transport ignores the host, but kombu warns "No hostname was supplied" on every
        # connection to a URL without one; naming the host it would fall back to keeps a first run quiet.
        if not urlsplit(conf.broker_url).hostname:
            conf.broker_url = "filesystem://localhost/"
        queue = settings.AIPLUS_HOME / "broker"
        (queue / "processed").mkdir(parents=True, exist_ok=True)
        conf.broker_transport_options = {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(queue / "processed"),
            "store_processed": False,
            "control_folder": str(queue / "control"),
        }


@worker_shutting_down.connect
def _stop_running_work(**kwargs) -> None:
    """On SIGTERM, Celery waits for the running task; ask it to give its work back at its next checkpoint."""
    from aiplus.core.workers import worker_stop_request

    worker_stop_request()


app.autodiscover_tasks()
