"""Background jobs: thin wrappers over the services of the same name."""

from celery import shared_task

from aiplus.classifier import services


@shared_task(name=services.TRAIN_TASK, acks_late=True, soft_time_limit=3600, time_limit=3600 + 300)
def train_classifier(classifier_id: int) -> bool:
    return services.classifier_train_due(classifier_id=classifier_id)
