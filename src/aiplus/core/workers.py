"""Who is doing background work, and whether a claim on some work belongs to a worker that has died.

Work rows (documents, meetings) are claimed in the database with ``worker_identity()``; when a worker
starts it queues again every claim that ``claim_is_dead`` says nobody is still holding.
"""

import os
import socket
from datetime import timedelta

from django.utils import timezone

# A claim this old from another machine (whose processes cannot be checked) is taken to be dead.
STALE_CLAIM = timedelta(minutes=30)


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_is_dead(claimed_by: str, claimed_at) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return (
            int(pid) != os.getpid() and claimed_at is not None and timezone.now() - claimed_at > STALE_CLAIM
        )
    return claimed_at is None or timezone.now() - claimed_at > STALE_CLAIM
