"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.privacy.redact import jobs


# A long scanned PDF is read by OCR page by page.
@shared_task(name=jobs.PROCESS_TASK, acks_late=True, soft_time_limit=2 * 3600, time_limit=2 * 3600 + 300)
def process_redact_job(job_id: int) -> str:
    return jobs.redact_job_process(job_id=job_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    jobs.redact_jobs_recover()
