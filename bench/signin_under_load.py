"""Sign-in page latency while heavy questions run: can one user's 8 concurrent 50,000-character questions
make the site slow for everyone?

Prepares a fresh site with the demo corpus, starts ``aiplus serve`` on 127.0.0.1 (no worker), and times
``GET /login/`` first on an idle server, then while 8 threads keep asking heavy questions through the API as
one user. The question is 50,000 characters of the demo corpus, or the longest the site accepts when it
limits question length. Prints p50 and p95 for both. Loopback only; every loop is bounded. Run from the
repository root:

    .venv/bin/python bench/signin_under_load.py [--samples 60] [--heavy 8] [--chars 50000]
"""

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._site import free_port, http_request, percentile, prepare_site, serving, wait_until_serving  # noqa: E402

MAX_LOAD_SECONDS = 300


def _sign_in_latencies(port: int, samples: int) -> list[float]:
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        status, _ = http_request(port, "GET", "/login/")
        timings.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"GET /login/ answered {status}")
        time.sleep(0.2)
    return timings


def _ask(port: int, token: str, question: str) -> tuple[int, float]:
    started = time.perf_counter()
    status, _ = http_request(
        port,
        "POST",
        "/api/v1/ask",
        json.dumps({"question": question}).encode(),
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    return status, time.perf_counter() - started


def _heavy_question(port: int, token: str, chars: int) -> str:
    """``chars`` characters of the demo corpus; shortened while the site refuses it as too long."""
    from aiplus.demo import corpus_path

    text = " ".join(
        " ".join(path.read_text("utf-8", errors="ignore").split())
        for path in sorted(corpus_path().rglob("*"))
        if path.suffix in {".md", ".txt", ".html"}
    )
    while len(text) < chars:
        text += " " + text
    length = chars
    while length >= 100:
        question = text[:length]
        status, _ = _ask(port, token, question)
        if status < 400 or status in {429, 503}:
            return question
        length //= 2
    raise SystemExit("the site refused every question length tried")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=60, help="GET /login/ timings per condition")
    parser.add_argument("--heavy", type=int, default=8, help="concurrent heavy questions")
    parser.add_argument("--chars", type=int, default=50_000, help="length of a heavy question")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-signin-") as folder:
        print("preparing a site with the demo corpus…", file=sys.stderr)
        site = prepare_site(Path(folder))
        port = free_port()
        with serving(site.environment, port):
            _run(port, site.token, args)


def _run(port: int, token: str, args) -> None:
    wait_until_serving(port)
    question = _heavy_question(port, token, args.chars)
    print(f"timing GET /login/ on an idle server ({args.samples} requests)…", file=sys.stderr)
    idle = _sign_in_latencies(port, args.samples)

    stop = threading.Event()
    answers: list[tuple[int, float]] = []

    def keep_asking() -> None:
        deadline = time.monotonic() + MAX_LOAD_SECONDS
        while not stop.is_set() and time.monotonic() < deadline:
            answers.append(_ask(port, token, question))

    askers = [threading.Thread(target=keep_asking, daemon=True) for _ in range(args.heavy)]
    for asker in askers:
        asker.start()
    time.sleep(2)  # let every heavy question get going
    print(f"timing GET /login/ under {args.heavy} heavy questions…", file=sys.stderr)
    loaded = _sign_in_latencies(port, args.samples)
    stop.set()
    for asker in askers:
        asker.join(timeout=MAX_LOAD_SECONDS)

    statuses = {}
    for status, _ in answers:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"GET /login/ latency, {args.samples} requests each (ms)")
    print(f"{'condition':<28}{'p50':>8}{'p95':>8}")
    for name, timings in (("idle", idle), (f"{args.heavy} heavy questions running", loaded)):
        print(f"{name:<28}{percentile(timings, 0.5) * 1000:>8.0f}{percentile(timings, 0.95) * 1000:>8.0f}")
    seconds = statistics.median(duration for _, duration in answers) if answers else float("nan")
    print(
        f"heavy questions: {len(question):,} characters, {len(answers)} asked during the run, "
        f"statuses {json.dumps(statuses)}, median {seconds:.1f} s each"
    )


if __name__ == "__main__":
    main()
