"""Background jobs: the periodic disposal proposal (``AIPLUS_PERIODIC_TASKS``), a thin wrapper over the
service. Safe to run twice: a document already in an open batch is not proposed again."""

from celery import shared_task

from aiplus.records import services

PROPOSE_TASK = "aiplus.records.propose_disposal"


@shared_task(name=PROPOSE_TASK, acks_late=True, expires=3600, soft_time_limit=600, time_limit=900)
def propose_disposal() -> list[int]:
    return services.disposal_propose_all()
