"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.documents import services


@shared_task(name=services.PROCESS_TASK, acks_late=True, soft_time_limit=1800, time_limit=1900)
def process_document(document_id: int) -> str:
    return services.document_process(document_id=document_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    services.documents_recover()
