"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task
from celery.signals import worker_ready

from aiplus.workflows import engine, review, services


@shared_task(name=engine.STEP_TASK, acks_late=True, soft_time_limit=3600, time_limit=3600 + 60)
def run_step(step_id: int) -> str:
    return engine.step_process(step_id=step_id)


@shared_task(name="aiplus.workflows.schedules", acks_late=True, expires=300)
def run_schedules() -> int:
    engine.steps_retry_overdue()  # retries whose delayed message died with a worker
    return services.schedules_run()


@shared_task(name="aiplus.workflows.reminders", acks_late=True, expires=300)
def send_reminders() -> int:
    return review.reminders_send()


@worker_ready.connect
def _recover_on_start(**kwargs) -> None:
    engine.steps_recover()
