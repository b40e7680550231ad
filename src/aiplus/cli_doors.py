"""``aiplus mcp serve``: the MCP server, a door for MCP clients (see docs/integrations.md); ``aiplus web``: one
of the web processes ``aiplus serve`` runs when ``AIPLUS_WEB_PROCESSES`` is above 1."""

import sys

import click

from aiplus.cli import _django, main

DEFAULT_MCP_PORT = 8001


@main.group()
def mcp() -> None:
    """The MCP server: search and ask your collections from an MCP client."""


@mcp.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=DEFAULT_MCP_PORT, show_default=True, type=int)
def mcp_serve(host, port) -> None:
    """Serve the MCP endpoint (streamable HTTP) at http://HOST:PORT/mcp until interrupted. Clients send an
    aiplus API token as 'Authorization: Bearer <token>'. `aiplus serve` runs this for you."""
    _django()
    import uvicorn

    from aiplus.integrations.mcp_server import MCP_PATH, mcp_app

    click.echo(f"aiplus MCP server: http://{host}:{port}{MCP_PATH}")
    uvicorn.run(mcp_app(), host=host, port=port, log_level="warning", proxy_headers=False)


@main.command(hidden=True)
@click.option("--fd", type=int, required=True, help="The listening socket inherited from aiplus serve.")
def web(fd) -> None:
    """Serve the web pages and API on a socket that `aiplus serve` bound and handed down, until stopped."""
    import signal
    import socket

    _django()
    from aiplus.core.server import make_server
    from aiplus.wsgi import application

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    make_server(application, listener=socket.socket(fileno=fd)).run()
