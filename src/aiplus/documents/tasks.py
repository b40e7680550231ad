"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.documents import services


# A scan at the page limit (AIPLUS_MAX_DOCUMENT_PAGES, 5,000) read by OCR at a few seconds a page takes hours.
@shared_task(name=services.PROCESS_TASK, acks_late=True, soft_time_limit=8 * 3600, time_limit=8 * 3600 + 300)
def process_document(document_id: int) -> str:
    return services.document_process(document_id=document_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    services.documents_recover()
