"""Drive every API operation with schemathesis-generated requests, valid and invalid, through the WSGI
application, and count what the issue asks for: server errors (5xx) and statuses the OpenAPI schema does
not document for that operation. Used by the test suite (a few examples each) and by
``bench/api_conformance.py`` (many)."""

from collections import Counter
from dataclasses import dataclass, field

import hypothesis
import schemathesis
from schemathesis.generation.modes import GenerationMode


@dataclass
class ConformanceReport:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    undocumented: list[str] = field(default_factory=list)
    unsatisfiable: list[str] = field(default_factory=list)


def explore_api(
    application, *, token: str, max_examples: int, schema_path: str = "/api/v1/openapi.json"
) -> ConformanceReport:
    """Every operation, positive and negative data, ``max_examples`` each, a fixed seed (rerunnable).
    ``schema_path``: the API's OpenAPI schema (``/v1/openapi.json`` for the chat API)."""
    schema = schemathesis.openapi.from_wsgi(schema_path, application)
    report = ConformanceReport()
    headers = {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _explore_operation(operation, mode, headers=headers, max_examples=max_examples, report=report)
    return report


def _explore_operation(operation, mode, *, headers: dict, max_examples: int, report: ConformanceReport):
    documented = {str(status) for status in operation.definition.raw["responses"]}

    @hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def call(case):
        response = case.call(headers=headers)
        report.cases += 1
        report.statuses[response.status_code] += 1
        where = f"{case.method} {case.formatted_path} -> {response.status_code}"
        if response.status_code >= 500:
            report.server_errors.append(where)
        if str(response.status_code) not in documented and "default" not in documented:
            report.undocumented.append(f"{where} (documented: {', '.join(sorted(documented))})")

    try:
        call()
    except hypothesis.errors.Unsatisfiable:
        # Nothing about this operation can be made invalid (no parameters, no body), or nothing valid exists
        # in this mode: there is no request of this kind to send.
        report.unsatisfiable.append(f"{operation.method.upper()} {operation.path} ({mode.value})")
