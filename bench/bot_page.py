"""The public bot's answer time without a model: p50 and p95 at 20 concurrent visitors, through the real server.

Prepares a fresh site (SQLite in a temporary folder, the demo corpus as documents, the FAQ benchmark's
entries as a FAQ collection), publishes a bot over both, starts ``aiplus serve`` on 127.0.0.1 (no worker, no
model; the bundled local embedder as by default), and has N concurrent visitors ask questions through the
bot's public endpoint (``POST /bots/<slug>/ask``, what the page and the widget call), each visitor its own
conversation (after one visitor alone, timed too, as the baseline). Two load models:

- ``visitors`` (the figure the issue asks for): 20 people on the page at once, each reading the answer and
  typing the next question before asking it (a pause drawn between 2.5 and 7.5 seconds, 5 on average).
- ``saturation``: every visitor asks the next question the moment the answer arrives, so the server's
  processor is the only limit; the figure to read is requests per second.

The questions are the FAQ benchmark's tuning questions (answerable ones and ones to decline), never its test
questions, each run going on through them where the last stopped; once all are asked they come round again, and
the server's query-vector cache then spares their embedding, as a real hotline's repeated questions are spared. Each load runs ``--runs`` times; every run prints its p50, p95, requests per second, the server's
processor time per answer and the machine's load average, then the median over runs. Loopback only; every
loop is bounded. Run from the repository root:

    .venv/bin/python bench/bot_page.py [--load visitors|saturation|both] [--runs 3] [--visitors 20]
        [--questions 10]
"""

import argparse
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import (  # noqa: E402
    cpu_seconds,
    free_port,
    http_request,
    percentile,
    prepare_site,
    serving,
    wait_until_serving,
)

FAQ_DATA = ROOT / "bench" / "data" / "faq"
MAX_SECONDS = 600
THINK_SECONDS = (2.5, 7.5)  # a visitor reads the answer and types the next question
# Settings that would point the run at a shared database, broker or model server.
ISOLATE = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "AIPLUS_CACHE_URL",
    "AIPLUS_LLM_BASE_URL",
    "AIPLUS_EMBEDDINGS_BASE_URL",
)


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


def _visitor(port: int, slug: str, questions: list[str], results: list, deadline: float, think: bool) -> None:
    conversation = str(uuid.uuid4())
    pause = random.Random(conversation)
    for number, question in enumerate(questions):
        if think and number:
            time.sleep(pause.uniform(*THINK_SECONDS))
        if time.monotonic() > deadline:
            return
        body = json.dumps({"question": question, "conversation": conversation}).encode()
        started = time.perf_counter()
        status, data = http_request(
            port, "POST", f"/bots/{slug}/ask", body, {"Content-Type": "application/json"}
        )
        elapsed = time.perf_counter() - started
        answered = json.loads(data).get("answered") if status == 200 else None
        results.append((status, elapsed, answered))


def _run(port: int, server_pid: int, slug: str, questions: list[str], offset: int, args, think: bool) -> dict:
    results: list = []
    deadline = time.monotonic() + MAX_SECONDS
    visitors = [
        threading.Thread(
            target=_visitor,
            args=(
                port,
                slug,
                [
                    questions[(offset + i * args.questions + n) % len(questions)]
                    for n in range(args.questions)
                ],
                results,
                deadline,
                think,
            ),
        )
        for i in range(args.visitors)
    ]
    cpu = cpu_seconds(server_pid)
    started = time.perf_counter()
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=MAX_SECONDS)
    wall = time.perf_counter() - started
    cpu = cpu_seconds(server_pid) - cpu
    timings = [elapsed * 1000 for status, elapsed, _ in results if status == 200] or [float("nan")]
    statuses: dict[int, int] = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "questions": len(results),
        "p50_ms": round(percentile(timings, 0.5)),
        "p95_ms": round(percentile(timings, 0.95)),
        "requests_per_second": round(len(results) / wall, 1),
        "server_cpu_ms_per_answer": round(1000 * cpu / max(1, len(results))),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "answered": sum(1 for *_, answered in results if answered),
        "statuses": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", choices=["visitors", "saturation", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs of each load")
    parser.add_argument("--visitors", type=int, default=20, help="concurrent visitors")
    parser.add_argument("--questions", type=int, default=10, help="questions each visitor asks per run")
    args = parser.parse_args()
    questions = _questions()
    if not questions:
        print(f"no FAQ benchmark questions under {FAQ_DATA}; nothing measured", file=sys.stderr)
        return
    for name in ISOLATE:
        os.environ.pop(name, None)
    loads = ["visitors", "saturation"] if args.load == "both" else [args.load]
    rows = []
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-bot-") as folder:
        print("preparing a site with the demo corpus and the FAQ benchmark's entries…", file=sys.stderr)
        site = prepare_site(
            Path(folder), settings_environment={"AIPLUS_BOT_RATE_PER_CLIENT": "100000/min", "AIPLUS_OCR": "0"}
        )
        slug = _publish_bot()
        port = free_port()
        with serving(site.environment, port) as server:
            wait_until_serving(port, f"/bots/{slug}/")
            # One visitor first, alone, so the indexes are built and loaded; then one visitor alone, timed.
            _visitor(port, slug, questions[:3], [], time.monotonic() + MAX_SECONDS, think=False)
            alone: list = []
            asked = 0  # questions asked so far: each run goes on where the last stopped
            _visitor(
                port, slug, questions[-args.questions :], alone, time.monotonic() + MAX_SECONDS, think=False
            )
            for load in loads:
                for run in range(1, args.runs + 1):
                    think = load == "visitors"
                    rows.append(
                        {
                            "load": load,
                            "run": run,
                            **_run(port, server.pid, slug, questions, asked, args, think),
                        }
                    )
                    asked += args.visitors * args.questions
                    print(f"{load} run {run}: done", file=sys.stderr)
    alone_timings = [elapsed * 1000 for status, elapsed, _ in alone if status == 200]
    if alone_timings:
        print(
            f"one visitor alone, {len(alone_timings)} questions: p50 {percentile(alone_timings, 0.5):.0f} ms, "
            f"p95 {percentile(alone_timings, 0.95):.0f} ms"
        )
    print(
        f"public bot answers without a model, {args.visitors} concurrent visitors ({os.cpu_count()} processors)"
    )
    print(
        f"{'load':<11}{'run':>4}{'n':>5}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'cpu ms/answer':>14}{'load':>6}  statuses"
    )
    for row in rows:
        print(
            f"{row['load']:<11}{row['run']:>4}{row['questions']:>5}{row['p50_ms']:>8}{row['p95_ms']:>8}"
            f"{row['requests_per_second']:>7}{row['server_cpu_ms_per_answer']:>14}{row['load_average_1min']:>6}  "
            f"{json.dumps(row['statuses'])}; answered {row['answered']}"
        )
    print("median over runs:")
    for load in loads:
        mine = [row for row in rows if row["load"] == load]
        figures = {
            name: statistics.median(row[name] for row in mine)
            for name in ("p50_ms", "p95_ms", "requests_per_second", "server_cpu_ms_per_answer")
        }
        print(
            f"  {load:<11} p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms; "
            f"{figures['requests_per_second']} req/s; server cpu {figures['server_cpu_ms_per_answer']:.0f} ms/answer "
            f"({len(mine)} runs)"
        )


if __name__ == "__main__":
    main()
