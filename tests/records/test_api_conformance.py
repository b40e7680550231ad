"""schemathesis drives every records operation as a records manager, with generated requests valid and
invalid: none makes a server error, and every status is one the OpenAPI schema documents."""

import schemathesis
from django.core import signals
from django.db import close_old_connections
from schemathesis.generation.modes import GenerationMode

from aiplus.core.services import api_token_create
from aiplus.documents.models import Document
from aiplus.records.services import disposal_propose, legal_hold_place, retention_set
from tests.support.api_conformance import ConformanceReport, _explore_operation


def test_records_operations_as_a_records_manager(rita, files, seven_years, settings):
    from aiplus.wsgi import application

    settings.AIPLUS_API_RATE_PER_USER = settings.AIPLUS_API_RATE_PER_ADDRESS = "100000/min"
    for document in Document.objects.all():
        retention_set(actor=rita, document=document)
    legal_hold_place(actor=rita, department=rita.department, name="Claim", reason="writ", query="pier")
    disposal_propose(actor=rita, department=rita.department)
    token = api_token_create(user=rita, name="schemathesis")[1]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        report = ConformanceReport()
        for result in schema.get_all_operations():
            operation = result.ok()
            if not operation.path.startswith("/api/v1/records/"):
                continue
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _explore_operation(
                    operation,
                    mode,
                    headers={"Authorization": f"Bearer {token}"},
                    max_examples=8,
                    report=report,
                )
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert report.cases > 100
    assert report.server_errors == []
    assert report.undocumented == []
