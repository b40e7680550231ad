"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.pilot import jobs


# A long document translated by a model, part by part, takes a while.
@shared_task(name=jobs.PROCESS_TASK, acks_late=True, soft_time_limit=2 * 3600, time_limit=2 * 3600 + 300)
def process_job(job_id: int) -> str:
    return jobs.job_process(job_id=job_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    jobs.jobs_recover()
