"""Personal-data detection: aiplus's detector against Presidio's pattern recognizers, on two sets.

(a) Presidio's ``synth_dataset_v2.json`` (English, international; ``../shared/data/presidio``). Its types map
to ours as SYNTH_TO_OURS below (GPE → LOCATION, DOMAIN_NAME → URL, US_SSN and US_DRIVER_LICENSE →
ID_NUMBER); the one other gold type, TITLE (Mr., job titles), is not detected and counts as a miss in the
any-PII figure. Scored at token level (words, and single CJK characters): a token is personal data when a
gold span covers it, found when a predicted span covers it; per type, both must carry that type. Any-PII
ignores types. Published Presidio with a large spaCy model: any-PII precision 0.733, recall 0.646 (token
level). "any-PII (mapped)" also leaves out the gold types we never claim to detect, for what our types cover.
aiplus runs in two configurations, each a user's default: "Redact default" (the Redact tool and
``aiplus redact`` with AIPLUS_REDACT_TYPES unset: the eight personal types and the quasi-identifiers) and
"gateway default" (the model gateway: the eight personal types only).
(b) The team's Hong Kong set ``bench/data/privacy/hk_sentences.jsonl`` (see its README): per type, span
level, a gold span is found when a predicted span of its type overlaps it, and a predicted span is right
when it overlaps a gold span of its type; plus any-PII at token level.

Both sets are split by a fixed hash of each sentence (md5, even = tune, odd = test); the detector's rules
and lists were adjusted only while looking at the tune halves, and the test halves are reported.

Presidio "patterns only" is presidio-analyzer's AnalyzerEngine with all its default recognizers and a blank
spaCy pipeline (no NER model): what a user without model downloads gets. Its types map as PRESIDIO_TO_OURS;
its other findings (DATE_TIME, URL, US_SSN…) still count for any-PII.

    .venv/bin/python bench/redaction.py [--split test|tune|all] [--only synth|hk]
"""

import argparse
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ itself must not be on the path: bench/catalogue.py would hide spaCy's ``catalogue`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results"
HK_SET = ROOT / "bench" / "data" / "privacy" / "hk_sentences.jsonl"
SYNTH_TO_OURS = {
    "PERSON": "PERSON",
    "STREET_ADDRESS": "ADDRESS",
    "ZIP_CODE": "ADDRESS",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "BANK_ACCOUNT",
    "GPE": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "NRP": "NRP",
    "DATE_TIME": "DATE_TIME",
    "AGE": "AGE",
    "IP_ADDRESS": "IP_ADDRESS",
    "DOMAIN_NAME": "URL",
    "US_SSN": "ID_NUMBER",
    "US_DRIVER_LICENSE": "ID_NUMBER",
}
PRESIDIO_TO_OURS = {
    "PERSON": "PERSON",
    "LOCATION": "ADDRESS",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "BANK_ACCOUNT",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "US_PASSPORT": "PASSPORT",
    "US_SSN": "ID_NUMBER",
    "US_DRIVER_LICENSE": "ID_NUMBER",
}
TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+|[^\w\s]")


def split_of(key: str) -> str:
    return "tune" if int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def load_synth(path: Path, split: str) -> list[dict]:
    rows = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if split in ("all", split_of(item["full_text"])):
            spans = [(s["entity_type"], s["start_position"], s["end_position"]) for s in item["spans"]]
            rows.append({"text": item["full_text"], "spans": spans})
    return rows


def load_hk(split: str) -> list[dict]:
    rows = []
    for line in HK_SET.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if split in ("all", split_of(item["id"])):
            spans = [(s["type"], s["start"], s["end"]) for s in item["spans"]]
            rows.append({"text": item["text"], "spans": spans, "language": item["language"]})
    return rows


def aiplus_system(types: str = "personal"):
    """The detector as the model gateway runs it by default (``personal``: the eight personal-data types)
    or as the Redact tool runs it by default (``all``: quasi-identifiers too; AIPLUS_REDACT_TYPES unset)."""
    from aiplus.privacy.detect import ALL_TYPES, TYPES, detect

    chosen = ALL_TYPES if types == "all" else TYPES
    return lambda text: [(s.type, s.start, s.end) for s in detect(text, types=chosen)]


def presidio_system():
    """AnalyzerEngine with its default recognizers over a blank English spaCy pipeline (no model)."""
    import logging

    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # no network here for its suffix list
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank:en"}])
    engine.nlp = {"en": spacy.blank("en")}
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])

    def run(text: str):
        return [
            (PRESIDIO_TO_OURS.get(r.entity_type, r.entity_type), r.start, r.end)
            for r in analyzer.analyze(text, language="en")
        ]

    return run


def f2(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 5 * p * r / (4 * p + r)


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f2": round(f2(p, r), 3), "gold": tp + fn}


def token_labels(text: str, spans, mapping=None) -> list[set]:
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    labels = [set() for _ in tokens]
    for kind, start, end in spans:
        kind = mapping.get(kind, "~" + kind) if mapping is not None else kind
        for index, (s, e) in enumerate(tokens):
            if s < end and e > start:
                labels[index].add(kind)
    return labels


def score_tokens(rows, predictions, mapping) -> dict:
    """Per-type and any-PII token figures; gold types outside ``mapping`` become ``~TYPE`` (never predicted)."""
    counts = defaultdict(lambda: [0, 0, 0])
    any_all, any_mapped = [0, 0, 0], [0, 0, 0]
    for row, predicted in zip(rows, predictions, strict=True):
        gold = token_labels(row["text"], row["spans"], mapping)
        found = token_labels(row["text"], predicted)
        for g, f in zip(gold, found, strict=True):
            for kind in g | f:
                if kind.startswith("~"):
                    continue
                counts[kind][0 if kind in g and kind in f else 1 if kind in f else 2] += 1
            for tally, g_any in ((any_all, bool(g)), (any_mapped, any(not k.startswith("~") for k in g))):
                if g_any and f:
                    tally[0] += 1
                elif f and not (g and tally is any_mapped):
                    tally[1] += 1
                elif g_any:
                    tally[2] += 1
    table = {kind: prf(*c) for kind, c in sorted(counts.items()) if c[0] + c[2]}
    table["any-PII"] = prf(*any_all)
    table["any-PII (mapped)"] = prf(*any_mapped)
    return table


def score_spans(rows, predictions) -> dict:
    counts = defaultdict(lambda: [0, 0, 0])
    for row, predicted in zip(rows, predictions, strict=True):
        for kind, start, end in row["spans"]:
            hit = any(k == kind and s < end and e > start for k, s, e in predicted)
            counts[kind][0 if hit else 2] += 1
        for kind, start, end in predicted:
            if not any(k == kind and s < end and e > start for k, s, e in row["spans"]):
                counts[kind][1] += 1
    return {kind: prf(*c) for kind, c in sorted(counts.items())}


def run(system, rows) -> tuple[list, float]:
    """The predictions and the CPU seconds they took (word lists are loaded before the clock starts)."""
    system("Warm-up: Mr Chan flew to Canada on 13 March 2019.")
    started = time.process_time()
    predictions = [system(row["text"]) for row in rows]
    return predictions, time.process_time() - started


def print_table(title: str, tables: dict) -> None:
    print(f"\n{title}")
    kinds = sorted({k for t in tables.values() for k in t}, key=lambda k: (k.startswith("any"), k))
    print(f"{'type':<18}{'gold':>6}  " + "  ".join(f"{name:>24}" for name in tables))
    print(f"{'':<18}{'':>6}  " + "  ".join(f"{'P':>8}{'R':>8}{'F2':>8}" for _ in tables))
    for kind in kinds:
        gold = next((t[kind]["gold"] for t in tables.values() if kind in t), 0)
        cells = []
        for table in tables.values():
            row = table.get(kind)
            cells.append(
                f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f2']:>8.3f}" if row else f"{'-':>24}"
            )
        print(f"{kind:<18}{gold:>6}  " + "  ".join(cells))


def speed(system) -> dict:
    """Milliseconds per page of mixed text (about 3,000 characters) and characters per second, in CPU time
    of this process (the machine is shared, so wall-clock time is printed beside it)."""
    rows = load_hk("all")
    page = "\n".join(row["text"] for row in rows)[:3000]
    system(page)
    rounds, wall, cpu = 50, time.perf_counter(), time.process_time()
    for _ in range(rounds):
        system(page)
    cpu, wall = (time.process_time() - cpu) / rounds, (time.perf_counter() - wall) / rounds
    return {
        "page_chars": len(page),
        "cpu_ms_per_page": round(cpu * 1000, 2),
        "wall_ms_per_page": round(wall * 1000, 2),
        "chars_per_cpu_second": int(len(page) / cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "tune", "all"), default="test")
    parser.add_argument("--only", choices=("synth", "hk"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    print("loading presidio-analyzer…", file=sys.stderr)
    systems = {
        "aiplus Redact default": aiplus_system("all"),
        "aiplus gateway default": aiplus_system("personal"),
        "presidio patterns only": presidio_system(),
    }
    results: dict = {"split": args.split}
    synth_path = args.data / "presidio" / "synth_dataset_v2.json"
    if args.only != "hk" and synth_path.exists():
        rows = load_synth(synth_path, args.split)
        tables, seconds = {}, {}
        for name, system in systems.items():
            predictions, seconds[name] = run(system, rows)
            tables[name] = score_tokens(rows, predictions, SYNTH_TO_OURS)
        print_table(
            f"(a) Presidio synth_dataset_v2, {args.split} split, {len(rows)} sentences, token level", tables
        )
        results["synth"] = {"sentences": len(rows), "tables": tables, "seconds": seconds}
        characters = sum(len(row["text"]) for row in rows)
        for name, spent in seconds.items():
            print(f"  {name}: {int(characters / spent):,} characters per CPU second over the synth sentences")
    elif args.only != "hk":
        print(f"(a) skipped: {synth_path} is absent", file=sys.stderr)
    if args.only != "synth":
        rows = load_hk(args.split)
        spans, tokens, seconds = {}, {}, {}
        for name, system in systems.items():
            predictions, seconds[name] = run(system, rows)
            spans[name] = score_spans(rows, predictions)
            tokens[name] = score_tokens(rows, predictions, {t: t for t in systems_types()})
        print_table(f"(b) Hong Kong set, {args.split} split, {len(rows)} sentences, span overlap", spans)
        print_table(
            "(b) Hong Kong set, token level (any-PII)",
            {n: {k: v for k, v in t.items() if k == "any-PII"} for n, t in tokens.items()},
        )
        for language in ("en", "zh", "mixed"):
            part = [r for r in rows if r["language"] == language]
            table = score_spans(part, [aiplus_system()(r["text"]) for r in part])
            print(
                f"  aiplus gateway default, {language} ({len(part)}): "
                + ", ".join(f"{k} R {v['recall']:.2f} P {v['precision']:.2f}" for k, v in table.items())
            )
        results["hk"] = {"sentences": len(rows), "spans": spans, "tokens": tokens, "seconds": seconds}
    results["speed"] = {name: speed(system) for name, system in systems.items()}
    print("\nspeed (one page of the Hong Kong set, 50 runs):")
    for name, figures in results["speed"].items():
        print(
            f"  {name}: {figures['cpu_ms_per_page']} ms CPU ({figures['wall_ms_per_page']} ms wall) per "
            f"{figures['page_chars']}-character page, {figures['chars_per_cpu_second']:,} characters per CPU second"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"redaction-{args.split}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {out}", file=sys.stderr)


def systems_types():
    from aiplus.privacy.detect import TYPES

    return TYPES


if __name__ == "__main__":
    main()
