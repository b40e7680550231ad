"""The retention purge runs on its own: a real worker deletes chats past their period, and keeps young ones,
without anyone running ``aiplus chat purge``."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aiplus.chat.models import Conversation
from aiplus.chat.services import chat_create, retention_set
from tests.support.worker import send_tasks_to_this_test, start_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_purges_old_chats_on_its_own(amy, bob, admin, hpd, settings):
    settings.AIPLUS_CHAT_RETENTION_DAYS = 90
    send_tasks_to_this_test(settings)
    retention_set(actor=admin, department=hpd, days=7)
    old, young = chat_create(actor=amy, title="old"), chat_create(actor=amy, title="young")
    bob_old, bob_young = chat_create(actor=bob, title="old"), chat_create(actor=bob, title="young")
    now = timezone.now()
    Conversation.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=120))
    Conversation.objects.filter(pk=young.pk).update(updated_at=now - timedelta(days=30))
    Conversation.objects.filter(pk=bob_old.pk).update(updated_at=now - timedelta(days=10))
    Conversation.objects.filter(pk=bob_young.pk).update(updated_at=now - timedelta(days=3))

    worker = start_worker(settings, AIPLUS_CHAT_RETENTION_DAYS="90")
    try:
        wait_until(
            lambda: not Conversation.objects.filter(pk__in=[old.pk, bob_old.pk]).exists(),
            timeout=120,
            what="the worker to purge the old chats",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert set(Conversation.objects.values_list("pk", flat=True)) == {young.pk, bob_young.pk}
