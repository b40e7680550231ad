"""Overhead of the OpenAI-compatible chat API, model time excluded, at 20 concurrent users.

Prepares a fresh site with the demo corpus and one member (with an API token) per simulated user, starts the
stand-in model server (``tests/support/fake_openai.py``) and ``aiplus serve`` configured to use it
(``AIPLUS_LLM_BASE_URL``), and has every user ask ``POST /v1/chat/completions`` with the official ``openai``
client, all users at once, first plain, then streaming (time to the last chunk). Two load models:

- ``conversation`` (the figure the issue asks for): the model server takes as long as a local one would
  (``fake_replies.Latency``: 0.5 s to the first token, then 30 tokens a second), and each user keeps one
  conversation going, sending the whole conversation so far with each new question as a chat client does,
  and asking the next question as soon as the answer is read. About 20 requests are in flight at any moment.
- ``saturation``: the model answers at once, so 20 users fire back to back and the server's processor is the
  only limit. The overhead then is mostly queueing; the figure to read is requests per second.

The model's own time is measured separately, per request: aiplus records every model call it makes
(``llm.ModelCall.milliseconds``, the time around the call to the model server), and a user's requests run one
after another, so the model calls that appear for that user during a request are that request's. Overhead =
the client's time for the request minus its model time: search, embedding the question, access checks,
grounding, records, HTTP, queueing behind other users. "In the answer service" is the part of it spent inside
the answer service (``AnswerRecord.milliseconds`` minus the model time): the rest is HTTP, access checks and
waiting for a thread or the processor. The server's processor time per request (user +
system time of the ``aiplus serve`` process over the phase, divided by its requests) is printed too, with the
load average of the machine. The simulated users are spread over ``--client-processes`` processes (4), so
that the client's own threads queueing for one processor are not counted as the server's overhead. Users start
one after another over ``--ramp-up`` seconds (2, about one answer's time), as people who share a service do,
rather than all in the same millisecond; ``--ramp-up 0`` measures that burst instead, whose first requests wait
for one another. Prints
median and p95 of each, per run and mode. Target: overhead p95 <= 100 ms
in the conversation load. Run from the repository root:

    .venv/bin/python bench/chat_api.py [--load conversation|saturation|both] [--runs 3] [--users 20]
        [--requests 10] [--database-url postgres://...] [--web-processes N] [--client-processes 4]
        [--ramp-up 2]

Without ``--database-url`` the site runs on SQLite in a temporary folder, as a single-machine install does.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import (  # noqa: E402
    HOST,
    cpu_seconds,
    free_port,
    percentile,
    prepare_site,
    serving,
    wait_until_serving,
)

QUESTIONS = [
    "How do I renew a dog licence?",
    "How much does a dog licence cost?",
    "What documents do I need for a hawker licence?",
    "狗隻牌照續期費用是多少？",
    "申請小販牌照需要甚麼文件？",
    "What are the opening hours of the licensing office?",
    "點樣續領狗牌？",
    "How long does a hawker licence application take?",
]


def _wait_for(url: str, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{what} did not answer within {timeout:.0f} s")


def _users(count: int) -> list[tuple[int, str]]:
    """``count`` members of the demo department, each with a token: (user id, key)."""
    from aiplus.core.models import Role
    from aiplus.core.selectors import department_by_code
    from aiplus.core.services import api_token_create, user_create

    department = department_by_code("dsd")
    users = []
    for n in range(count):
        user = user_create(
            username=f"user{n}", password=f"pw-{n}-bench", department=department, role=Role.MEMBER
        )
        users.append((user.pk, api_token_create(user=user, name="bench")[1]))
    return users


def _model_milliseconds(user_id: int, after_pk: int) -> tuple[int, int]:
    """The model time of a user's calls recorded after ``after_pk``, and the last call's pk."""
    from aiplus.llm.models import ModelCall

    calls = list(
        ModelCall.objects.filter(actor_id=user_id, pk__gt=after_pk).values_list("pk", "milliseconds")
    )
    return sum(ms for _pk, ms in calls), max([pk for pk, _ms in calls], default=after_pk)


def _answer_milliseconds(user_id: int) -> int:
    """How long the server's answer service took for the user's last answer, as it recorded it."""
    from aiplus.assistant.models import AnswerRecord

    record = AnswerRecord.objects.filter(actor_id=user_id).order_by("-pk").values("milliseconds").first()
    return record["milliseconds"] if record else 0


def _user_run(port, user_id, key, requests, stream, conversation, offset, start_at, results, errors):
    from django.db import connections
    from openai import OpenAI

    client = OpenAI(base_url=f"http://{HOST}:{port}/v1", api_key=key, max_retries=0, timeout=120)
    last_pk = _model_milliseconds(user_id, 0)[1]
    messages: list[dict] = []
    time.sleep(max(0.0, start_at - time.time()))
    try:
        for n in range(requests):
            question = QUESTIONS[(offset + n) % len(QUESTIONS)]
            if not conversation:
                messages = []
            messages.append({"role": "user", "content": question})
            started = time.perf_counter()
            try:
                if stream:
                    text = "".join(
                        chunk.choices[0].delta.content or ""
                        for chunk in client.chat.completions.create(
                            model="aiplus", messages=messages, stream=True
                        )
                        if chunk.choices
                    )
                else:
                    text = (
                        client.chat.completions.create(model="aiplus", messages=messages)
                        .choices[0]
                        .message.content
                    )
            except Exception as error:  # counted and shown, never hidden
                errors.append(repr(error))
                messages.pop()
                continue
            total = (time.perf_counter() - started) * 1000
            messages.append({"role": "assistant", "content": text})
            model_ms, last_pk = _model_milliseconds(user_id, last_pk)
            answer_ms = _answer_milliseconds(user_id)
            results.append(
                {
                    "total_ms": total,
                    "model_ms": model_ms,
                    "overhead_ms": total - model_ms,
                    "service_ms": answer_ms - model_ms,
                    "chars": len(text),
                }
            )
    finally:
        connections.close_all()


def _client_process(port, users, requests, stream, conversation, queue) -> None:
    """One client process: a thread per user (``users``: (question offset, user id, key, when it starts, as
    ``time.time()``)), results sent back."""
    results: list[dict] = []
    errors: list[str] = []
    threads = [
        threading.Thread(
            target=_user_run,
            args=(port, uid, key, requests, stream, conversation, n, start_at, results, errors),
        )
        for n, uid, key, start_at in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    queue.put((results, errors))


def _phase(
    port: int,
    server_pid: int,
    users,
    requests: int,
    stream: bool,
    conversation: bool,
    client_processes: int,
    ramp_up: float = 0.0,
) -> dict:
    """Every user asks its questions; the users are spread over ``client_processes`` processes (Python
    threads of one client take turns on one processor, and a client queueing behind its own threads would
    count as server overhead). User n starts ``n * ramp_up / len(users)`` seconds after the first."""
    from django.db import connections

    connections.close_all()  # each client process opens its own
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    begin = time.time() + 1.0  # every client process started and waiting
    numbered = [(n, uid, key, begin + n * ramp_up / len(users)) for n, (uid, key) in enumerate(users)]
    shares = [numbered[k::client_processes] for k in range(client_processes) if numbered[k::client_processes]]
    processes = [
        context.Process(target=_client_process, args=(port, share, requests, stream, conversation, queue))
        for share in shares
    ]
    cpu = cpu_seconds(server_pid)
    for process in processes:
        process.start()
    results: list[dict] = []
    errors: list[str] = []
    for _ in processes:
        share_results, share_errors = queue.get(timeout=1800)
        results += share_results
        errors += share_errors
    for process in processes:
        process.join(timeout=60)
    wall = time.time() - begin
    cpu = cpu_seconds(server_pid) - cpu
    figures = {"mode": "stream" if stream else "plain", "requests": len(results), "errors": len(errors)}
    for name in ("total_ms", "model_ms", "overhead_ms", "service_ms"):
        values = [r[name] for r in results] or [0.0]
        figures[f"{name}_median"] = round(statistics.median(values), 1)
        figures[f"{name}_p95"] = round(percentile(values, 0.95), 1)
    figures["requests_per_second"] = round(len(results) / wall, 1)
    figures["server_cpu_ms_per_request"] = round(1000 * cpu / max(1, len(results)), 1)
    figures["load_average_1min"] = round(os.getloadavg()[0], 1)
    figures["answered_with_model"] = sum(1 for r in results if r["model_ms"] > 0)
    if errors:
        figures["first_error"] = errors[0][:300]
    return figures


def _model_server(port: int, latency: bool) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.support.fake_openai", "--port", str(port)]
    return subprocess.Popen(
        [*command, *(["--latency"] if latency else [])],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _load_rows(load: str, args, site_environment: dict, users) -> list[dict]:
    """Every run of one load model, on a fresh ``aiplus serve`` and model server."""
    model_port, web_port = free_port(), free_port()
    environment = {**site_environment, "AIPLUS_LLM_BASE_URL": f"http://{HOST}:{model_port}/v1"}
    if args.omp_threads:
        environment["OMP_NUM_THREADS"] = str(args.omp_threads)
    model_server = _model_server(model_port, latency=load == "conversation")
    try:
        with serving(environment, web_port) as server:
            _wait_for(f"http://{HOST}:{model_port}/v1/models", "the stand-in model server")
            wait_until_serving(web_port)
            print(f"{load}: warming up…", file=sys.stderr)
            _phase(web_port, server.pid, users[:2], 2, stream=False, conversation=False, client_processes=1)
            rows = []
            for run in range(1, args.runs + 1):
                for stream in (False, True):
                    row = _phase(
                        web_port,
                        server.pid,
                        users,
                        args.requests,
                        stream,
                        conversation=load == "conversation",
                        client_processes=args.client_processes,
                        ramp_up=args.ramp_up,
                    )
                    rows.append({"load": load, "run": run, **row})
                    print(f"{load} run {run} {row['mode']}: done", file=sys.stderr)
            return rows
    finally:
        model_server.terminate()
        model_server.wait(timeout=30)


def _print_rows(rows: list[dict]) -> None:
    print(
        f"{'load':<12} {'run':>3} {'mode':<6} {'n':>4} {'err':>3} {'total med':>9} {'total p95':>9} "
        f"{'model med':>9} {'overhead med':>12} {'overhead p95':>12} {'req/s':>6} {'cpu ms/req':>10} {'load':>5}"
    )
    for row in rows:
        print(
            f"{row['load']:<12} {row['run']:>3} {row['mode']:<6} {row['requests']:>4} {row['errors']:>3} "
            f"{row['total_ms_median']:>9} {row['total_ms_p95']:>9} {row['model_ms_median']:>9} "
            f"{row['overhead_ms_median']:>12} {row['overhead_ms_p95']:>12} {row['requests_per_second']:>6} "
            f"{row['server_cpu_ms_per_request']:>10} {row['load_average_1min']:>5}"
        )
        print(f"    in the answer service: med {row['service_ms_median']} p95 {row['service_ms_p95']}")
        if row.get("first_error"):
            print(f"  first error: {row['first_error']}")
    print("median over runs:")
    for load in dict.fromkeys(row["load"] for row in rows):
        for mode in ("plain", "stream"):
            mine = [row for row in rows if row["load"] == load and row["mode"] == mode]
            if not mine:
                continue
            figures = {
                name: round(statistics.median(row[name] for row in mine), 1)
                for name in (
                    "overhead_ms_median",
                    "overhead_ms_p95",
                    "requests_per_second",
                    "server_cpu_ms_per_request",
                )
            }
            print(
                f"  {load:<12} {mode:<6} overhead med {figures['overhead_ms_median']} ms, "
                f"p95 {figures['overhead_ms_p95']} ms; {figures['requests_per_second']} req/s; "
                f"server cpu {figures['server_cpu_ms_per_request']} ms/req ({len(mine)} runs)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", choices=["conversation", "saturation", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs of each load model and mode")
    parser.add_argument("--users", type=int, default=20, help="concurrent users, one token each")
    parser.add_argument("--requests", type=int, default=10, help="questions per user per mode and run")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (default: SQLite in a temp folder)"
    )
    parser.add_argument(
        "--embeddings", choices=["local", "off"], default="local", help="the site's AIPLUS_EMBEDDINGS"
    )
    parser.add_argument(
        "--omp-threads", type=int, default=0, help="OMP_NUM_THREADS of the server (local embedder)"
    )
    parser.add_argument(
        "--client-processes", type=int, default=4, help="processes the simulated users are spread over"
    )
    parser.add_argument(
        "--ramp-up", type=float, default=2.0, help="seconds over which the users start (0: all at once)"
    )
    parser.add_argument(
        "--web-processes",
        type=int,
        default=1,
        help="the server's AIPLUS_WEB_PROCESSES (processes on one port)",
    )
    args = parser.parse_args()
    for name in list(os.environ):
        if name.startswith(("AIPLUS_LLM_", "AIPLUS_EMBEDDINGS_")) or name in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
        }:
            del os.environ[name]
    settings_environment = {
        "AIPLUS_LLM_MODEL": "fake-chat",
        "AIPLUS_LLM_API_KEY": "bench",
        "AIPLUS_API_RATE_PER_USER": "100000/min",
        "AIPLUS_API_RATE_PER_ADDRESS": "100000/min",
        "AIPLUS_SECRET_KEY": "aiplus-bench-only-key",
        "AIPLUS_EMBEDDINGS": args.embeddings,
        "AIPLUS_WEB_PROCESSES": str(args.web_processes),
    }
    if args.database_url:
        settings_environment["DATABASE_URL"] = args.database_url
    loads = ["conversation", "saturation"] if args.load == "both" else [args.load]
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-chat-api-") as folder:
        print("preparing a site with the demo corpus…", file=sys.stderr)
        site = prepare_site(Path(folder), settings_environment=settings_environment)
        users = _users(args.users)
        rows = [row for load in loads for row in _load_rows(load, args, site.environment, users)]
    from django.conf import settings

    database = "postgresql" if args.database_url else "sqlite"
    threads = settings.AIPLUS_SERVER_THREADS
    print(
        f"chat API, {args.users} concurrent users, {args.requests} questions each per mode and run ({database}, "
        f"embeddings {args.embeddings}, "
        f"OMP_NUM_THREADS {args.omp_threads or os.environ.get('OMP_NUM_THREADS', '1 (the server default)')}, "
        f"{args.web_processes} web process(es) of {threads} threads, {args.client_processes} client processes, "
        f"users starting over {args.ramp_up:g} s, "
        f"{os.cpu_count()} processors); times in ms"
    )
    _print_rows(rows)
    report = {
        "embeddings": args.embeddings,
        "omp_threads": args.omp_threads or "default",
        "users": args.users,
        "requests_per_user": args.requests,
        "database": database,
        "server_threads": threads,
        "web_processes": args.web_processes,
        "client_processes": args.client_processes,
        "ramp_up_seconds": args.ramp_up,
        "rows": rows,
    }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    name = f"chat_api-{args.load}-{args.embeddings}-omp{args.omp_threads or 'default'}.json"
    (results / name).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
