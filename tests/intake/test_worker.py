"""The periodic poll runs as a Celery task on a real worker: messages in a real mailbox become documents
without anyone running ``aiplus intake poll``."""

import pytest
from django.conf import settings as django_settings

from tests.intake.conftest import make_message
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_polls_the_mailboxes(mailbox, dovecot, mail_account, inbox_collection, settings):
    from aiplus.celery import app
    from aiplus.intake.services import POLL_TASK

    assert POLL_TASK in django_settings.AIPLUS_PERIODIC_TASKS
    send_tasks_to_this_test(settings)
    dovecot.deliver(*mail_account, make_message(attachments=[("a.txt", b"attached", "text", "plain")]))
    worker = start_worker(settings, AIPLUS_TEST_MAIL_PASSWORD=mail_account[1])
    try:
        app.send_task(POLL_TASK)
        wait_until(lambda: inbox_collection.documents.count() == 2, timeout=120, what="the worker to poll")
        wait_until(
            lambda: inbox_collection.documents.filter(status="ready").count() == 2,
            timeout=120,
            what="the documents to be processed",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert dovecot.count(*mail_account, "Processed") == 1
    assert mailbox.messages.get().documents.count() == 2
