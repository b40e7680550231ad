"""Fixtures for workflows: the Demo Services Department's incoming letters collection, Alice's workflows
over it, and a local SMTP server that keeps what it receives."""

import socket

import pytest

from aiplus.core.services import api_token_create

LETTER_ZH = (
    "投訴信\n\n本人陳大文（電話 9123 4567）投訴屯門區渠務工程造成嚴重噪音，參考編號 DSD-2026-0042。"
    "工程每晚十一時後仍然進行，影響居民休息，請盡快處理。"
)
LETTER_EN = (
    "Letter of thanks\n\nThank you for the quick repair of the drain on Castle Peak Road. Ref DSD-2026-0077."
)


def api_client(user, language: str = "en"):
    from django.test import Client

    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


@pytest.fixture
def letters(alice):
    from aiplus.documents.services import collection_create

    return collection_create(
        actor=alice, slug="letters", name="Incoming letters", department=alice.department
    )


@pytest.fixture
def filed(alice, letters):
    from aiplus.documents.services import collection_create

    return collection_create(actor=alice, slug="complaints", name="Complaints", department=alice.department)


def triage_definition(**changes) -> dict:
    definition = {
        "name": "Complaint triage",
        "description": "Complaints: extract the reference, mask personal data, summarise, approve, file.",
        "trigger": {"type": "document_added", "collection": "letters"},
        "conditions": [{"kind": "content", "keywords": ["投诉", "complaint"]}],
        "steps": [
            {
                "action": "extract",
                "settings": {
                    "schema": {
                        "fields": [{"name": "reference", "type": "text", "pattern": "DSD-\\d{4}-\\d{4}"}]
                    }
                },
            },
            {"action": "redact", "settings": {}},
            {"action": "summarise", "settings": {"length": "brief"}},
            {
                "action": "approval",
                "settings": {"approvers": ["alice"], "title": "Approve the complaint summary"},
            },
            {"action": "move", "settings": {"collection": "complaints"}},
        ],
    }
    definition.update(changes)
    return definition


@pytest.fixture
def triage(alice, letters, filed):
    from aiplus.workflows.services import workflow_save

    return workflow_save(actor=alice, department=alice.department, data=triage_definition())


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port; ``.messages`` are the messages it received."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Keep(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield handler
    finally:
        controller.stop()
