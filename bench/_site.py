"""A fresh aiplus site for the web benchmarks: its own data directory, a member of the Demo Services
Department with a known password and an API token, and the demo corpus ingested and searchable; and what
those benchmarks share to serve it and time it."""

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Site:
    home: Path
    username: str
    password: str
    token: str
    environment: dict


def prepare_site(home: Path, *, settings_environment: dict | None = None) -> Site:
    """Set up Django on ``home`` in this process (settings from ``settings_environment``), migrate, and
    fill it. Returns what a client needs, and the environment an ``aiplus serve`` of the same site needs."""
    environment = {"AIPLUS_HOME": str(home), "AIPLUS_LOG_LEVEL": "WARNING", **(settings_environment or {})}
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from aiplus.core.access import OPERATOR
    from aiplus.core.models import Role
    from aiplus.core.services import api_token_create, department_get_or_create, user_create
    from aiplus.demo import corpus_path
    from aiplus.documents import services as documents

    call_command("migrate", interactive=False, verbosity=0)
    department = department_get_or_create(
        code="dsd", name_en="Demo Services Department", name_zh="示範服務署"
    )
    password = secrets.token_urlsafe(12)
    user = user_create(username="amy", password=password, department=department, role=Role.KNOWLEDGE_OWNER)
    guidance = documents.collection_create(
        actor=OPERATOR, slug="guidance", name="Guidance", department=department, visibility="public"
    )
    documents.ingest_paths(actor=OPERATOR, collection=guidance, paths=[corpus_path()])
    documents.documents_process_queued()
    _, token = api_token_create(user=user, name="bench")
    return Site(home, "amy", password, token, environment)


# --- what the web benchmarks share: a free port, a request, a percentile, and ``aiplus serve`` itself -----

HOST = "127.0.0.1"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def http_request(port: int, method: str, path: str, body: bytes = b"", headers=None, timeout=120):
    """``(status, body)`` of one request to 127.0.0.1:``port``, on its own connection."""
    import http.client

    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_serving(port: int, path: str = "/login/", timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if http_request(port, "GET", path, timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"aiplus serve did not answer within {timeout:.0f} s")


@contextmanager
def serving(environment: dict, port: int) -> Iterator[subprocess.Popen]:
    """``aiplus serve`` (no worker, no demo, no MCP server) on 127.0.0.1:``port`` with ``environment`` over
    this process's own, stopped (killed if need be) on leaving."""
    command = [sys.executable, "-m", "aiplus", "serve", "--no-worker", "--no-demo", "--mcp-port", "0"]
    server = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        env={**os.environ, **environment, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
    )
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User + system processor time so far of a process (all its threads) and of its children that still run
    (the web processes of ``aiplus serve`` when ``AIPLUS_WEB_PROCESSES`` is above 1), from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")
