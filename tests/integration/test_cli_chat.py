"""`aiplus chat retention` shows and sets a department's period; `aiplus chat purge` deletes what is past it."""

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from aiplus.chat.models import Conversation
from aiplus.chat.services import chat_create
from aiplus.cli import main

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_set_a_departments_retention_and_purge(amy, settings):
    settings.AIPLUS_CHAT_RETENTION_DAYS = 90
    assert (
        _run("chat", "retention", "dsd").stdout
        == "dsd: chats are deleted 90 days after their last question.\n"
    )
    assert json.loads(_run("chat", "retention", "dsd", "14", "--json").stdout) == {
        "department": "dsd",
        "days": 14,
    }
    old, young = chat_create(actor=amy), chat_create(actor=amy)
    Conversation.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=15))
    Conversation.objects.filter(pk=young.pk).update(updated_at=timezone.now() - timedelta(days=13))
    assert json.loads(_run("chat", "purge", "--json").stdout) == {"deleted": 1}
    assert list(Conversation.objects.values_list("pk", flat=True)) == [young.pk]


def test_bad_values_are_refused_and_change_nothing(amy, dsd, settings):
    settings.AIPLUS_CHAT_RETENTION_DAYS = 90
    zero = _run("chat", "retention", "dsd", "0")
    assert zero.exit_code != 0 and "days to keep chats" in zero.output
    unknown = _run("chat", "retention", "nope", "5")
    assert unknown.exit_code != 0 and "Known codes: dsd" in unknown.output
    member = _run("chat", "retention", "dsd", "5", "--user", "amy")
    assert member.exit_code != 0 and "permission" in member.output
    assert "90 days" in _run("chat", "retention", "dsd").stdout
