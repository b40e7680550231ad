"""Overhead of the OpenAI-compatible chat API, model time excluded, at 20 concurrent users.

Prepares a fresh site with the demo corpus and one member (with an API token) per simulated user, starts the
stand-in model server (``tests/support/fake_openai.py``) and ``aiplus serve`` configured to use it
(``AIPLUS_LLM_BASE_URL``), and has every user ask ``POST /v1/chat/completions`` with the official ``openai``
client, one question after another, all users at once: first plain, then streaming (time to the last chunk).

The model's own time is measured separately, per request: aiplus records every model call it makes
(``llm.ModelCall.milliseconds``, the time around the call to the model server), and a user's requests run one
after another, so the model calls that appear for that user during a request are that request's. Overhead =
the client's time for the request minus its model time: search, embedding the question, access checks,
grounding, records, HTTP, queueing behind other users. Prints median and p95 of each, per mode. Target:
overhead p95 <= 100 ms. Run from the repository root:

    .venv/bin/python bench/chat_api.py [--users 20] [--requests 10] [--database-url postgres://...]

Without ``--database-url`` the site runs on SQLite in a temporary folder, as a single-machine install does.
"""

import argparse
import json
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

from bench._site import prepare_site  # noqa: E402

HOST = "127.0.0.1"
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


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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


def _user_run(port, user_id, key, requests, stream, offset, results, errors):
    from django.db import connections
    from openai import OpenAI

    client = OpenAI(base_url=f"http://{HOST}:{port}/v1", api_key=key, max_retries=0, timeout=120)
    last_pk = _model_milliseconds(user_id, 0)[1]
    try:
        for n in range(requests):
            question = QUESTIONS[(offset + n) % len(QUESTIONS)]
            messages = [{"role": "user", "content": question}]
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
                continue
            total = (time.perf_counter() - started) * 1000
            model_ms, last_pk = _model_milliseconds(user_id, last_pk)
            results.append(
                {"total_ms": total, "model_ms": model_ms, "overhead_ms": total - model_ms, "chars": len(text)}
            )
    finally:
        connections.close_all()


def _phase(port: int, users, requests: int, stream: bool) -> dict:
    results: list[dict] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=_user_run, args=(port, uid, key, requests, stream, n, results, errors))
        for n, (uid, key) in enumerate(users)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    wall = time.perf_counter() - started
    figures = {"mode": "stream" if stream else "plain", "requests": len(results), "errors": len(errors)}
    for name in ("total_ms", "model_ms", "overhead_ms"):
        values = [r[name] for r in results] or [0.0]
        figures[f"{name}_median"] = round(statistics.median(values), 1)
        figures[f"{name}_p95"] = round(_percentile(values, 0.95), 1)
    figures["requests_per_second"] = round(len(results) / wall, 1)
    figures["answered_with_model"] = sum(1 for r in results if r["model_ms"] > 0)
    if errors:
        figures["first_error"] = errors[0][:300]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent users, one token each")
    parser.add_argument("--requests", type=int, default=10, help="questions per user per mode")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (default: SQLite in a temp folder)"
    )
    parser.add_argument(
        "--embeddings", choices=["local", "off"], default="local", help="the site's AIPLUS_EMBEDDINGS"
    )
    parser.add_argument(
        "--omp-threads", type=int, default=0, help="OMP_NUM_THREADS of the server (local embedder)"
    )
    args = parser.parse_args()
    for name in list(os.environ):
        if name.startswith(("AIPLUS_LLM_", "AIPLUS_EMBEDDINGS_")) or name in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
        }:
            del os.environ[name]
    model_port, web_port = _free_port(), _free_port()
    settings_environment = {
        "AIPLUS_LLM_BASE_URL": f"http://{HOST}:{model_port}/v1",
        "AIPLUS_LLM_MODEL": "fake-chat",
        "AIPLUS_LLM_API_KEY": "bench",
        "AIPLUS_API_RATE_PER_USER": "100000/min",
        "AIPLUS_API_RATE_PER_ADDRESS": "100000/min",
        "AIPLUS_SECRET_KEY": "aiplus-bench-only-key",
        "AIPLUS_EMBEDDINGS": args.embeddings,
    }
    if args.database_url:
        settings_environment["DATABASE_URL"] = args.database_url
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-chat-api-") as folder:
        model_server = subprocess.Popen(
            [sys.executable, "-m", "tests.support.fake_openai", "--port", str(model_port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = None
        try:
            print("preparing a site with the demo corpus…", file=sys.stderr)
            site = prepare_site(Path(folder), settings_environment=settings_environment)
            users = _users(args.users)
            environment = {**os.environ, **site.environment, "PYTHONPATH": str(ROOT / "src")}
            if args.omp_threads:
                environment["OMP_NUM_THREADS"] = str(args.omp_threads)
            command = [sys.executable, "-m", "aiplus", "serve", "--no-worker", "--no-demo", "--mcp-port", "0"]
            server = subprocess.Popen(
                [*command, "--host", HOST, "--port", str(web_port)],
                env=environment,
                stdout=subprocess.DEVNULL,
            )
            _wait_for(f"http://{HOST}:{model_port}/v1/models", "the stand-in model server")
            _wait_for(f"http://{HOST}:{web_port}/login/", "aiplus serve")
            print("warming up…", file=sys.stderr)
            _phase(web_port, users[:2], 2, stream=False)
            rows = [_phase(web_port, users, args.requests, stream=stream) for stream in (False, True)]
        finally:
            for process in (server, model_server):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)
    report = {
        "embeddings": args.embeddings,
        "omp_threads": args.omp_threads or "default",
        "load_average_1min": round(os.getloadavg()[0], 1),
        "users": args.users,
        "requests_per_user": args.requests,
        "database": "postgresql" if args.database_url else "sqlite",
        "modes": rows,
    }
    print(
        f"chat API, {args.users} concurrent users, {args.requests} questions each per mode ({report['database']}, "
        f"embeddings {args.embeddings}, OMP_NUM_THREADS {report['omp_threads']}, "
        f"load average {report['load_average_1min']})"
    )
    print(
        f"{'mode':<7} {'n':>4} {'err':>4} {'total med':>10} {'total p95':>10} {'model med':>10} {'model p95':>10} {'overhead med':>13} {'overhead p95':>13} {'req/s':>6}"
    )
    for row in rows:
        print(
            f"{row['mode']:<7} {row['requests']:>4} {row['errors']:>4} {row['total_ms_median']:>10} {row['total_ms_p95']:>10} "
            f"{row['model_ms_median']:>10} {row['model_ms_p95']:>10} {row['overhead_ms_median']:>13} "
            f"{row['overhead_ms_p95']:>13} {row['requests_per_second']:>6}"
        )
        if row.get("first_error"):
            print(f"  first error: {row['first_error']}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    name = f"chat_api-{args.embeddings}-omp{args.omp_threads or 'default'}.json"
    (results / name).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
