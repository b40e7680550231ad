"""schemathesis drives every API operation with generated requests, valid and invalid: none makes a server
error, and every status returned is one the OpenAPI schema documents for that operation. A few examples per
operation keep this quick; ``bench/api_conformance.py`` runs the long version."""

import pytest
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections

from aiplus.core.services import api_token_create
from aiplus.meetings.services import meeting_create
from tests.meetings.test_services import VTT
from tests.support.api_conformance import explore_api


@pytest.fixture
def wsgi_application(db):
    """The real WSGI application. Like Django's test client, keep the request signals from closing the
    test's database connection after each call."""
    from aiplus.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_no_server_errors_and_no_undocumented_statuses(wsgi_application, alice, guidance, settings):
    settings.AIPLUS_API_RATE_PER_USER = settings.AIPLUS_API_RATE_PER_ADDRESS = "100000/min"
    meeting_create(actor=alice, stream=SimpleUploadedFile("m.vtt", VTT.encode()), filename="m.vtt", title="m")
    token = api_token_create(user=alice, name="schemathesis")[1]
    report = explore_api(wsgi_application, token=token, max_examples=5)
    assert report.cases > 100
    assert report.server_errors == []
    assert report.undocumented == []
