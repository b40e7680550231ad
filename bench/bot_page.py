"""The public bot's answer time without a model: p50 and p95 at 20 concurrent visitors, through the real server.

Prepares a fresh site (SQLite in a temporary folder, the demo corpus as documents, the FAQ benchmark's
entries as a FAQ collection), publishes a bot over both, starts ``aiplus serve`` on 127.0.0.1 (no worker, no
model; the bundled local embedder as by default), and has N concurrent visitors ask questions through the
bot's public endpoint (``POST /bots/<slug>/ask``, what the page and the widget call), each visitor its own
conversation (after one visitor alone, timed too, as the baseline). The questions are the FAQ benchmark's tuning questions (answerable ones and ones to decline),
never its test questions. Loopback only; every loop is bounded. Run from the repository root:

    .venv/bin/python bench/bot_page.py [--visitors 20] [--questions 10]
"""

import argparse
import csv
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import prepare_site  # noqa: E402

HOST = "127.0.0.1"
FAQ_DATA = ROOT / "bench" / "data" / "faq"
MAX_SECONDS = 600
# Settings that would point the run at a shared database, broker or model server.
ISOLATE = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "AIPLUS_CACHE_URL",
    "AIPLUS_LLM_BASE_URL",
    "AIPLUS_EMBEDDINGS_BASE_URL",
)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes = b"", headers=None, timeout=120):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _questions() -> list[str]:
    questions = []
    for path in sorted(FAQ_DATA.glob("*_questions_tune.csv")):
        with path.open(encoding="utf-8") as stream:
            questions += [row["question"] for row in csv.DictReader(stream) if row.get("question")]
    return questions


def _publish_bot() -> str:
    """A FAQ collection of the benchmark's entries, and a bot over it and the demo guidance."""
    from aiplus.bots.services import bot_create
    from aiplus.core.access import OPERATOR
    from aiplus.core.models import Department
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import

    department = Department.objects.get(code="dsd")
    faq = collection_create(
        actor=OPERATOR, slug="bench-faq", name="FAQ", department=department, visibility="public", kind="faq"
    )
    for path in sorted(FAQ_DATA.glob("*_entries.csv")):
        faq_import(actor=OPERATOR, collection=faq, path_or_file=path, filename=path.name, wait=True)
    bot_create(
        actor=OPERATOR,
        slug="bench-bot",
        name="Bench bot",
        department=department,
        collections=["bench-faq", "guidance"],
    )
    return "bench-bot"


def _visitor(port: int, slug: str, questions: list[str], results: list, deadline: float) -> None:
    conversation = str(uuid.uuid4())
    for question in questions:
        if time.monotonic() > deadline:
            return
        body = json.dumps({"question": question, "conversation": conversation}).encode()
        started = time.perf_counter()
        status, data = _request(port, "POST", f"/bots/{slug}/ask", body, {"Content-Type": "application/json"})
        elapsed = time.perf_counter() - started
        answered = json.loads(data).get("answered") if status == 200 else None
        results.append((status, elapsed, answered))


def _wait_until_serving(port: int, slug: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", f"/bots/{slug}/", timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("aiplus serve did not answer within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=20, help="concurrent visitors")
    parser.add_argument("--questions", type=int, default=10, help="questions each visitor asks")
    args = parser.parse_args()
    questions = _questions()
    if not questions:
        print(f"no FAQ benchmark questions under {FAQ_DATA}; nothing measured", file=sys.stderr)
        return
    for name in ISOLATE:
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-bot-") as folder:
        print("preparing a site with the demo corpus and the FAQ benchmark's entries…", file=sys.stderr)
        site = prepare_site(
            Path(folder), settings_environment={"AIPLUS_BOT_RATE_PER_CLIENT": "100000/min", "AIPLUS_OCR": "0"}
        )
        slug = _publish_bot()
        port = _free_port()
        environment = {**os.environ, **site.environment, "PYTHONPATH": str(ROOT / "src")}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiplus",
                "serve",
                "--no-worker",
                "--no-demo",
                "--host",
                HOST,
                "--port",
                str(port),
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        try:
            _wait_until_serving(port, slug)
            # One visitor first, alone, so the indexes are built and loaded; then one visitor alone, timed.
            _visitor(port, slug, questions[:3], [], time.monotonic() + MAX_SECONDS)
            alone: list = []
            _visitor(port, slug, questions[-args.questions :], alone, time.monotonic() + MAX_SECONDS)
            results: list = []
            deadline = time.monotonic() + MAX_SECONDS
            visitors = [
                threading.Thread(
                    target=_visitor,
                    args=(
                        port,
                        slug,
                        questions[i * args.questions : (i + 1) * args.questions] or questions[:1],
                        results,
                        deadline,
                    ),
                )
                for i in range(args.visitors)
            ]
            started = time.perf_counter()
            for visitor in visitors:
                visitor.start()
            for visitor in visitors:
                visitor.join(timeout=MAX_SECONDS)
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
    alone_timings = [elapsed for status, elapsed, _ in alone if status == 200]
    if alone_timings:
        print(
            f"one visitor alone, {len(alone_timings)} questions: p50 {_percentile(alone_timings, 0.5) * 1000:.0f} ms, "
            f"p95 {_percentile(alone_timings, 0.95) * 1000:.0f} ms"
        )
    timings = [elapsed for status, elapsed, _ in results if status == 200]
    statuses: dict[int, int] = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    answered = sum(1 for *_, a in results if a)
    print(
        f"public bot answers without a model: {args.visitors} concurrent visitors, {len(results)} questions"
    )
    print(f"{'p50 ms':>8}{'p95 ms':>8}{'mean ms':>9}{'req/s':>8}")
    if timings:
        print(
            f"{_percentile(timings, 0.5) * 1000:>8.0f}{_percentile(timings, 0.95) * 1000:>8.0f}"
            f"{statistics.mean(timings) * 1000:>9.0f}{len(results) / wall:>8.1f}"
        )
    print(f"statuses {json.dumps(statuses)}; answered {answered}, declined {len(timings) - answered}")


if __name__ == "__main__":
    main()
