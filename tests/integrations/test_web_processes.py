"""``aiplus serve`` with several web processes (``AIPLUS_WEB_PROCESSES``): they share one port and one count
of each user's requests, a web process that dies is replaced while the others go on answering, and stopping
serve stops them all."""

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.integrations.conftest import _free_port
from tests.support.worker import process_env, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _status(url: str, token: str = "") -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _web_processes(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if fields[1] == str(parent) and b"web" in command:
            found.append(int(stat.parent.name))
    return found


def test_two_web_processes_share_the_port_and_the_rate_limit_and_survive_a_death(
    settings, token_for, guidance, amy
):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **process_env(settings),
        "AIPLUS_WEB_PROCESSES": "2",
        "AIPLUS_API_RATE_PER_USER": "6/min",
    }
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiplus",
            "serve",
            "--no-worker",
            "--no-demo",
            "--mcp-port",
            "0",
            "--port",
            str(port),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _status(f"{base}/login/") == 200, timeout=90, what="aiplus serve to answer")
        wait_until(lambda: len(_web_processes(serve.pid)) == 2, timeout=30, what="two web processes")

        # Each request is a new connection, so both processes take some; the user's limit counts them all.
        token = token_for(amy)
        statuses = [_status(f"{base}/api/v1/collections", token) for _ in range(10)]
        assert statuses == [200] * 6 + [429] * 4

        victim = _web_processes(serve.pid)[0]
        os.kill(victim, signal.SIGKILL)
        assert all(_status(f"{base}/login/") == 200 for _ in range(6)), "the other process goes on answering"
        wait_until(
            lambda: len(set(_web_processes(serve.pid)) - {victim}) == 2, timeout=30, what="a new web process"
        )
    finally:
        serve.terminate()
        serve.wait(timeout=60)
    assert serve.returncode == 0
    wait_until(lambda: not _web_processes(serve.pid), timeout=10, what="the web processes to stop")
    assert _status(f"{base}/login/") == 0, "nothing answers once serve has stopped"
