"""The doors: ``aiplus serve`` (web pages and API, with its workers), ``aiplus web`` (one of the web processes
serve runs when ``AIPLUS_WEB_PROCESSES`` is above 1) and ``aiplus mcp serve`` (the MCP server, for MCP
clients; see docs/integrations.md)."""

import io
import os
import sys

import click

from aiplus.cli import _django, _print_sign_in, main

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
    _one_thread_per_request()
    _django()
    import uvicorn

    from aiplus.integrations.mcp_server import MCP_PATH, mcp_app

    click.echo(f"aiplus MCP server: http://{host}:{port}{MCP_PATH}")
    uvicorn.run(mcp_app(), host=host, port=port, log_level="warning", proxy_headers=False)


def _one_thread_per_request() -> None:
    """Each request embeds its question with one OpenMP thread, unless the operator chose otherwise.

    A web process answers many requests at once, so a question's embedding spread over every core (libgomp's
    default), its threads spinning while they wait, only took processor time from the other requests: at a
    load average of 13 one query took 470 ms with the default and 63 ms with one thread. Set before the
    embedding engine is loaded, which reads these once. Workers keep the default: they embed passages in
    batches, where more threads help."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@main.command(hidden=True)
@click.option("--fd", type=int, required=True, help="The listening socket inherited from aiplus serve.")
def web(fd) -> None:
    """Serve the web pages and API on a socket that `aiplus serve` bound and handed down, until stopped."""
    import signal
    import socket

    _one_thread_per_request()
    _django()
    from aiplus.core.server import make_server
    from aiplus.wsgi import application

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    make_server(application, listener=socket.socket(fileno=fd)).run()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--worker/--no-worker", default=True, show_default=True, help="Also run a background worker.")
@click.option("--demo/--no-demo", default=True, show_default=True, help="Load the demo data on first run.")
@click.option("--mcp-port", default=8001, show_default=True, type=int, help="The MCP server's port; 0: none.")
def serve(host, port, worker, demo, mcp_port) -> None:
    """Serve the web pages and API, with background workers, until interrupted (Ctrl-C or SIGTERM).

    Two workers run: one serves every queue, the other only quick work, so one department's long job never
    holds up another's small file. A worker that dies is restarted; both stop when serve stops."""
    _django()
    import signal

    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from aiplus.core.server import listening_socket, make_server
    from aiplus.core.supervisor import Command, WorkerSupervisor
    from aiplus.workflows.periodic import PeriodicThread
    from aiplus.wsgi import application

    try:  # aiplus.core.checks: refuse to serve a misconfigured install, e.g. shared and without a key
        call_command("check", fail_level="ERROR", stdout=io.StringIO())
    except SystemCheckError as problems:
        raise click.ClickException(str(problems)) from problems

    worker_environment = os.environ.copy()  # before this process's own thread setting
    _one_thread_per_request()
    credentials = None
    if demo:
        from aiplus.demo import load_demo

        credentials = load_demo()
    supervisor = None
    children = []
    if worker:
        command = [sys.executable, "-m", "aiplus", "worker"]
        children += [command, [*command, "--quick-only"]]
    if mcp_port:  # the MCP server is an ASGI app, so it runs beside waitress (aiplus.integrations.mcp_server)
        children.append(
            [sys.executable, "-m", "aiplus", "mcp", "serve", "--host", host, "--port", str(mcp_port)]
        )
    listener = None
    if settings.AIPLUS_WEB_PROCESSES > 1:  # the port is bound here, once; each web process serves it
        listener = listening_socket(host, port)
        web = [sys.executable, "-m", "aiplus", "web", "--fd", str(listener.fileno())]
        children += [Command(web, (listener.fileno(),)) for _ in range(settings.AIPLUS_WEB_PROCESSES)]
    if children:
        supervisor = WorkerSupervisor(children, env=worker_environment)
        supervisor.start()
    periodic = PeriodicThread() if worker else None  # AIPLUS_PERIODIC_TASKS, sent to the workers when due
    if periodic is not None:
        periodic.start()
    # waitress stops on SystemExit, as on Ctrl-C; the workers are then stopped below.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    click.echo(f"aiplus is running: open http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)")
    if mcp_port:
        click.echo(f"MCP server: http://{host}:{mcp_port}/mcp")
    _print_sign_in(credentials)
    try:
        if listener is None:
            make_server(application, host=host, port=port).run()
        else:
            while True:
                signal.pause()
    finally:
        if periodic is not None:
            periodic.stop()
        if supervisor is not None:
            supervisor.stop()


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(0)
