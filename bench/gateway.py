"""What the model gateway adds to an answer, beyond the model's own time, with 20 officers asking at once.

Starts the stand-in model server (``tests/support/fake_openai.py``; it answers in about a millisecond) and a
fresh site with a small bilingual collection (six text documents; ``AIPLUS_EMBEDDINGS=off``, so search is
BM25 only). Then ``--users`` threads, each signed in as its own member of the department, each read
``--answers`` streamed answers (``assistant.services.answer_stream``) to their end, all at once. For every
answer it takes the wall time to the first piece and to the end, and the model call's own time as the
gateway recorded it (``ModelCall``); the overhead is the answer's time less the model's: validation,
search, flag checks, the prompt, streaming, the grounding check and the two records. Prints p50 and p95.

    .venv/bin/python bench/gateway.py [--users 20] [--answers 10] [--database-url postgres://...]

Default database: SQLite in a temporary data directory (deleted afterwards unless ``--keep``).
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

DOCUMENTS = {
    "dog-en.txt": "Dog licence renewal\n\nEvery dog licence must be renewed once a year. The renewal fee is "
    "HK$80. Renew at any Demo Services Department office, Monday to Friday, 9 a.m. to 5 p.m.",
    "dog-zh.txt": "狗隻牌照續期\n\n狗隻牌照每年須續期一次，續期費用為港幣八十元。市民可於辦公時間內前往任何示範服務署辦事處辦理續期。",
    "hawker-zh.txt": "小販牌照申請\n\n申請小販牌照須遞交申請表格及身份證副本。審批需時約十五個工作天，申請費為港幣二百元。",
    "hawker-en.txt": "Hawker licence applications\n\nAn application for a hawker licence needs the application "
    "form and a copy of the applicant's identity card. Approval takes about fifteen working days; the fee "
    "is HK$200.",
    "counter-en.txt": "Counter services\n\nOur counters open from 9 a.m. to 5 p.m. on weekdays and from 9 a.m. "
    "to noon on Saturdays. Queue tickets are issued until thirty minutes before closing.",
    "appeal-zh.txt": "上訴程序\n\n市民如不同意本署的決定，可於接獲通知後十四天內以書面提出上訴。上訴委員會會在三十天內回覆。",
}
QUESTIONS = [
    "How much is the dog licence renewal fee?",
    "狗隻牌照續期費用是多少？",
    "What do I need to apply for a hawker licence?",
    "小販牌照申請要幾耐？",
    "When do the counters open on Saturdays?",
    "不同意決定可以幾時上訴？",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--answers", type=int, default=10, help="answers per user")
    parser.add_argument("--database-url", default="", help="PostgreSQL to use instead of a temporary SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args(argv)

    from tests.support.fake_openai import FakeOpenAI

    home = Path(tempfile.mkdtemp(prefix="aiplus-bench-gateway-"))
    for name in list(os.environ):
        if name.startswith(("AIPLUS_LLM_", "AIPLUS_EMBEDDINGS")) or name in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
        }:
            del os.environ[name]
    model = FakeOpenAI().start()
    os.environ.update(
        {
            "AIPLUS_HOME": str(home),
            "AIPLUS_LOG_LEVEL": "WARNING",
            "AIPLUS_SECRET_KEY": secrets.token_urlsafe(32),
            "AIPLUS_EMBEDDINGS": "off",
            "AIPLUS_LLM_BASE_URL": model.base_url,
            "AIPLUS_LLM_MODEL": "fake-chat",
            "AIPLUS_LLM_API_KEY": "bench",
            "DJANGO_SETTINGS_MODULE": "aiplus.settings",
        }
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from aiplus.assistant.services import answer_stream
    from aiplus.core.models import Role
    from aiplus.core.services import department_get_or_create, user_create
    from aiplus.documents import services as documents
    from aiplus.llm.models import ModelCall

    call_command("migrate", interactive=False, verbosity=0)
    run = secrets.token_hex(3)
    department = department_get_or_create(
        code="dsd", name_en="Demo Services Department", name_zh="示範服務署"
    )
    users = [
        user_create(username=f"bench-{run}-{n}", password=secrets.token_urlsafe(12), department=department)
        for n in range(args.users)
    ]
    owner = user_create(
        username=f"owner-{run}", password="x" * 12, department=department, role=Role.KNOWLEDGE_OWNER
    )
    collection = documents.collection_create(
        actor=owner, slug=f"bench-{run}", name="Bench", department=department, visibility="private"
    )
    import io

    for name, text in DOCUMENTS.items():
        outcome = documents.ingest_stream(
            actor=owner,
            collection=collection,
            stream=io.BytesIO(text.encode()),
            filename=name,
            source_id=name,
        )
        documents.document_process(document_id=outcome.document.pk)
    for question in QUESTIONS:  # warm: the index is built, the first answers are not timed
        list(answer_stream(actor=owner, question=question, collections=[collection]))
    print(f"site ready in {home}; {args.users} users x {args.answers} answers", file=sys.stderr)

    timings: dict[int, list[tuple[float, float]]] = {}
    failures: list[str] = []
    barrier = threading.Barrier(args.users)

    def officer(index: int) -> None:
        mine = timings.setdefault(index, [])
        try:
            barrier.wait()
            for turn in range(args.answers):
                question = QUESTIONS[(index + turn) % len(QUESTIONS)]
                started = time.perf_counter()
                first = None
                for kind, value in answer_stream(
                    actor=users[index], question=question, collections=[collection]
                ):
                    if kind == "delta" and first is None:
                        first = time.perf_counter() - started
                    if kind == "done" and value.engine != "generative":
                        failures.append(f"{question}: {value.engine} {value.notice}")
                mine.append((first or 0.0, time.perf_counter() - started))
        except Exception as error:  # reported, not hidden
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=officer, args=(n,)) for n in range(args.users)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    wall = time.perf_counter() - wall
    model.stop()

    first_ms, total_ms, model_ms, model_first_ms, overhead_ms, first_overhead_ms = [], [], [], [], [], []
    for index, user in enumerate(users):
        calls = list(ModelCall.objects.filter(actor=user).order_by("id"))
        if len(calls) != len(timings.get(index, [])):
            failures.append(
                f"user {index}: {len(calls)} model calls for {len(timings.get(index, []))} answers"
            )
            continue
        for (first, total), call in zip(timings[index], calls, strict=True):
            first_ms.append(first * 1000)
            total_ms.append(total * 1000)
            model_ms.append(call.milliseconds)
            model_first_ms.append(call.first_token_milliseconds or 0)
            overhead_ms.append(total * 1000 - call.milliseconds)
            first_overhead_ms.append(first * 1000 - (call.first_token_milliseconds or 0))
    rows = {
        "answer: time to first piece": first_ms,
        "answer: total": total_ms,
        "model call (as recorded): first token": model_first_ms,
        "model call (as recorded): total": model_ms,
        "overhead before the first piece (answer less model)": first_overhead_ms,
        "overhead in total (answer less model)": overhead_ms,
    }
    print(
        f"\n{args.users} concurrent users, {len(total_ms)} streamed answers in {wall:.1f} s "
        f"({connection.vendor}); stand-in model server\n"
    )
    print(f"{'ms':<55}{'p50':>9}{'p95':>9}")
    figures = {}
    for label, values in rows.items():
        if not values:
            continue
        figures[label] = {"p50": statistics.median(values), "p95": percentile(values, 0.95)}
        print(f"{label:<55}{figures[label]['p50']:>9.1f}{figures[label]['p95']:>9.1f}")
    if failures:
        print(f"\n{len(failures)} problems, first: {failures[:3]}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "gateway.json").write_text(
        json.dumps(
            {
                "users": args.users,
                "answers": len(total_ms),
                "database": connection.vendor,
                "seconds": wall,
                "figures": figures,
                "problems": failures[:20],
            },
            indent=2,
        )
    )
    if not args.keep:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
