"""Forum registration through the HTTP API at 50 concurrent users: p50/p95 time per registration, throughput,
errors, and whether the seats add up (never more confirmed than seats; everyone else waitlisted).

Sets up a fresh site (SQLite in a temporary folder, or ``--database-url``) with one hybrid event of
``--seats`` in-person and as many online seats, starts ``aiplus serve``, and has every user post
registrations one after another, all users at once, as ``POST /api/v1/forums/{slug}/registrations`` (the
public door: no token). Run from the repository root:

    .venv/bin/python bench/forums.py [--users 50] [--registrations 20] [--seats 400] [--database-url postgres://...]
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
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bot_page import HOST, ISOLATE, _free_port, _percentile, _request  # noqa: E402

SLUG = "bench-forum"


def _prepare(home: Path, database_url: str):
    """Django set up on a fresh site; the serve environment, and a function making the event."""
    environment = {
        "AIPLUS_HOME": str(home),
        "AIPLUS_LOG_LEVEL": "WARNING",
        "AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS": "1000000/min",
        "AIPLUS_API_RATE_PER_ADDRESS": "1000000/min",
        **({"DATABASE_URL": database_url} if database_url else {}),
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from aiplus.core.access import OPERATOR
    from aiplus.forums.models import Event
    from aiplus.forums.services import event_create

    call_command("migrate", interactive=False, verbosity=0)
    Event.objects.filter(slug=SLUG).delete()
    return environment, lambda seats: event_create(
        actor=OPERATOR,
        slug=SLUG,
        title_en="Benchmark forum",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=3),
        capacity_in_person=seats,
        capacity_online=seats,
    )


def _user(port: int, user: int, count: int, results: list) -> None:
    for number in range(count):
        body = json.dumps(
            {
                "mode": "in_person" if number % 2 == 0 else "online",
                "name": f"Bench person {user}-{number}",
                "email": f"user{user}.{number}@example.com",
                "organisation_type": "bureau",
                "organisation": f"Department {user % 17}",
                "consent": True,
            }
        ).encode()
        started = time.perf_counter()
        try:
            status, data = _request(
                port,
                "POST",
                f"/api/v1/forums/{SLUG}/registrations",
                body,
                {"Content-Type": "application/json"},
            )
            outcome = json.loads(data).get("status") if status == 201 else data[:200].decode(errors="replace")
        except OSError as error:
            status, outcome = 0, str(error)
        results.append((status, time.perf_counter() - started, outcome))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--registrations", type=int, default=20, help="registrations each user posts")
    parser.add_argument("--seats", type=int, default=400, help="seats per mode")
    parser.add_argument("--database-url", default="", help="PostgreSQL to use instead of a temporary SQLite")
    args = parser.parse_args()
    for name in ISOLATE:
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-forums-") as folder:
        environment, make_event = _prepare(Path(folder), args.database_url)
        event = make_event(args.seats)
        port = _free_port()
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
            env={**os.environ, **environment, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if _request(port, "GET", f"/api/v1/forums/{SLUG}", timeout=5)[0] == 200:
                        break
                except OSError:
                    time.sleep(0.5)
            results: list = []
            users = [
                threading.Thread(target=_user, args=(port, u, args.registrations, results))
                for u in range(args.users)
            ]
            started = time.perf_counter()
            for user in users:
                user.start()
            for user in users:
                user.join()
            wall = time.perf_counter() - started
            confirmed = {
                mode: event.registrations.filter(mode=mode, status="confirmed").count()
                for mode in ("in_person", "online")
            }
            waitlisted = event.registrations.filter(status="waitlisted").count()
        finally:
            server.terminate()
            server.wait(timeout=30)
    timings = [elapsed for status, elapsed, _ in results if status == 201]
    statuses: dict[int, int] = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    load = os.getloadavg()[0]
    print(f"forum registration through the API: {args.users} concurrent users, {len(results)} registrations")
    print(f"{'p50 ms':>8}{'p95 ms':>8}{'mean ms':>9}{'reg/s':>8}{'errors':>8}")
    if timings:
        print(
            f"{_percentile(timings, 0.5) * 1000:>8.0f}{_percentile(timings, 0.95) * 1000:>8.0f}"
            f"{statistics.mean(timings) * 1000:>9.0f}{len(timings) / wall:>8.1f}{len(results) - len(timings):>8}"
        )
    print(f"statuses {json.dumps(statuses)}; load average {load:.1f}")
    seats_ok = all(n <= args.seats for n in confirmed.values()) and sum(
        confirmed.values()
    ) + waitlisted == len(timings)
    print(
        f"confirmed {confirmed}, waitlisted {waitlisted}, seats {args.seats} per mode: {'consistent' if seats_ok else 'INCONSISTENT'}"
    )


if __name__ == "__main__":
    main()
