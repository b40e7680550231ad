"""Run aiplus processes (a Celery worker, a CLI command) against the test database and data directory."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection


def database_url() -> str:
    """The test database, as a ``DATABASE_URL`` another process can open."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def process_env(settings, *, broker_url: str = "filesystem://") -> dict[str, str]:
    """The environment of an aiplus process that shares this test's database, files and broker."""
    return {
        **os.environ,
        "AIPLUS_HOME": str(settings.AIPLUS_HOME),
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "AIPLUS_LOG_LEVEL": "WARNING",
        # An install on PostgreSQL must give every process one key (check aiplus.E001); so does this one.
        "AIPLUS_SECRET_KEY": os.environ.get("AIPLUS_SECRET_KEY") or "aiplus-tests-only-key",
    }


def start_worker(
    settings, *, broker_url: str = "filesystem://", args: tuple[str, ...] = (), **extra_env: str
) -> subprocess.Popen:
    """A worker process (``args``: its options, e.g. ``("--quick-only",)``); ``extra_env`` sets more of its
    settings (AIPLUS_WORKER_STALE_SECONDS="3")."""
    return subprocess.Popen(
        [sys.executable, "-m", "aiplus", "worker", *args],
        env={**process_env(settings, broker_url=broker_url), **extra_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def send_tasks_to_this_test(settings) -> None:
    """Point this process's Celery app at the test's own broker folder: the app keeps the folder of the data
    directory it first saw, while each test has its own (``AIPLUS_HOME`` under ``tmp_path``)."""
    from kombu import pools

    from aiplus.celery import _configure_embedded_broker, app

    _configure_embedded_broker(app)
    pools.reset()  # connections to the last test's folder
    app._pool = app.amqp._producer_pool = None
