"""`aiplus serve`'s waitress server: requests it refuses itself get aiplus's JSON error shape, and serve
refuses to start on a misconfigured shared install."""

import http.client
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from tests.support.live_server import waitress_in_thread


@pytest.fixture
def live_server_address(db, settings):
    from aiplus.wsgi import application

    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    with waitress_in_thread(application) as server:
        yield server.effective_host, server.effective_port


def _request(address, method, path, headers, body=b""):
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.putrequest(method, path)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        if body:
            connection.send(body)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def test_a_body_over_the_limit_is_refused_unread_as_json_in_the_askers_language(live_server_address):
    status, content_type, body = _request(
        live_server_address,
        "POST",
        "/api/v1/collections/guidance/documents",
        {"Content-Length": str(6 * 1024 * 1024), "Accept-Language": "zh-hant"},
    )
    assert status == 413 and content_type == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "request_too_large" and "5 MB" in error["message"] and "上限" in error["message"]


def test_a_query_over_the_header_limit_is_json_too(live_server_address):
    status, content_type, body = _request(live_server_address, "GET", "/api/v1/search?q=" + "x" * 300_000, {})
    assert status == 431 and content_type == "application/json"
    assert json.loads(body)["error"]["code"] == "headers_too_large"


def test_a_page_request_over_the_limit_gets_the_message_as_text(live_server_address):
    status, content_type, body = _request(
        live_server_address, "POST", "/collections/guidance/", {"Content-Length": str(6 * 1024 * 1024)}
    )
    assert status == 413 and content_type.startswith("text/plain")
    assert "larger than the limit of 5 MB" in body.decode()


def test_serve_refuses_to_start_on_a_shared_install_without_a_secret_key(db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    settings.AIPLUS_SECRET_KEY_FROM_ENVIRONMENT = False
    result = CliRunner().invoke(main, ["serve", "--no-worker", "--no-demo", "--port", "1"])
    assert result.exit_code == 1
    assert "aiplus.E001" in result.output and "AIPLUS_SECRET_KEY" in result.output


WARMED_PROCESS = """
import gc, json, sys, wsgiref.util
from aiplus.wsgi import application  # as `aiplus web` does before make_server
from aiplus.core.server import warm_up
warm_up()
frozen = gc.get_freeze_count()
before = set(sys.modules)
environ = {"PATH_INFO": "/v1/models", "REQUEST_METHOD": "GET"}
wsgiref.util.setup_testing_defaults(environ)
statuses = []
b"".join(application(environ, lambda status, headers, *exc: statuses.append(status)))
print(json.dumps({"status": statuses[0], "frozen": frozen, "imported": sorted(set(sys.modules) - before)}))
"""


def test_a_warmed_up_process_loads_nothing_on_its_first_request(tmp_path):
    """The first request of a fresh web process must not import the site's code: that took 1.6 s of processor
    time, during which every other request in the process stood still. What was loaded is set aside from
    the garbage collector's full passes."""
    import os
    import subprocess
    import sys

    import aiplus

    source = str(Path(aiplus.__file__).resolve().parents[1])  # the code under test, not another checkout's
    environment = {
        **os.environ,
        "AIPLUS_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "aiplus.settings",
        "PYTHONPATH": source,
    }
    result = subprocess.run(
        [sys.executable, "-c", WARMED_PROCESS], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    process = json.loads(result.stdout.strip().splitlines()[-1])
    assert process["status"].startswith("401")  # answered (no token) by the API's own code
    the_sites_code = [
        name for name in process["imported"] if name.startswith(("aiplus", "ninja", "pydantic"))
    ]
    assert the_sites_code == [] and len(process["imported"]) < 20, process["imported"]
    assert process["frozen"] > 50_000
