"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task

from aiplus.intake import services


# One poll at a time is enough; a poll that runs longer than its period is stopped and the next one resumes
# where it left (the ledger and the folder's pending list make every step safe to repeat).
@shared_task(name=services.POLL_TASK, acks_late=True, expires=300, soft_time_limit=600, time_limit=660)
def poll_all() -> dict:
    report = services.poll_all()
    return {
        "stored": sum(m.stored for m in report.mailboxes) + sum(f.stored for f in report.folders),
        "failed": sum(m.failed for m in report.mailboxes) + sum(f.failed for f in report.folders),
    }
