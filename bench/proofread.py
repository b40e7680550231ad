"""Proofreading without a model on the team's Hong Kong set (``bench/data/proofread/``): recall per kind of
planted error, how often the suggested fix is the right one, and false alarms on clean sentences.

The glossary is the demo glossary (``src/aiplus/glossary/data/demo_glossary.csv``). A planted error counts
as found when an issue covers its words (for numbers and dates, written two ways in one sentence, when the
sentence gets a number or date issue at all: which of the two forms is "wrong" is the writer's choice);
the fix is right when applying that issue's suggestion gives the labelled correction. Run:

    .venv/bin/python bench/proofread.py [--verbose]
"""

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench/data/proofread"
RESULTS = ROOT / "bench/results"


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    os.environ.setdefault("AIPLUS_HOME", tempfile.mkdtemp(prefix="aiplus-bench-"))
    os.environ.setdefault("AIPLUS_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def load() -> tuple[list[dict], list[str]]:
    planted = []
    for line in (DATA / "planted.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, text, wrong, fix = line.split("\t")
        planted.append({"kind": kind, "text": text, "wrong": wrong, "fix": fix})
    clean = [
        line
        for line in (DATA / "clean.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return planted, clean


def glossary():
    from aiplus.glossary.reading import read_terms

    return read_terms((ROOT / "src/aiplus/glossary/data/demo_glossary.csv").read_bytes(), "demo.csv").terms


def score_planted(item: dict, issues) -> dict:
    text, wrong, fix = item["text"], item["wrong"], item["fix"]
    start = text.index(wrong)
    end = start + len(wrong)
    expected = text[:start] + fix + text[end:]
    covering = [i for i in issues if i.start < end and start < i.end]
    found = any(i.kind in ("number", "date") for i in issues) if item["kind"] == "number" else bool(covering)
    fixed = any(text[: i.start] + i.suggestion + text[i.end :] == expected for i in covering)
    others = [i for i in issues if not (i.start < end and start < i.end)]
    return {"found": found, "fixed": fixed, "extra": len(others) if item["kind"] != "number" else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List misses and false alarms.")
    options = parser.parse_args()
    _django()
    from aiplus.pilot.proofread import rule_issues

    terms = glossary()
    planted, clean = load()
    per_kind = defaultdict(lambda: {"n": 0, "found": 0, "fixed": 0, "extra": 0})
    for item in planted:
        issues = rule_issues(item["text"], glossary=terms)
        score = score_planted(item, issues)
        row = per_kind[item["kind"]]
        row["n"] += 1
        row["found"] += score["found"]
        row["fixed"] += score["fixed"]
        row["extra"] += score["extra"]
        if options.verbose and not score["found"]:
            print(f"missed {item['kind']}: {item['text']} ({item['wrong']}→{item['fix']})", file=sys.stderr)
    alarms, alarmed = 0, 0
    for sentence in clean:
        issues = rule_issues(sentence, glossary=terms)
        alarms += len(issues)
        alarmed += bool(issues)
        if options.verbose:
            for issue in issues:
                print(
                    f"false alarm {issue.kind}: {sentence} «{issue.found}»→«{issue.suggestion}»",
                    file=sys.stderr,
                )
    total = {key: sum(row[key] for row in per_kind.values()) for key in ("n", "found", "fixed", "extra")}
    print(f"Planted errors: {total['n']} sentences; clean sentences: {len(clean)}")
    print(f"{'kind':<14}{'n':>5}{'recall':>9}{'fix right':>11}{'other issues':>14}")
    for kind, row in [*sorted(per_kind.items()), ("all", total)]:
        print(
            f"{kind:<14}{row['n']:>5}{row['found'] / row['n']:>9.3f}{row['fixed'] / row['n']:>11.3f}{row['extra']:>14}"
        )
    print(
        f"False alarms on clean sentences: {alarms} issues in {alarmed} of {len(clean)} sentences "
        f"({alarms / len(clean):.3f} per sentence)"
    )
    RESULTS.mkdir(exist_ok=True)
    figures = {
        "planted": {kind: dict(row) for kind, row in per_kind.items()} | {"all": total},
        "clean": {"sentences": len(clean), "issues": alarms, "sentences_with_issues": alarmed},
    }
    (RESULTS / "proofread.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
