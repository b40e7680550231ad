"""Background jobs of search: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.search import vectors


# Embedding a large collection on the local model takes hours (0.3 s a passage); the job gives its claim back
# between steps when documents wait, so a long limit costs nobody.
@shared_task(name=vectors.VECTORS_TASK, acks_late=True, soft_time_limit=24 * 3600, time_limit=24 * 3600 + 300)
def fill_vectors(work_id: int) -> str:
    return vectors.vectors_fill(work_id=work_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    vectors.vectors_recover()
