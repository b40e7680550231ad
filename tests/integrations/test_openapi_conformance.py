"""schemathesis drives the chat API's operations with generated requests, valid and invalid: none makes a
server error, and every status returned is one its OpenAPI schema (``/v1/openapi.json``) documents."""

import pytest
from django.core import signals
from django.db import close_old_connections

from aiplus.core.services import api_token_create
from tests.support.api_conformance import explore_api


@pytest.fixture
def wsgi_application(db):
    """The real WSGI application; the request signals keep off the test's database connection."""
    from aiplus.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_chat_api_has_no_server_errors_and_no_undocumented_statuses(
    wsgi_application, amy, guidance, settings
):
    settings.AIPLUS_API_RATE_PER_USER = settings.AIPLUS_API_RATE_PER_ADDRESS = "100000/min"
    token = api_token_create(user=amy, name="schemathesis")[1]
    report = explore_api(wsgi_application, token=token, max_examples=10, schema_path="/v1/openapi.json")
    assert report.cases > 20
    assert report.server_errors == []
    assert report.undocumented == []
