"""Retrieval quality and query latency of aiplus search, on DRCD and CMRC 2018 (see bench/README.md).

Retrieval goes through aiplus's command-line contract: every DRCD dev paragraph and every CMRC 2018 dev
paragraph (converted to Traditional) is written as one .txt file, ingested with ``aiplus ingest``, and every
DRCD dev question of the chosen split (by default the held-out half, never used for tuning) is searched with
``aiplus search --queries``, as written (Traditional) and converted to Simplified. Three peers run on the same
paragraphs and questions: bm25s over jieba tokens of hk2s-folded text (what a careful user would build),
rank_bm25 with whitespace tokens, and SQLite FTS5 with the trigram tokenizer.

Latency runs in-process against collections of 10k and 100k chunks built directly in the database.

    .venv/bin/python bench/retrieval.py [--quick] [--only retrieval|latency] [--split held-out|tuning|all]
                                        [--data DIR] [--keep]
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.retrieval_data import (
    COLLECTION,
    DEFAULT_DATA,
    METRICS,
    REPO,
    RESULTS_DIR,
    SCRIPTS,
    SPLITS,
    TARGET_R1,
    TARGET_R5,
    TARGET_SCRIPT_GAP,
    Corpus,
    K,
    count_chunks,
    dedupe,
    gold_rank,
    in_split,
    isolated_env,
    load_corpus,
    note,
    run_cli,
    summarise,
    with_difference,
)
from bench.retrieval_fusion import fused_retrieval
from bench.retrieval_latency import print_latency, run_latency
from bench.retrieval_peers import (
    jieba_folded_tokens,
    peer_bm25s_jieba,
    peer_fts5_trigram,
    peer_rank_bm25,
)

__all__ = ["in_split", "jieba_folded_tokens", "main"]

# The fusion weight is tried on a fixed sample of this many tuning-split questions (of 1,523), in both
# scripts, so a grid of eleven weights takes minutes on 2 cores.
TUNE_SAMPLE = 600


def aiplus_retrieval(corpus: Corpus, work: Path, *, fused: bool, tuning: Corpus | None) -> dict:
    folder, home = work / "corpus", work / "home"
    for paragraph in corpus.paragraphs:
        path = folder / paragraph.source_id
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(paragraph.text, "utf-8")
    env = isolated_env(home)

    note(f"aiplus: ingesting {len(corpus.paragraphs):,} files…")
    run_cli(["department", "add", "bench", "--name", "Benchmark"], env)
    stdout, ingest_seconds = run_cli(
        [
            "ingest",
            str(folder),
            "--collection",
            COLLECTION,
            "--create",
            "--department",
            "bench",
            "--wait",
            "--json",
        ],
        env,
    )
    report = json.loads(stdout)
    failed = [row for row in report["files"] if row["status"] != "ready"]
    ingest = {
        "files": len(report["files"]),
        "summary": report["summary"],
        "not_ready": [
            {k: row[k] for k in ("source_id", "outcome", "status", "error", "duplicate_of")}
            for row in failed[:20]
        ],
        "passages": count_chunks(home),
        "seconds": ingest_seconds,
    }

    bm25 = search_runs(corpus, work, {**env, "AIPLUS_EMBEDDINGS": "off"}, "bm25")
    result = {"ingest": ingest, **bm25}
    if fused:
        result["fused"] = fused_retrieval(corpus, tuning, work, env, search_runs)
    return result


def search_runs(corpus: Corpus, work: Path, env: dict[str, str], label: str) -> dict:
    """Every question of the corpus through ``aiplus search --queries``, one process per script."""
    per_script, runs, ranked_by_script = {}, {}, {}
    for script in SCRIPTS:
        queries = work / f"queries-{script}.jsonl"
        queries.write_text(
            "".join(
                json.dumps({"id": q.id, "query": q.text(script)}, ensure_ascii=False) + "\n"
                for q in corpus.questions
            ),
            "utf-8",
        )
        note(f"aiplus ({label}): searching {len(corpus.questions):,} {script} questions…")
        stdout, seconds = run_cli(
            ["search", "--queries", str(queries), "--collection", COLLECTION, "--k", str(K), "--json"], env
        )
        results = {}
        for line in stdout.splitlines():
            if line.strip():
                item = json.loads(line)
                results[item["id"]] = dedupe(hit["source_id"] for hit in item["hits"])
        missing = [q.id for q in corpus.questions if q.id not in results]
        if missing:
            raise SystemExit(f"aiplus search returned no line for {len(missing)} queries, e.g. {missing[:3]}")
        ranked_by_script[script] = results
        per_script[script] = summarise([gold_rank(results[q.id], q.gold) for q in corpus.questions])
        runs[script] = {"seconds": seconds, "queries": len(corpus.questions)}
    return {
        "search_runs": runs,
        "metrics": with_difference(per_script),
        "misses": misses(corpus, ranked_by_script),
    }


def _article(source_id: str) -> str:
    """The DRCD article a paragraph belongs to: drcd/1151-4.txt -> drcd/1151."""
    return source_id.rsplit("-", 1)[0]


def misses(corpus: Corpus, ranked_by_script: dict[str, dict[str, list[str]]], examples: int = 5) -> dict:
    out = {}
    for script, results in ranked_by_script.items():
        rows = []
        lower, absent, to_cmrc, same_article = 0, 0, 0, 0
        for question in corpus.questions:
            ranked = results[question.id]
            if ranked and ranked[0] == question.gold:
                continue
            rank = gold_rank(ranked, question.gold)
            if rank is None:
                absent += 1
            else:
                lower += 1
            if ranked and ranked[0].startswith("cmrc/"):
                to_cmrc += 1
            elif ranked and _article(ranked[0]) == _article(question.gold):
                same_article += 1
            if len(rows) < examples:
                top = ranked[0] if ranked else None
                rows.append(
                    {
                        "id": question.id,
                        "question": question.text(script),
                        "gold": question.gold,
                        "gold_rank": rank,
                        "gold_start": corpus.by_source[question.gold][:60],
                        "top_hit": top,
                        "top_hit_start": corpus.by_source.get(top, "")[:60] if top else "",
                    }
                )
        out[script] = {
            "r1_misses": lower + absent,
            "gold_ranked_2_to_10": lower,
            "gold_not_in_top_10": absent,
            "top_hit_is_cmrc": to_cmrc,
            "top_hit_same_drcd_article": same_article,
            "examples": rows,
        }
    return out


# --- retrieval report --------------------------------------------------------------------------------


def retrieval_target(metrics: dict) -> dict:
    checks = {}
    for script in SCRIPTS:
        checks[f"{script} R@1 >= {TARGET_R1}"] = metrics[script]["r1"] - TARGET_R1
        checks[f"{script} R@5 >= {TARGET_R5}"] = metrics[script]["r5"] - TARGET_R5
    for metric in METRICS:
        gap = abs(metrics["difference"][metric])
        checks[f"|Trad - Simp| {metric} <= {TARGET_SCRIPT_GAP}"] = TARGET_SCRIPT_GAP - gap
    return {
        "met": all(margin >= -1e-12 for margin in checks.values()),
        "margins": checks,  # negative: missed by that much
    }


def print_retrieval(result: dict) -> None:
    corpus, ingest = result["corpus"], result["aiplus"]["ingest"]
    print()
    print("Retrieval quality: DRCD dev questions -> their own paragraph, among pooled paragraphs")
    print(
        f"  pool: {corpus['paragraphs']:,} paragraphs ({corpus['drcd_paragraphs']:,} DRCD, "
        f"{corpus['cmrc_paragraphs']:,} CMRC 2018 dev converted s2hk), one .txt file each"
    )
    print(f"  split: {corpus['split']} ({SPLITS[corpus['split']]})")
    print(
        f"  questions: {corpus['questions']:,} of the split's {corpus['split_questions']:,} "
        f"({corpus['drcd_questions_total']:,} DRCD dev in all), "
        "each as written (Traditional) and converted t2s (Simplified)"
    )
    passages = f", {ingest['passages']:,} passages" if ingest["passages"] is not None else ""
    summary = ", ".join(f"{count} {state}" for state, count in sorted(ingest["summary"].items()))
    print(
        f"  aiplus ingest --wait: {ingest['files']:,} files ({summary}{passages}) in "
        f"{ingest['seconds']:.1f} s = {ingest['files'] / ingest['seconds']:.1f} files/s"
    )
    for row in ingest["not_ready"]:
        print(f"    not ready: {row}")
    fused = result["aiplus"].get("fused")
    if fused:
        embed = fused["embed"]
        print(
            f"  aiplus embed --wait ({fused['model']}): {embed['with_vectors']:,} of {embed['passages']:,} passages "
            f"have vectors, {embed['from_cache']:,} from the cache ({embed['cache_file']}), "
            f"in {embed['seconds']:.1f} s"
        )
        if "tuning" in fused:
            tuning = fused["tuning"]
            grid = ", ".join(
                f"{w}: {f['mean_r1']:.4f}"
                for w, f in sorted(tuning["by_weight"].items(), key=lambda i: float(i[0]))
            )
            print(f"  fusion weight learned on the tuning split (mean R@1 of both scripts by weight): {grid}")
        print(
            f"  dense weight used: {fused['dense_weight']} (learned on: {fused['weight_learned_on'] or 'not recorded'})"
        )
    runs = result["aiplus"]["search_runs"]
    print(
        "  aiplus search --queries (one process per script, wall time incl. start-up and index load): "
        + ", ".join(
            f"{script} {run['seconds']:.1f} s ({run['queries'] / run['seconds']:.0f} q/s)"
            for script, run in runs.items()
        )
    )
    print()
    header = f"  {'system':<34} {'script':<14} {'R@1':>7} {'R@5':>7} {'MRR@10':>7}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    systems = [
        ("aiplus (CLI, BM25)", result["aiplus"]["metrics"]),
        *([("aiplus (CLI, fused BM25 + dense)", fused["metrics"])] if fused else []),
        ("bm25s, jieba tokens of hk2s text", result["peers"]["bm25s_jieba"]["metrics"]),
        ("rank_bm25 BM25Okapi, text.split()", result["peers"]["rank_bm25"]["metrics"]),
        ("SQLite FTS5 trigram, OR trigrams", result["peers"]["fts5_trigram"]["metrics"]),
    ]
    for name, metrics in systems:
        for script in SCRIPTS:
            m = metrics[script]
            print(f"  {name:<34} {script:<14} {m['r1']:>7.4f} {m['r5']:>7.4f} {m['mrr10']:>7.4f}")
        d = metrics["difference"]
        print(f"  {name:<34} {'Trad - Simp':<14} {d['r1']:>+7.4f} {d['r5']:>+7.4f} {d['mrr10']:>+7.4f}")
    no_match = result["peers"]["rank_bm25"]["queries_with_no_match"]
    print()
    print(
        "  Note: rank_bm25 with whitespace tokens cannot split unspaced Chinese: a paragraph or question "
        "is one or a few 'words',\n  so almost nothing matches (questions with no positive score: "
        + ", ".join(f"{s} {v:.1%}" for s, v in no_match.items())
        + "). FTS5 trigrams match characters exactly, so they do not fold Simplified to Traditional."
    )
    print()
    for script, info in (fused or result["aiplus"])["misses"].items():
        print(
            f"  aiplus R@1 misses, {script}: {info['r1_misses']} (gold at rank 2-10: "
            f"{info['gold_ranked_2_to_10']}, not in top 10: {info['gold_not_in_top_10']}; "
            f"top hit another paragraph of the same DRCD article: {info['top_hit_same_drcd_article']}, "
            f"a CMRC paragraph: {info['top_hit_is_cmrc']})"
        )
        for row in info["examples"]:
            print(f"    {row['id']}  Q: {row['question']}")
            rank = row["gold_rank"] or "> 10"
            print(f"      gold {row['gold']} (rank {rank}): {row['gold_start']}…")
            print(f"      top  {row['top_hit']}: {row['top_hit_start']}…")
    target = result["target"]
    print()
    print(
        f"  Target (R@1 >= {TARGET_R1} and R@5 >= {TARGET_R5} in both scripts, scripts within "
        f"{TARGET_SCRIPT_GAP}): {'MET' if target['met'] else 'MISSED'}"
    )
    for check, margin in target["margins"].items():
        status = "ok" if margin >= -1e-12 else f"MISSED by {-margin:.4f}"
        print(f"    {check:<40} {status}")


def run_retrieval(corpus: Corpus, *, keep: bool, fused: bool = True, tuning: Corpus | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="aiplus-bench-retrieval-"))
    try:
        result = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "corpus": {
                "paragraphs": len(corpus.paragraphs),
                "drcd_paragraphs": corpus.drcd_paragraphs,
                "cmrc_paragraphs": corpus.cmrc_paragraphs,
                "questions": len(corpus.questions),
                "drcd_questions_total": corpus.drcd_questions_total,
                "split": corpus.split,
                "split_questions": corpus.split_questions,
            },
            "aiplus": aiplus_retrieval(corpus, work, fused=fused, tuning=tuning),
            "peers": {
                "bm25s_jieba": peer_bm25s_jieba(corpus),
                "rank_bm25": peer_rank_bm25(corpus),
                "fts5_trigram": peer_fts5_trigram(corpus),
            },
        }
        best = result["aiplus"].get("fused") or result["aiplus"]
        result["target"] = retrieval_target(best["metrics"])
        result["target"]["system"] = "fused" if "fused" in result["aiplus"] else "bm25"
    finally:
        if keep:
            note(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


# --- main --------------------------------------------------------------------------------------------


def write_results(path: Path, section: str, result: dict) -> None:
    """Update one section of the results file, leaving the other benchmark's last figures in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        existing = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        existing = {}
    existing[section] = result
    path.write_text(json.dumps(existing, ensure_ascii=False, indent=2) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--quick", action="store_true", help="smoke check: 300 questions, 10k chunks, 300 timed queries"
    )
    parser.add_argument("--only", choices=["retrieval", "latency"], help="run one benchmark only")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default {DEFAULT_DATA})"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders for inspection")
    parser.add_argument(
        "--split",
        choices=list(SPLITS),
        default="held-out",
        help="which DRCD questions to ask: "
        + "; ".join(f"{name}: {meaning}" for name, meaning in SPLITS.items())
        + " (default held-out)",
    )
    parser.add_argument(
        "--tune",
        action="store_true",
        help="learn the fusion weight on the tuning split first and store it in "
        "src/aiplus/search/fusion_weights.json (only with --split held-out)",
    )
    parser.add_argument("--no-dense", action="store_true", help="BM25 only: skip embedding and fused search")
    parser.add_argument(
        "--drcd-articles",
        type=int,
        help="a small pool: only the first N DRCD dev articles, no CMRC (its figures are not the headline's; "
        "results go to retrieval-articles-N.json)",
    )
    args = parser.parse_args(argv)
    if args.tune and (args.split != "held-out" or args.no_dense):
        parser.error(
            "--tune learns on the tuning split, so it reports only on held-out questions, with dense"
        )
    sys.stdout.reconfigure(line_buffering=True)  # the table and the progress notes interleave in order

    data = args.data.resolve()
    needed = [data / "drcd" / "DRCD_dev.json", data / "cmrc2018" / "cmrc2018_dev.json"]
    absent = [str(path) for path in needed if not path.exists()]
    if absent:
        print(f"Skipping the retrieval benchmarks: data not found ({', '.join(absent)}).")
        print("They need DRCD and CMRC 2018 dev sets at ../shared/data (or give --data DIR).")
        return 0

    started = time.perf_counter()
    results_name = (
        "retrieval"
        + ("-quick" if args.quick else "")
        + ("" if args.split == "held-out" else f"-{args.split}")
        + (f"-articles-{args.drcd_articles}" if args.drcd_articles else "")
    )
    results_path = RESULTS_DIR / f"{results_name}.json"
    corpus = load_corpus(
        data, question_limit=300 if args.quick else None, split=args.split, drcd_articles=args.drcd_articles
    )
    if args.only in (None, "retrieval"):
        tuning = None
        if args.tune:
            tuning = load_corpus(
                data,
                question_limit=300 if args.quick else TUNE_SAMPLE,
                split="tuning",
                drcd_articles=args.drcd_articles,
            )
        result = run_retrieval(corpus, keep=args.keep, fused=not args.no_dense, tuning=tuning)
        result["quick"] = args.quick
        write_results(results_path, "retrieval", result)
        print_retrieval(result)
    if args.only in (None, "latency"):
        result = run_latency(
            corpus,
            sizes=[10_000] if args.quick else [10_000, 100_000],
            n_queries=300 if args.quick else 1000,
            keep=args.keep,
        )
        result["quick"] = args.quick
        write_results(results_path, "latency", result)
        print_latency(result)
    elapsed = time.perf_counter() - started
    write_results(results_path, "run_seconds", {"total": elapsed, "only": args.only, "quick": args.quick})
    print()
    print(f"Total run time {elapsed:.0f} s; figures written to {results_path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
