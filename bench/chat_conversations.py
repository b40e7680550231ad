"""Chat API overhead excluding model time, at 20 concurrent users, against the stand-in model server.

Prepares a fresh site with the demo corpus (``bench/_site.py``), starts the stand-in OpenAI-compatible server
(``tests/support/fake_openai.py``) in this process and ``aiplus serve --no-worker`` pointed at it, then lets
``--users`` members of the department, each with their own API token, chat at once: each starts a chat and
asks ``--rounds`` pairs of questions (a question, then a follow-up the model rewrites), streamed as
server-sent events and read to the end. For every message, overhead = the client's wall time minus the model
time aiplus recorded for that user's calls during it (``llm.ModelCall.milliseconds``: the rewrite and the
answer). Prints p50 and p95 of overhead and of the whole time, and writes ``bench/results/chat-conversations.json``.
Loopback only; every wait is bounded. Run from the repository root:

    .venv/bin/python bench/chat_conversations.py [--users 20] [--rounds 3] [--latency] [--database-url ...]

``--latency``: the stand-in model takes as long as a local model server would (0.5 s to the first token, then
30 tokens a second), so about 20 messages are in flight at once rather than all users queueing for the
processor. The server's processor time per message and the load average are printed with the figures.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import cpu_seconds, free_port, http_request, percentile, prepare_site, serving  # noqa: E402

QUESTIONS = [
    ("How do I renew a dog licence?", "How much is it?"),
    ("狗隻牌照點樣續期？", "咁要幾錢？"),
    ("What are the opening hours of the office?", "And on Saturdays?"),
]
ISOLATE = ["DATABASE_URL", "CELERY_BROKER_URL", "AIPLUS_CACHE_URL"]


def _request(port: int, method: str, path: str, token: str, payload=None, timeout=120) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps(payload).encode() if payload else b""
    return http_request(port, method, path, body, headers, timeout=timeout)


def _users(count: int) -> list[tuple[int, str]]:
    """``count`` members of the Demo Services Department, each with an API token: (user id, token)."""
    from aiplus.core.models import Department, Role
    from aiplus.core.services import api_token_create, user_create

    department = Department.objects.get(code="dsd")
    people = []
    for number in range(count):
        user = user_create(
            username=f"officer{number}",
            password=f"pw-{number}-bench",
            department=department,
            role=Role.MEMBER,
        )
        people.append((user.pk, api_token_create(user=user, name="bench")[1]))
    return people


def _chat(port: int, user_id: int, token: str, rounds: int, messages: list, failures: list) -> None:
    status, body = _request(port, "POST", "/api/v1/chats", token, {"collections": ["guidance"]})
    if status != 201:
        failures.append(f"create {status}")
        return
    chat = json.loads(body)["id"]
    for round_number in range(rounds):
        for question in QUESTIONS[(user_id + round_number) % len(QUESTIONS)]:
            started_at = datetime.now(UTC)
            started = time.perf_counter()
            status, body = _request(
                port, "POST", f"/api/v1/chats/{chat}/messages", token, {"question": question, "stream": True}
            )
            seconds = time.perf_counter() - started
            ended_at = datetime.now(UTC)
            if status != 200 or b"event: done" not in body:
                failures.append(f"ask {status} {body[-200:]!r}")
                continue
            messages.append((user_id, started_at, ended_at, seconds))


def _model_seconds(user_id: int, started_at, ended_at) -> float:
    from aiplus.llm.models import ModelCall

    calls = ModelCall.objects.filter(actor_id=user_id, at__gte=started_at, at__lte=ended_at)
    return sum(calls.values_list("milliseconds", flat=True)) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent users")
    parser.add_argument("--rounds", type=int, default=3, help="question-and-follow-up pairs per user")
    parser.add_argument("--database-url", default="", help="PostgreSQL for the site (default: SQLite)")
    parser.add_argument(
        "--embeddings",
        choices=["local", "off"],
        default="local",
        help="AIPLUS_EMBEDDINGS for the site (default local: each query is embedded by the bundled model, whose "
        "time is not recorded as model time, so it counts as overhead)",
    )
    parser.add_argument(
        "--latency",
        action="store_true",
        help="the stand-in model answers as slowly as a local model server (tests/support/fake_replies.Latency)",
    )
    args = parser.parse_args()
    for name in ISOLATE:
        os.environ.pop(name, None)
    for name in [name for name in os.environ if name.startswith(("AIPLUS_LLM_", "AIPLUS_EMBEDDINGS_"))]:
        os.environ.pop(name)
    from tests.support.fake_openai import FakeOpenAI
    from tests.support.fake_replies import Latency

    args.model_latency = Latency() if args.latency else None
    with (
        tempfile.TemporaryDirectory(prefix="aiplus-bench-chat-") as folder,
        FakeOpenAI(latency=args.model_latency) as model,
    ):
        settings_environment = {
            "AIPLUS_LLM_BASE_URL": model.base_url,
            "AIPLUS_LLM_MODEL": "fake-chat",
            "AIPLUS_LLM_API_KEY": "bench",
            "AIPLUS_API_RATE_PER_USER": "100000/min",
            "AIPLUS_API_RATE_PER_ADDRESS": "100000/min",
            "AIPLUS_SECRET_KEY": "bench-only-key",
            "AIPLUS_EMBEDDINGS": args.embeddings,
        }
        if args.database_url:
            settings_environment["DATABASE_URL"] = args.database_url
        print("preparing a site with the demo corpus…", file=sys.stderr)
        site = prepare_site(Path(folder), settings_environment=settings_environment)
        people = _users(args.users)
        port = free_port()
        with serving(site.environment, port) as server:
            _wait_until_serving(port, site.token)
            _chat(port, people[0][0], people[0][1], 1, [], [])  # warm up: imports, indexes, connections
            messages: list = []
            failures: list = []
            print(f"{args.users} users chatting at once…", file=sys.stderr)
            threads = [
                threading.Thread(target=_chat, args=(port, user_id, token, args.rounds, messages, failures))
                for user_id, token in people
            ]
            cpu = cpu_seconds(server.pid)
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=1800)
            wall = time.perf_counter() - started
            cpu = cpu_seconds(server.pid) - cpu
        _report(args, messages, failures, wall, cpu)


def _report(args, messages, failures, wall, cpu) -> None:
    totals, overheads, models = [], [], []
    for user_id, started_at, ended_at, seconds in messages:
        model_seconds = _model_seconds(user_id, started_at, ended_at)
        totals.append(seconds * 1000)
        models.append(model_seconds * 1000)
        overheads.append(max(0.0, seconds - model_seconds) * 1000)
    if not totals:
        raise SystemExit(f"no message was answered; failures: {failures[:5]}")
    figures = {
        "users": args.users,
        "messages": len(totals),
        "failures": len(failures),
        "database": "postgresql" if args.database_url else "sqlite",
        "embeddings": args.embeddings,
        "overhead_ms": {"p50": percentile(overheads, 0.5), "p95": percentile(overheads, 0.95)},
        "total_ms": {"p50": percentile(totals, 0.5), "p95": percentile(totals, 0.95)},
        "model_ms_median": statistics.median(models),
        "messages_per_second": len(totals) / wall,
        "server_cpu_ms_per_message": 1000 * cpu / len(totals),
        "load_average_1min": os.getloadavg()[0],
        "model_latency": str(args.model_latency or "none"),
    }
    print(
        f"Chat API, {args.users} concurrent users, {len(totals)} streamed messages "
        f"({figures['database']}, embeddings {args.embeddings})"
    )
    print(f"{'ms per message':<34}{'p50':>8}{'p95':>8}")
    for name, key in (("overhead (excluding model time)", "overhead_ms"), ("whole message", "total_ms")):
        print(f"{name:<34}{figures[key]['p50']:>8.0f}{figures[key]['p95']:>8.0f}")
    print(f"model time per message, median: {figures['model_ms_median']:.0f} ms; failures: {len(failures)}")
    print(
        f"throughput: {figures['messages_per_second']:.1f} messages/s; server cpu "
        f"{figures['server_cpu_ms_per_message']:.0f} ms/message; model latency {figures['model_latency']}; "
        f"load average {figures['load_average_1min']:.1f}"
    )
    for failure in failures[:5]:
        print(f"  failed: {failure}", file=sys.stderr)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"chat-conversations-{args.embeddings}.json").write_text(
        json.dumps(figures, indent=2), "utf-8"
    )


def _wait_until_serving(port: int, token: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/api/v1/chats", token, timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("aiplus serve did not answer within 120 s")


if __name__ == "__main__":
    main()
