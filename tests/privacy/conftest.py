import pytest
from django.utils import translation

from aiplus.core.models import Role
from aiplus.core.services import audit_record, user_create
from aiplus.llm import services as llm
from tests.support.fake_openai import FakeOpenAI

HKID = "A123456(3)"


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever language an earlier request in this thread asked for."""
    with translation.override("en"):
        yield


@pytest.fixture
def dora(dsd):
    """The Demo Services Department's administrator, who answers for its personal data."""
    return user_create(username="dora", password="pass-dora", department=dsd, role=Role.DEPARTMENT_ADMIN)


def record_history(settings, *, amy, bob, alice) -> None:
    """Amy (dsd) and Bob (hpd) each asked a model about a card number, Amy also gave a phone number to the
    chat rewrite, and Alice (dsd) redacted a letter naming three people."""
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        for actor in (amy, bob):
            llm.chat(
                actor=actor,
                flow="assistant.answer",
                messages=[{"role": "user", "content": f"Is {HKID} known?"}],
            )
        llm.chat(actor=amy, flow="chat.rewrite", messages=[{"role": "user", "content": "Call 9123 4567."}])
    audit_record(
        actor=alice, action="privacy.redact", target="=letter.pdf", feature="redact", counts={"PERSON": 3}
    )


@pytest.fixture
def history(settings, amy, bob, alice):
    record_history(settings, amy=amy, bob=bob, alice=alice)
