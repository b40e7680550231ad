"""Workflow engine throughput and crash safety: N documents (default 1,000) through a 5-step workflow
(extract, redact, summarise, assign, move) on one real Celery worker; then the same with the worker killed
(SIGKILL) part-way and a new worker started: runs lost, steps lost, steps done twice.

    .venv/bin/python bench/workflows.py                 # 1,000 documents
    .venv/bin/python bench/workflows.py --documents 200 # a quicker check

It runs on SQLite in a fresh temporary AIPLUS_HOME with the embedded file broker (DATABASE_URL,
CELERY_BROKER_URL and the model settings of the caller are ignored), so the figure is aiplus's default
install on this machine. Documents are made and made searchable before the clock starts; the clock runs
from the first step taken to the last step done. Prints a table and writes bench/results/workflows.json.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = [
    {
        "action": "extract",
        "settings": {
            "schema": {"fields": [{"name": "reference", "type": "text", "pattern": "DSD-\\d{4}-\\d{4}"}]}
        },
    },
    {"action": "redact", "settings": {}},
    {"action": "summarise", "settings": {"length": "brief"}},
    {"action": "assign", "settings": {"user": "officer"}},
    {"action": "move", "settings": {"collection": "filed"}},
]
LETTERS = [
    "投訴信\n\n本人（電話 9{n:03d} 4567）投訴屯門區第{n}號渠務工程造成噪音，參考編號 DSD-2026-{n:04d}。"
    "工程每晚十一時後仍然進行，影響居民休息。請盡快處理。",
    "Letter of complaint\n\nI write about the drainage works at site {n} on Castle Peak Road, reference "
    "DSD-2026-{n:04d}. The works continue after 11 p.m. Please call me on 9{n:03d} 4567.",
    "查詢信\n\n請問第{n}號工地的渠務工程何時完成？參考編號 DSD-2026-{n:04d}。 My e-mail is chan{n}@example.com.",
]


def _setup(home: Path):
    environment = {
        "AIPLUS_HOME": str(home),
        "AIPLUS_LOG_LEVEL": "WARNING",
        "AIPLUS_EMBEDDINGS": "off",
        "DJANGO_SETTINGS_MODULE": "aiplus.settings",
    }
    for name in list(os.environ):
        if name in {"DATABASE_URL", "CELERY_BROKER_URL"} or name.startswith("AIPLUS_LLM_"):
            del os.environ[name]
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return environment


def _documents(count: int):
    import io

    from aiplus.core.access import OPERATOR
    from aiplus.core.models import Role
    from aiplus.core.services import department_get_or_create, user_create
    from aiplus.documents import services as documents

    department = department_get_or_create(code="dsd", name_en="Demo Services Department")
    user_create(username="officer", password="x" * 12, department=department, role=Role.MEMBER)
    letters = documents.collection_create(
        actor=OPERATOR, slug="letters", name="Letters", department=department
    )
    for name in ("filed", "filed-again"):
        documents.collection_create(actor=OPERATOR, slug=name, name=name, department=department)
    for n in range(count):
        text = LETTERS[n % len(LETTERS)].format(n=n)
        documents.ingest_stream(
            actor=OPERATOR,
            collection=letters,
            stream=io.BytesIO(text.encode()),
            filename=f"letter-{n:04d}.txt",
        )
    documents.documents_process_queued()
    return department


def _start_runs(department, name: str, target: str) -> list[int]:
    from aiplus.core.access import OPERATOR
    from aiplus.documents.models import Document
    from aiplus.workflows.services import run_start, workflow_save

    steps = json.loads(json.dumps(STEPS))
    steps[-1]["settings"]["collection"] = target
    workflow = workflow_save(
        actor=OPERATOR, department=department, data={"name": name, "trigger": {"type": "api"}, "steps": steps}
    )
    return [
        run_start(actor=OPERATOR, workflow=workflow, trigger="api", document=document).pk
        for document in Document.objects.filter(status="ready").order_by("pk")
    ]


def _worker(environment: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "aiplus", "worker"],
        env={**os.environ, **environment},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _done(run_ids: list[int]) -> int:
    from aiplus.workflows.models import Run

    return Run.objects.filter(pk__in=run_ids, status="done").count()


def _wait(run_ids: list[int], *, until, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if until():
            return
        time.sleep(0.5)
    raise SystemExit(f"timed out; {_done(run_ids)} of {len(run_ids)} runs done")


def _throughput(run_ids: list[int]) -> dict:
    from django.db.models import Max, Min

    from aiplus.workflows.models import StepRun

    span = StepRun.objects.filter(run_id__in=run_ids).aggregate(
        first=Min("started_at"), last=Max("finished_at")
    )
    minutes = (span["last"] - span["first"]).total_seconds() / 60
    return {
        "documents": len(run_ids),
        "minutes": round(minutes, 2),
        "documents_per_minute": round(len(run_ids) / minutes, 1),
    }


def _integrity(run_ids: list[int], held: list[int]) -> dict:
    from django.db.models import Count

    from aiplus.core.models import AuditEvent
    from aiplus.workflows.models import Run, StepRun

    steps = StepRun.objects.filter(run_id__in=run_ids)
    moves = AuditEvent.objects.filter(action="document.move", detail__to="filed-again")
    return {
        "runs_lost": Run.objects.filter(pk__in=run_ids).exclude(status="done").count(),
        "steps_lost": len(run_ids) * len(STEPS) - steps.filter(status="done").count(),
        "steps_recorded_twice": steps.values("run", "round", "position")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count(),
        "moves_done_twice": moves.values("target").annotate(n=Count("id")).filter(n__gt=1).count(),
        "steps_held_at_kill": len(held),
        "steps_run_again": steps.filter(attempts__gt=1).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument(
        "--kill-at", type=float, default=0.4, help="Share of the steps done when the kill lands."
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-workflows-") as folder:
        environment = _setup(Path(folder))
        from aiplus.workflows.models import StepRun

        print(f"making {arguments.documents} documents searchable…", file=sys.stderr)
        department = _documents(arguments.documents)
        load = os.getloadavg()

        print("part 1: one worker, no interruption…", file=sys.stderr)
        runs = _start_runs(department, "Bench", "filed")
        worker = _worker(environment)
        try:
            _wait(runs, until=lambda: _done(runs) == len(runs), timeout=4 * 3600)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        clean = {**_throughput(runs), **_integrity(runs, [])}

        print("part 2: the worker killed part-way, a new one started…", file=sys.stderr)
        runs = _start_runs(department, "Bench killed", "filed-again")
        kill_after = int(arguments.kill_at * len(runs) * len(STEPS))
        worker = _worker(environment)
        try:
            _wait(
                runs,
                until=lambda: (
                    StepRun.objects.filter(run_id__in=runs, status="done").count() >= kill_after
                    and StepRun.objects.filter(run_id__in=runs, status="running").exists()
                ),
                timeout=4 * 3600,
            )
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=60)
        held = list(StepRun.objects.filter(run_id__in=runs, status="running").values_list("pk", flat=True))
        worker = _worker(environment)
        try:
            _wait(runs, until=lambda: _done(runs) == len(runs), timeout=4 * 3600)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        killed = {**_throughput(runs), **_integrity(runs, held)}

    results = {
        "steps": [s["action"] for s in STEPS],
        "load_average_at_start": [round(x, 2) for x in load],
        "clean": clean,
        "killed": killed,
    }
    print(f"{'':28}{'one worker':>14}{'killed mid-run':>16}")
    for key in clean:
        print(f"{key:28}{clean[key]!s:>14}{killed[key]!s:>16}")
    print(f"machine load average at start (1, 5, 15 min): {results['load_average_at_start']}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "workflows.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
