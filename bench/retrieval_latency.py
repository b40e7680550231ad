"""Query latency of aiplus search, in-process, on collections of 10k and 100k chunks (see bench/retrieval.py)."""

import math
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.retrieval_data import ISOLATE_ENV, SCRIPTS, SEED, TARGET_P95_MS, Corpus, K, note

DISTRICTS = (
    "中西區",
    "灣仔",
    "東區",
    "南區",
    "油尖旺",
    "深水埗",
    "九龍城",
    "黃大仙",
    "觀塘",
    "荃灣",
    "屯門",
    "元朗",
    "北區",
    "大埔",
    "西貢",
    "沙田",
    "葵青",
    "離島",
)
CHUNKS_PER_DOCUMENT = 10
BATCH = 5000
UPDATE_RUNS = 5


def _django(home: Path) -> None:
    for name in ISOLATE_ENV:
        os.environ.pop(name, None)
    os.environ["AIPLUS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "aiplus.settings"
    os.environ["AIPLUS_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _base_passages(corpus: Corpus):
    """(text, terms, language) of every passage the pooled paragraphs chunk into, as ingestion would."""
    from aiplus.core.language import index_terms, language_of
    from aiplus.documents.chunking import chunk_page

    bases = []
    for paragraph in corpus.paragraphs:
        for passage in chunk_page(1, paragraph.text):
            bases.append((passage.text, index_terms(passage.text), language_of(passage.text)))
    return bases


def _fill_collection(collection, size: int, bases, terms_cache: dict) -> None:
    """``size`` chunks cycled from the base passages; after the first cycle each copy gets a
    short suffix line (a district and an edition number), so copies are not identical."""
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from aiplus.core.language import index_terms
    from aiplus.documents.models import Chunk, Collection, Document, Status

    today = timezone.localdate()
    documents = Document.objects.bulk_create(
        [
            Document(
                collection=collection,
                source_id=f"synthetic/{n:06d}.txt",
                title=f"synthetic {n:06d}",
                filename=f"{n:06d}.txt",
                file_type="txt",
                status=Status.READY,
                language="zh-Hant",
                page_count=1,
                document_date=today,
                processed_at=timezone.now(),
            )
            for n in range(math.ceil(size / CHUNKS_PER_DOCUMENT))
        ],
        batch_size=BATCH,
    )
    batch: list = []
    with transaction.atomic():
        for n in range(size):
            text, terms, language = bases[n % len(bases)]
            cycle = n // len(bases)
            if cycle:
                suffix = f"{DISTRICTS[n % len(DISTRICTS)]}第{cycle}版"
                suffix_terms = terms_cache.get(suffix)
                if suffix_terms is None:
                    suffix_terms = terms_cache[suffix] = index_terms(suffix)
                text, terms = f"{text}\n{suffix}", terms + suffix_terms
            batch.append(
                Chunk(
                    document_id=documents[n // CHUNKS_PER_DOCUMENT].pk,
                    collection_id=collection.pk,
                    ordinal=n % CHUNKS_PER_DOCUMENT,
                    page_number=1,
                    char_start=0,
                    char_end=len(text),
                    text=text,
                    terms=" ".join(terms),
                    language=language,
                )
            )
            if len(batch) == BATCH:
                Chunk.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
        if batch:
            Chunk.objects.bulk_create(batch, batch_size=BATCH)
        Collection.objects.filter(pk=collection.pk).update(index_version=F("index_version") + 1)


def _add_document(collection, bases, number: int) -> None:
    """One more document of ``CHUNKS_PER_DOCUMENT`` passages, committed with an ``index_version`` bump as
    ingestion does."""
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from aiplus.core.language import index_terms
    from aiplus.documents.models import Chunk, Collection, Document, Status

    with transaction.atomic():
        document = Document.objects.create(
            collection=collection,
            source_id=f"added/{number:03d}.txt",
            title=f"added {number:03d}",
            filename=f"added-{number:03d}.txt",
            file_type="txt",
            status=Status.READY,
            language="zh-Hant",
            page_count=1,
            document_date=timezone.localdate(),
            processed_at=timezone.now(),
        )
        chunks = []
        for ordinal in range(CHUNKS_PER_DOCUMENT):
            text, _, language = bases[(number * CHUNKS_PER_DOCUMENT + ordinal) % len(bases)]
            text = f"{text}\n補充第{number}號"
            chunks.append(
                Chunk(
                    document=document,
                    collection_id=collection.pk,
                    ordinal=ordinal,
                    page_number=1,
                    char_start=0,
                    char_end=len(text),
                    text=text,
                    terms=" ".join(index_terms(text)),
                    language=language,
                )
            )
        Chunk.objects.bulk_create(chunks)
        Collection.objects.filter(pk=collection.pk).update(index_version=F("index_version") + 1)


def _check_suffix_terms(bases) -> None:
    """The cached terms of text + suffix must be what aiplus would compute for the whole text."""
    from aiplus.core.language import index_terms

    for text, terms, _ in bases[:: max(1, len(bases) // 20)]:
        suffix = f"{DISTRICTS[3]}第7版"
        if index_terms(f"{text}\n{suffix}") != terms + index_terms(suffix):
            raise SystemExit("latency: cached chunk terms differ from index_terms(text); fix the generator")


def _percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values), q))


def run_latency(corpus: Corpus, *, sizes: list[int], n_queries: int, keep: bool) -> dict:
    home = Path(tempfile.mkdtemp(prefix="aiplus-bench-latency-"))
    try:
        _django(home)
        from aiplus.core.access import OPERATOR
        from aiplus.core.language import query_terms
        from aiplus.core.services import department_get_or_create
        from aiplus.documents.services import collection_create
        from aiplus.search import services as search_services

        department = department_get_or_create(code="bench", name_en="Benchmark")
        note("latency: chunking and segmenting the pooled paragraphs…")
        started = time.perf_counter()
        bases = _base_passages(corpus)
        _check_suffix_terms(bases)
        base_seconds = time.perf_counter() - started
        rng = random.Random(SEED)
        pool = corpus.questions
        chosen = [pool[i % len(pool)] for i in rng.sample(range(max(n_queries, len(pool))), n_queries)]
        queries = [q.text(SCRIPTS[i % 2]) for i, q in enumerate(chosen)]
        query_terms(queries[0])  # tokenizer and converters loaded before anything is timed

        results, terms_cache = {}, {}
        for size in sizes:
            collection = collection_create(
                actor=OPERATOR,
                slug=f"latency-{size}",
                name=f"Latency {size}",
                department=department,
            )
            note(f"latency: writing {size:,} chunks…")
            started = time.perf_counter()
            _fill_collection(collection, size, bases, terms_cache)
            fill_seconds = time.perf_counter() - started

            def one(query, collection=collection):
                return search_services.search(actor=OPERATOR, query=query, collections=[collection], k=K)

            note(f"latency: first query at {size:,} chunks (builds the index)…")
            started = time.perf_counter()
            one(queries[0])
            build_seconds = time.perf_counter() - started
            search_services.drop_cached_indexes()
            started = time.perf_counter()
            one(queries[0])
            load_seconds = time.perf_counter() - started
            note(f"latency: timing {len(queries):,} queries at {size:,} chunks…")
            timings, empty = [], 0
            for query in queries:
                started = time.perf_counter()
                hits = one(query)
                timings.append((time.perf_counter() - started) * 1000)
                empty += not hits
            note(f"latency: adding one document ({CHUNKS_PER_DOCUMENT} passages) {UPDATE_RUNS} times…")
            updates = []
            for number in range(UPDATE_RUNS):
                _add_document(collection, bases, number)
                started = time.perf_counter()
                one(queries[0])
                updates.append(time.perf_counter() - started)
            results[str(size)] = {
                "chunks": size,
                "write_rows_seconds": fill_seconds,
                "first_query_build_seconds": build_seconds,
                "first_query_load_from_disk_seconds": load_seconds,
                "first_query_update_after_one_document_seconds": statistics.median(updates),
                "update_runs_seconds": updates,
                "queries": len(timings),
                "queries_without_hits": empty,
                "p50_ms": _percentile(timings, 50),
                "p95_ms": _percentile(timings, 95),
                "p99_ms": _percentile(timings, 99),
                "mean_ms": sum(timings) / len(timings),
                "max_ms": max(timings),
            }
        biggest = results[str(max(sizes))]
        return {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "base_passages": len(bases),
            "base_passages_seconds": base_seconds,
            "sizes": results,
            "target": {
                "check": f"p95 <= {TARGET_P95_MS} ms at {max(sizes):,} chunks",
                "applies": max(sizes) >= 100_000,
                "met": biggest["p95_ms"] <= TARGET_P95_MS,
                "margin_ms": TARGET_P95_MS - biggest["p95_ms"],
            },
        }
    finally:
        if keep:
            note(f"kept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def print_latency(result: dict) -> None:
    print()
    print(
        "Query latency: aiplus.search.services.search(k=10) in-process, SQLite, BM25 only; "
        f"chunks cycled from {result['base_passages']:,} pooled DRCD/CMRC passages"
    )
    header = (
        f"  {'chunks':>8} {'write rows':>11} {'build (1st q)':>14} {'update (1st q)':>15} "
        f"{'load (1st q)':>13} {'queries':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'mean ms':>8} "
        f"{'max ms':>7}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for row in result["sizes"].values():
        print(
            f"  {row['chunks']:>8,} {row['write_rows_seconds']:>10.1f}s "
            f"{row['first_query_build_seconds']:>13.2f}s "
            f"{row['first_query_update_after_one_document_seconds']:>14.2f}s "
            f"{row['first_query_load_from_disk_seconds']:>12.2f}s "
            f"{row['queries']:>8,} {row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} {row['p99_ms']:>7.1f} "
            f"{row['mean_ms']:>8.1f} {row['max_ms']:>7.1f}"
        )
    print(
        "  build = first query with no index (reads every chunk, builds and saves the index); "
        f"update = first query after adding one document ({CHUNKS_PER_DOCUMENT} passages) to the collection "
        f"(updates the index in memory and saves it; median of {UPDATE_RUNS}); "
        "load = first query with no index in memory (reads the saved index)"
    )
    for row in result["sizes"].values():
        print(
            f"  index update after adding one document ({CHUNKS_PER_DOCUMENT} passages) to "
            f"{row['chunks']:,} passages: {row['first_query_update_after_one_document_seconds']:.2f} s "
            f"(median of {UPDATE_RUNS}); full build {row['first_query_build_seconds']:.2f} s"
        )
    target = result["target"]
    if target["applies"]:
        verdict = "MET" if target["met"] else f"MISSED by {-target['margin_ms']:.1f} ms"
    else:
        verdict = "not checked (--quick does not build 100k chunks)"
    print(f"  Target ({target['check']}): {verdict}")
