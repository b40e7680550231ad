"""Keep ``aiplus serve``'s worker processes running while it serves, and stop them with it.

A small supervisor rather than supervisord or honcho: serve must run with nothing else installed, and it
needs only three things those tools do: restart a worker that died (waiting longer after each quick death,
so a worker that cannot start does not spin), pass SIGTERM on, and kill what has not stopped in time.
"""

import logging
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

logger = logging.getLogger("aiplus.supervisor")

FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 60.0
HEALTHY_SECONDS = 60.0  # a worker that ran this long before dying is restarted at once
STOP_SECONDS = 30.0  # a worker asked to stop is killed after this long


@dataclass(frozen=True)
class Command:
    """A child to keep running, and the open file descriptors it inherits (a web process's listening socket)."""

    argv: Sequence[str]
    pass_fds: tuple[int, ...] = ()


class _Child:
    def __init__(self, command: "Sequence[str] | Command", env: dict[str, str] | None):
        command = command if isinstance(command, Command) else Command(command)
        self.command, self.pass_fds, self.env = list(command.argv), command.pass_fds, env
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.backoff = FIRST_BACKOFF_SECONDS
        self.restart_at = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=self.env, pass_fds=self.pass_fds)
        self.started = time.monotonic()


class WorkerSupervisor:
    """Start the given commands, restart any that exits, and stop them all on ``stop()``."""

    def __init__(self, commands: Sequence["Sequence[str] | Command"], *, env: dict[str, str] | None = None):
        self._children = [_Child(command, env) for command in commands]
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="worker-supervisor")

    @property
    def pids(self) -> list[int]:
        return [child.process.pid for child in self._children if child.process is not None]

    def start(self) -> None:
        for child in self._children:
            child.start()
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopping.wait(0.5):
            with self._lock:
                if self._stopping.is_set():
                    return
                for child in self._children:
                    self._restart_if_dead(child)

    def _restart_if_dead(self, child: _Child) -> None:
        now = time.monotonic()
        if child.process is not None and child.process.poll() is not None:
            code = child.process.returncode
            if now - child.started >= HEALTHY_SECONDS:
                child.backoff = FIRST_BACKOFF_SECONDS
            child.restart_at = now + child.backoff
            logger.warning("worker exited code=%s restarting_in=%.0fs", code, child.backoff)
            child.backoff = min(child.backoff * 2, MAX_BACKOFF_SECONDS)
            child.process = None
        if child.process is None and now >= child.restart_at:
            child.start()

    def stop(self) -> None:
        """Ask every worker to stop (SIGTERM: it gives back what it holds), and kill any still running."""
        with self._lock:
            self._stopping.set()
        running = [child.process for child in self._children if child.process is not None]
        for process in running:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
