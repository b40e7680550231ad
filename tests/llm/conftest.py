import pytest

from tests.support.fake_openai import FakeOpenAI


@pytest.fixture
def stand_in(settings):
    """One stand-in server as the chat, embeddings and transcription endpoint, retrying briefly."""
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        settings.AIPLUS_LLM_RETRY_BASE_MILLISECONDS = 10
        settings.AIPLUS_EMBEDDINGS_BASE_URL = server.base_url
        settings.AIPLUS_EMBEDDINGS_MODEL = "fake-embed"
        settings.AIPLUS_SPEECH_BASE_URL = server.base_url
        settings.AIPLUS_SPEECH_MODEL = "whisper-1"
        yield server
