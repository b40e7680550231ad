"""``aiplus mcp serve`` is a process of its own (``aiplus serve`` starts it beside its workers): it serves the
MCP endpoint from the shared database to the SDK's client, and refuses a request without a token."""

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.integrations.conftest import _free_port
from tests.integrations.test_mcp_server import _call, _data
from tests.support.worker import process_env, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _refuses_without_token(url: str) -> bool:
    request = urllib.request.Request(url, data=b"{}", headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        return error.code == 401
    except OSError:
        return False
    return False


def test_mcp_serve_answers_the_sdk_client(settings, token_for, guidance, amy):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiplus", "mcp", "serve", "--port", str(port)],
        env=process_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        wait_until(lambda: _refuses_without_token(url), timeout=60, what="the MCP server to answer")
        (listed,), _tools = _call(url, token_for(amy), [("list_collections", {})])
        assert [c["slug"] for c in _data(listed)] == ["guidance"]
    finally:
        server.terminate()
        server.wait(timeout=30)
