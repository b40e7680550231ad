"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.meetings import services


# A three-hour recording transcribed in parts, then minutes written in parts, can take a while.
@shared_task(name=services.PROCESS_TASK, acks_late=True, soft_time_limit=3 * 3600, time_limit=3 * 3600 + 300)
def process_meeting(meeting_id: int) -> str:
    return services.meeting_process(meeting_id=meeting_id)


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    services.meetings_recover()
