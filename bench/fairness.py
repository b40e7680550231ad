"""Fairness: how long another department's small file waits while one department's 5,000-page scan is read.

Runs the default one-machine setup (``aiplus serve``: web server, embedded file broker, SQLite, its two
workers) in a fresh ``AIPLUS_HOME``. One department ingests a 5,000-page scanned PDF (image pages with a few
lines of text, no text layer, so every page goes to OCR); once the scan is being read, another department
ingests a small text file, and the time until it is ready (searchable) is taken, several times over. The
peer is a single ``aiplus worker`` (the setup before this change), given the same scan and file, waited on
for at most ``--peer-cap`` seconds. Run from the repository root:

    .venv/bin/python bench/fairness.py [--pages 5000] [--runs 3] [--peer-cap 90] [--no-peer]
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIPLUS = [sys.executable, "-m", "aiplus"]
TARGET_SECONDS = 30


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _environment(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPLUS_", "DATABASE_URL", "CELERY_"))}
    env.update(AIPLUS_HOME=home, AIPLUS_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT / "src"))
    return env


def _ingest(env: dict[str, str], path: Path, department: str) -> int:
    result = subprocess.run(
        [
            *AIPLUS,
            "ingest",
            str(path),
            "--collection",
            department,
            "--create",
            "--department",
            department,
            "--json",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)["files"][0]["document"]


def _document(document_id: int):
    from aiplus.documents.models import Document

    return Document.objects.filter(pk=document_id).first()


def _wait(predicate, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def _small_file_waits(env, folder: Path, scan_id: int, runs: int, cap: float) -> list[float | None]:
    """Seconds until each of ``runs`` small files of another department is ready (None: not within cap).
    Each file is new (a name and text never ingested before), so none is merely found unchanged."""
    waits = []
    for run in range(runs):
        note = folder / f"pier-notice-{scan_id}-{run}.txt"
        note.write_text(
            f"Pier notice {scan_id}.{run}: the ferry pier reopens on Monday at 7 a.m. 碼頭於星期一重開。"
        )
        started = time.monotonic()
        document_id = _ingest(env, note, "hpd")
        ready = _wait(lambda document_id=document_id: _document(document_id).status == "ready", cap)
        waits.append(None if ready is None else time.monotonic() - started)
        scan = _document(scan_id)
        _note(
            f"  small file {run + 1}: {'not ready' if ready is None else f'{waits[-1]:.1f} s'}; "
            f"scan {scan.status}, page {scan.progress_done} of {scan.progress_total}"
        )
    return waits


def _measure(env, folder: Path, scan: Path, command: list[str], runs: int, cap: float):
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        scan_id = _ingest(env, scan, "lands")
        _note("  waiting for the scan to be read …")
        if _wait(lambda: (_document(scan_id).progress_done or 0) >= 1, 600) is None:
            sys.exit("the scan was not being read after 10 minutes")
        waits = _small_file_waits(env, folder, scan_id, runs, cap)
        still_reading = _document(scan_id).status == "processing"
        from aiplus.core.access import OPERATOR
        from aiplus.documents.services import document_delete

        document_delete(actor=OPERATOR, document_id=scan_id)  # and so stop reading it
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
    return waits, still_reading


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _setup(home: str) -> dict[str, str]:
    """A fresh data directory, migrated; this process reads its database to time the files."""
    env = _environment(home)
    subprocess.run([*AIPLUS, "setup", "--no-demo"], env=env, check=True, capture_output=True)
    for code, name in (("lands", "Lands Registry"), ("hpd", "Harbour Planning Department")):
        subprocess.run(
            [*AIPLUS, "department", "add", code, "--name", name], env=env, check=True, capture_output=True
        )
    os.environ.update(AIPLUS_HOME=home, DJANGO_SETTINGS_MODULE="aiplus.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    return env


def main() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from tests.support.scans import scanned_pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages of the big scan")
    parser.add_argument("--runs", type=int, default=3, help="small files timed, one after another")
    parser.add_argument(
        "--peer-cap", type=float, default=90, help="seconds to wait for a file with one worker"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the single-worker peer")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="aiplus-fairness-") as folder:
        folder = Path(folder)
        scan = scanned_pdf(folder / "lands-register-scan.pdf", pages=args.pages, distinct=20)
        _note(f"scan: {args.pages} pages, {scan.stat().st_size / 1e6:.1f} MB")

        _note("aiplus serve (two workers: one with a quick lane):")
        env = _setup(str(folder / "home"))
        serve = [*AIPLUS, "serve", "--no-demo", "--port", str(_free_port())]
        waits, reading = _measure(env, folder, scan, serve, args.runs, cap=600)
        peer = None
        if not args.no_peer:
            _note("peer: one aiplus worker:")
            peer, _ = _measure(env, folder, scan, [*AIPLUS, "worker"], 1, cap=args.peer_cap)

    measured = [w for w in waits if w is not None]
    median = statistics.median(measured) if len(measured) == len(waits) else None
    print(f"Fairness: another department's small file while a {args.pages}-page scan is read (aiplus serve)")
    print(
        f"  ready after: median {median:.1f} s of {args.runs} files (target <= {TARGET_SECONDS} s); "
        f"scan still being read: {'yes' if reading else 'no'}"
        if median is not None
        else f"  NOT all ready: {waits}"
    )
    if peer is not None:
        waited = f"not ready after {args.peer_cap:.0f} s" if peer[0] is None else f"{peer[0]:.1f} s"
        print(f"  peer, one worker: {waited}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "fairness.json").write_text(
        json.dumps({"pages": args.pages, "small_file_seconds": waits, "median": median, "peer": peer})
    )


if __name__ == "__main__":
    main()
