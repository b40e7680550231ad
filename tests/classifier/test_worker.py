"""A large classifier is retrained by a real Celery worker: a burst of labels sends one debounced task, and
the worker trains on every label given, none of the unreviewed predictions."""

import pytest

from aiplus.classifier import services
from aiplus.classifier.models import Classifier
from tests.classifier.conftest import make_classifier
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_burst_of_labels_is_trained_once_by_the_worker(alice, settings, monkeypatch):
    monkeypatch.setattr(services, "INLINE_TRAIN_EXAMPLES", 10)  # so 15 examples count as "large"
    monkeypatch.setattr(services, "TRAIN_DEBOUNCE_SECONDS", 1)
    send_tasks_to_this_test(settings)
    classifier = make_classifier(alice)  # 15 labels, each committed: the first 10 train at once
    queued = Classifier.objects.get(pk=classifier.pk)
    assert queued.needs_training and queued.training_queued_at is not None
    version = queued.model_version
    services.classify(classifier=queued, text="The karaoke next door never stops")  # unreviewed

    worker = start_worker(settings)
    try:
        wait_until(
            lambda: not Classifier.objects.get(pk=classifier.pk).needs_training, 300, "the worker's training"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    trained = Classifier.objects.get(pk=classifier.pk)
    assert trained.model_version == version + 1  # one training for the five labels after the first ten
    assert trained.trained_examples == 15 and trained.training_queued_at is None
