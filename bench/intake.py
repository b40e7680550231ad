"""Mail intake: messages per second through poll -> ingest on one worker, and a poller killed mid-way.

Starts a real dovecot (as the tests do) on a free port and a fresh site (SQLite in a temporary folder, or
``--database-url``). Each message has a short body and one small text attachment, so it becomes two documents.

1. Throughput: ``--messages`` messages are delivered by IMAP APPEND (not timed), then one ``aiplus intake poll``
   process takes them all. The figure is messages / wall time of that process, start-up included; it counts
   fetching, parsing, routing, storing and queueing each document and moving the message, not the later
   parsing and indexing of the documents by the document workers.
2. Crash: as many messages again go to a second mailbox; a poll process is killed (SIGKILL) ``--kills``
   times at random moments, then a last poll runs to the end. It prints how many messages were lost (not in
   the ledger, or without both documents) and how many documents exist twice.

Run from the repository root:

    nice .venv/bin/python bench/intake.py [--messages 300] [--kills 3] [--database-url postgres://...]
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.intake.conftest import make_message  # noqa: E402
from tests.support.dovecot import Dovecot  # noqa: E402

PASSWORD = "bench-pass"


def _prepare(home: Path, database_url: str) -> dict:
    environment = {
        "AIPLUS_HOME": str(home),
        "AIPLUS_LOG_LEVEL": "WARNING",
        "AIPLUS_BENCH_MAIL_PASSWORD": PASSWORD,
        "AIPLUS_SECRET_KEY": "bench-only-key",
        **({"DATABASE_URL": database_url} if database_url else {}),
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return environment


def _mailbox(dovecot: Dovecot, name: str):
    from aiplus.core.access import OPERATOR
    from aiplus.core.services import department_get_or_create
    from aiplus.documents.services import collection_create
    from aiplus.intake.services.mailboxes import mailbox_create

    department = department_get_or_create(
        code="dsd", name_en="Demo Services Department", name_zh="示範服務署"
    )
    collection_create(actor=OPERATOR, slug=name, name=name, department=department)
    dovecot.add_user(name, PASSWORD)
    return mailbox_create(
        actor=OPERATOR,
        name=name,
        host=dovecot.host,
        port=dovecot.port,
        security="none",
        username=name,
        password_env="AIPLUS_BENCH_MAIL_PASSWORD",
        collection_slug=name,
        department=department,
    )


def _deliver(dovecot: Dovecot, name: str, count: int) -> None:
    messages = [
        make_message(
            subject=f"Enquiry {i} 查詢",
            body=f"Message {i}: please renew licence DL-{i:05d}.",
            message_id=f"<bench-{name}-{i}@example.com>",
            attachments=[(f"form-{i}.txt", f"Form {i} 表格".encode(), "text", "plain")],
        )
        for i in range(count)
    ]
    for start in range(0, count, 100):
        dovecot.deliver(name, PASSWORD, *messages[start : start + 100])


def _poll_process(environment: dict, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "aiplus", "intake", "poll", "--mailbox", name],
        env={**os.environ, **environment, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def throughput(dovecot: Dovecot, environment: dict, count: int) -> float:
    from aiplus.documents.models import Document

    _mailbox(dovecot, "speed")
    _deliver(dovecot, "speed", count)
    started = time.perf_counter()
    _poll_process(environment, "speed").wait()
    elapsed = time.perf_counter() - started
    stored = Document.objects.filter(collection__slug="speed").count()
    print(
        f"throughput: {count} messages ({stored} documents) in {elapsed:.1f} s = {count / elapsed:.1f} messages/s"
    )
    return count / elapsed


def crash(dovecot: Dovecot, environment: dict, count: int, kills: int) -> tuple[int, int]:
    from aiplus.documents.models import Document
    from aiplus.intake.models import MailMessage

    mailbox = _mailbox(dovecot, "crash")
    _deliver(dovecot, "crash", count)
    random.seed(12)
    taken = 0
    for kill in range(kills):
        # Kill once the poller is a random way into the messages (after start-up, which load can make slow).
        target = min(count - 1, taken + random.randint(5, max(6, count // (kills + 1))))
        poller = _poll_process(environment, "crash")
        while poller.poll() is None and MailMessage.objects.filter(mailbox=mailbox).count() < target:
            time.sleep(0.05)
        time.sleep(random.uniform(0, 0.2))
        poller.send_signal(signal.SIGKILL)
        poller.wait()
        taken = MailMessage.objects.filter(mailbox=mailbox).count()
        print(f"crash: kill {kill + 1} after {taken} of {count} messages in the ledger")
    _poll_process(environment, "crash").wait()
    # What a user would check: every message's body and attachment are in the collection, each once.
    per_message = Counter(
        origin["message_id"]
        for origin in Document.objects.filter(collection__slug="crash").values_list("origin", flat=True)
    )
    expected = [f"bench-crash-{i}@example.com" for i in range(count)]
    lost = sum(1 for message_id in expected if per_message[message_id] < 2)
    twice = sum(n - 2 for n in per_message.values() if n > 2)
    documents = sum(per_message.values())
    left = dovecot.count("crash", PASSWORD, "INBOX")
    processed = dovecot.count("crash", PASSWORD, "Processed")
    print(
        f"crash: {count} messages, {documents} documents; lost {lost}, twice {twice}; "
        f"inbox {left}, processed {processed}"
    )
    return lost, twice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    dovecot = Dovecot().start()
    try:
        with tempfile.TemporaryDirectory(prefix="aiplus-bench-intake-") as home:
            environment = _prepare(Path(home), options.database_url)
            throughput(dovecot, environment, options.messages)
            lost, twice = crash(dovecot, environment, options.messages, options.kills)
    finally:
        dovecot.stop()
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    sys.exit(1 if lost or twice else 0)


if __name__ == "__main__":
    main()
