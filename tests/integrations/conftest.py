"""A live aiplus for the doors' tests: the real WSGI app served by waitress (as ``aiplus serve`` does) and
the real MCP app served by uvicorn (as ``aiplus mcp serve`` does), each on a free port in a thread."""

import socket
import threading
import time

import pytest

from aiplus.core.services import api_token_create
from tests.bots.conftest import dsd_faq, hotline_bot, staff_notes  # noqa: F401  (fixtures)
from tests.support.live_server import waitress_in_thread

DECLINE = "Please call 1823."


@pytest.fixture
def token_for(transactional_db):
    """``token_for(user)``: a fresh API token key of that user."""
    return lambda user: api_token_create(user=user, name="door test")[1]


@pytest.fixture
def web_server(transactional_db, monkeypatch):
    """The base URL of aiplus served by waitress, as ``aiplus serve`` runs it. Its threads close their
    database connections after each request, so none outlives the test."""
    from django.db import connections

    from aiplus.wsgi import application

    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)

    with waitress_in_thread(application) as server:
        yield f"http://127.0.0.1:{server.effective_port}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mcp_server(transactional_db):
    """The URL of aiplus's MCP endpoint, served by uvicorn, as ``aiplus mcp serve`` runs it."""
    import uvicorn

    from aiplus.integrations.mcp_server import mcp_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(mcp_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the MCP server did not start"
    yield f"http://127.0.0.1:{port}/mcp"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def hotline(hotline_bot):  # noqa: F811
    """The Demo Services Department's hotline bot over its FAQ and guidance (not its private staff notes,
    nor another department's pier notes), with its own decline message."""
    hotline_bot.decline_message = DECLINE
    hotline_bot.save(update_fields=["decline_message"])
    return hotline_bot


@pytest.fixture
def paused_bot(alice, guidance):
    """A bot of the same department that is not published (paused)."""
    from aiplus.bots.services import bot_create

    return bot_create(
        actor=alice,
        slug="draft-bot",
        name="Draft",
        department=alice.department,
        collections=["guidance"],
        active=False,
    )
