"""Text passes on a huge unpunctuated file: time and peak memory from file to ready, through the service.

Makes a text file of 1.5 million Chinese characters with no punctuation at all (the case on which chunking
was once quadratic), and a DOCX whose text is tens of MB of tiny paragraphs (the case that once held the
only worker for 880 s). Each run is a fresh process with a fresh SQLite database in a temporary
``AIPLUS_HOME``; it stores the file with ``ingest_stream`` and runs ``document_process``, the code a worker
runs, then reports the seconds to ready (or to refusal, with the reason) and the process's peak memory.
On a shared machine the wall-clock seconds include waiting for the CPU, so the CPU seconds are printed
beside them. Run from the repository root:

    .venv/bin/python bench/text_passes.py [--characters 1500000] [--docx-mb 50] [--runs 3]
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Words of an ordinary notice, to be strung together with no punctuation between them.
WORDS = [
    "申請人",
    "須",
    "遞交",
    "填妥",
    "的",
    "申請表格",
    "及",
    "身份證",
    "副本",
    "本署",
    "會",
    "在",
    "三個",
    "工作天",
    "內",
    "確認",
    "收到",
    "申請",
    "並於",
    "十五個",
    "作出",
    "決定",
    "狗隻",
    "牌照",
    "每年",
    "續期",
    "一次",
    "小販",
    "酒牌",
    "臨時",
    "食物",
    "費用",
    "港幣",
    "繳費",
    "地址",
    "更改",
    "遺失",
    "補領",
    "辦事處",
    "開放",
    "時間",
    "颱風",
    "暴雨",
    "警告",
    "安排",
    "投訴",
    "上訴",
    "私隱",
    "個人",
    "資料",
]


def make_text(path: Path, characters: int) -> None:
    rng = random.Random(8)
    parts, total = [], 0
    while total < characters:
        word = rng.choice(WORDS)
        parts.append(word)
        total += len(word)
    path.write_text("".join(parts)[:characters], encoding="utf-8")


def make_docx(path: Path, megabytes: int) -> None:
    """A Word file whose body is ``megabytes`` of two-character paragraphs, streamed into the zip as XML
    (making millions of paragraphs with python-docx would take longer than the benchmark)."""
    from docx import Document

    template = path.with_suffix(".template.docx")
    Document().save(str(template))
    paragraph = "<w:p><w:r><w:t>狗牌</w:t></w:r></w:p>".encode()
    count = megabytes * 1024 * 1024 // len("狗牌".encode())
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "word/document.xml":
                target.writestr(item, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with target.open(item.filename, "w", force_zip64=True) as member:
                member.write(head + b"<w:body>")
                for _ in range(count // 10_000):
                    member.write(paragraph * 10_000)
                member.write(tail)
    template.unlink()


def child(path: Path) -> None:
    """One run, in this fresh process: migrate, store the file, process it, print the figures as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import error_message
    from aiplus.core.models import Department
    from aiplus.documents.models import Collection, Document
    from aiplus.documents.services import document_process, ingest_stream

    department = Department.objects.create(code="bench", name_en="Bench")
    collection = Collection.objects.create(slug="bench", name="Bench", department=department)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu_started = time.perf_counter(), time.process_time()
    with path.open("rb") as stream:
        outcome = ingest_stream(actor=OPERATOR, collection=collection, stream=stream, filename=path.name)
    status = document_process(document_id=outcome.document.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    document = Document.objects.get(pk=outcome.document.pk)
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "status": status,
                "passages": document.chunks.count(),
                "reason": error_message(document.error_code, document.error_params)
                if document.error_code
                else "",
                "baseline_mb": baseline,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def run(path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-home-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIPLUS_LLM", "AIPLUS_EMBEDDINGS"))}
        env.pop("DATABASE_URL", None)
        env.update(AIPLUS_HOME=home, AIPLUS_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT / "src"))
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, runs: list[dict]) -> dict:
    seconds = statistics.median(r["seconds"] for r in runs)
    cpu = statistics.median(r["cpu_seconds"] for r in runs)
    peak = statistics.median(r["peak_mb"] for r in runs)
    baseline = statistics.median(r["baseline_mb"] for r in runs)
    last = runs[-1]
    outcome = (
        f"ready, {last['passages']} passages" if last["status"] == "ready" else f"refusal ({last['reason']})"
    )
    print(
        f"  {label}: {seconds:.2f} s to {outcome} ({cpu:.2f} s of CPU); "
        f"peak memory {peak:.0f} MB (process at start {baseline:.0f} MB)"
    )
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "status": last["status"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=1_500_000)
    parser.add_argument(
        "--docx-mb", type=int, default=50, help="MB of text in the tiny-paragraph DOCX (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / "unpunctuated.txt"
        make_text(text_file, args.characters)
        print(f"Text passes, file to ready through document_process, median of {args.runs} runs")
        runs = [run(text_file) for _ in range(args.runs)]
        figures["unpunctuated_text"] = report(f"{args.characters:,} Chinese characters, no punctuation", runs)
        if args.docx_mb:
            docx_file = Path(folder) / "tiny-paragraphs.docx"
            make_docx(docx_file, args.docx_mb)
            size_kb = docx_file.stat().st_size / 1024
            runs = [run(docx_file) for _ in range(args.runs)]
            figures["tiny_paragraph_docx"] = report(
                f"DOCX of {size_kb:.0f} KB holding {args.docx_mb} MB of tiny paragraphs", runs
            )
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "text_passes.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
