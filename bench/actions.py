"""Decisions and action items found without a model, scored against annotated meetings.

Reads ``bench/data/meetings/annotations.jsonl`` (one meeting per line: file, language, date, title,
attendees, gold actions with owner, owner_aliases, task, due and the 1-based line where each was stated,
gold decisions with text and line), parses each transcript with ``aiplus.meetings.parsers``, runs
``aiplus.meetings.actions.detect`` with the meeting's date and attendees, and prints, per language and
overall, precision, recall and F1 of actions and decisions, due-date accuracy on matched actions, then
every miss and false positive with its file and line. Figures go to ``bench/results/actions.json``
(``actions-dev.json``, ``actions-held-out.json`` for a split).

``--split`` picks the meetings: ``dev`` the odd-numbered files (01, 03, ...), the only ones looked at
while rules are changed; ``held-out`` the even-numbered ones, run only to report; ``all`` (the default)
every meeting.

    .venv/bin/python bench/actions.py [--split dev|held-out|all] [--data DIR] [--quiet]
"""

import argparse
import datetime
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

DEFAULT_DATA = REPO / "bench" / "data" / "meetings"
RESULTS = REPO / "bench" / "results"
SPLITS = ("dev", "held-out", "all")
GROUPS = ("en", "zh-Hant", "yue", "mixed")
TASK_THRESHOLD = 0.3
TARGET = 0.8
RULES = f"""Matching rules:
  action   a detected action matches a gold one (one to one, best pairs first) when
           - the owner matches: equal after case folding, Traditional/Simplified folding, dropping a leading
             "the" and spaces, to the gold owner or any of its aliases; or both are empty; and
           - the task is similar: Dice coefficient >= {TASK_THRESHOLD} of character bigrams of the folded text
             (lower case, Simplified, letters, digits and Han only) when either task has Chinese characters,
             else of the sets of content words (lower case, stop words dropped, -s/-ed/-ing cut).
  due      on matched actions: the detected ISO date equals the gold one (both null counts as right).
  decision a detected decision matches a gold one (one to one) when one of its evidence segments is the
           segment holding the gold line, or its text is similar by the task rule above."""

from aiplus.core.language import HAN as _HAN  # noqa: E402  (the one Han class; src is on the path)

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "for",
        "on",
        "in",
        "at",
        "by",
        "with",
        "and",
        "or",
        "but",
        "from",
        "into",
        "about",
        "up",
        "out",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "them",
        "they",
        "we",
        "you",
        "i",
        "me",
        "my",
        "our",
        "your",
        "us",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "please",
        "also",
        "then",
        "just",
        "some",
        "any",
        "all",
        "each",
        "so",
        "as",
        "if",
        "not",
        "no",
        "do",
        "does",
        "did",
        "done",
        "get",
        "got",
        "have",
        "has",
        "had",
        "make",
        "sure",
        "let",
        "let's",
        "ok",
        "okay",
    ]
)


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- reading transcripts -------------------------------------------------------------------------------------


def read_transcript(data: bytes, filename: str):
    """The transcript's segments, read by aiplus's own parser as a user's upload would be."""
    from aiplus.meetings.parsers import parse_transcript

    return parse_transcript(data, filename).segments


_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_STAMP_RE = re.compile(rf"^\s*[\[(]?\s*{_CLOCK}\s*[\])]?\s*(?:-->\s*{_CLOCK})?\s*[-–]?\s*")
_SPEAKER_RE = re.compile(r"^(?P<speaker>[^:：\[\]<>]{1,40}?)\s*[:：]\s*(?P<text>.+)$")


def _key(text: str) -> str:
    """Text reduced to letters, digits and Han characters, for finding a line inside a segment."""
    text = re.sub(r"<[^>]+>", "", text)
    text = _STAMP_RE.sub("", text)
    return re.sub(rf"[^0-9a-z{_HAN}]", "", text.lower())


def line_to_segment(lines: list[str], segments: list) -> dict[int, int]:
    """1-based line number -> index of the segment holding that line's words (in order, by text).

    Lines that hold no words of any segment (time stamps, cue numbers, headers) map to the segment of the
    next line that does, so a gold line pointing at a VTT time stamp still finds its cue."""
    keys = [_key(s.text) for s in segments]
    mapping: dict[int, int] = {}
    cursor = 0
    for number, line in enumerate(lines, start=1):
        body = line
        labelled = _SPEAKER_RE.match(_STAMP_RE.sub("", line.strip()))
        if labelled:
            body = labelled["text"]
        key = _key(body)
        if len(key) < 2:
            continue
        for i in list(range(cursor, len(segments))) + list(range(0, cursor)):
            if key in keys[i] or (len(keys[i]) >= 4 and keys[i] in key):
                mapping[number] = segments[i].index
                cursor = i
                break
    filled: dict[int, int] = {}
    following = None
    for number in range(len(lines), 0, -1):
        following = mapping.get(number, following)
        if following is not None:
            filled[number] = following
    return filled


# --- scoring -------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    from aiplus.core.language import to_simplified

    return to_simplified(text.lower())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    if re.search(f"[{_HAN}]", a + b):
        chars_a = re.sub(rf"[^a-z0-9{_HAN}]", "", fold(a))
        chars_b = re.sub(rf"[^a-z0-9{_HAN}]", "", fold(b))
        return _dice(
            {chars_a[i : i + 2] for i in range(len(chars_a) - 1)},
            {chars_b[i : i + 2] for i in range(len(chars_b) - 1)},
        )
    words_a = {_stem(w) for w in re.findall(r"[a-z0-9]+", a.lower()) if w not in _STOP}
    words_b = {_stem(w) for w in re.findall(r"[a-z0-9]+", b.lower()) if w not in _STOP}
    return _dice(words_a, words_b)


def owner_key(name: str) -> str:
    name = re.sub(r"^the\s+", "", fold(name.strip()))
    return re.sub(r"[\s.,，、()（）]", "", name)


def owner_matches(detected: str, gold: dict) -> bool:
    names = {owner_key(n) for n in [gold.get("owner", ""), *gold.get("owner_aliases", [])]}
    if not owner_key(gold.get("owner", "")):
        return not owner_key(detected)
    return owner_key(detected) in names - {""}


def match_pairs(scores: dict[tuple[int, int], float]) -> dict[int, int]:
    """One-to-one matching, best pairs first: gold index -> detected index."""
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for (g, d), _ in sorted(scores.items(), key=lambda item: -item[1]):
        if g not in chosen and d not in used:
            chosen[g] = d
            used.add(d)
    return chosen


def score_meeting(meeting: dict, data_dir: Path) -> dict:
    from aiplus.meetings.actions import detect

    path = data_dir / meeting["file"]
    raw = path.read_bytes()
    segments = read_transcript(raw, path.name)
    lines = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
    where = line_to_segment(lines, segments)
    first_line: dict[int, int] = {}
    for number, index in sorted(where.items()):
        first_line.setdefault(index, number)
    date = datetime.date.fromisoformat(meeting["date"]) if meeting.get("date") else None
    started = time.perf_counter()
    decisions, actions = detect(segments, meeting_date=date, attendees=list(meeting.get("attendees", [])))
    seconds = time.perf_counter() - started

    gold_actions = meeting.get("actions", [])
    scores = {}
    for g, gold in enumerate(gold_actions):
        gold_segment = where.get(gold["line"])
        for d, action in enumerate(actions):
            if not owner_matches(action.owner, gold):
                continue
            sim = similarity(gold["task"], action.task)
            if sim >= TASK_THRESHOLD:
                scores[(g, d)] = sim + (1.0 if gold_segment in action.evidence else 0.0)
    pairs = match_pairs(scores)
    matched_due = [
        (gold_actions[g].get("due"), actions[d].due, gold_actions[g].get("due_text", ""), actions[d].due_text)
        for g, d in pairs.items()
    ]

    gold_decisions = meeting.get("decisions", [])
    decision_scores = {}
    for g, gold in enumerate(gold_decisions):
        gold_segment = where.get(gold["line"])
        for d, decision in enumerate(decisions):
            sim = similarity(gold["text"], decision.text)
            if gold_segment in decision.evidence or sim >= TASK_THRESHOLD:
                decision_scores[(g, d)] = sim + (1.0 if gold_segment in decision.evidence else 0.0)
    decision_pairs = match_pairs(decision_scores)

    def line_of(evidence: list[int]) -> int | None:
        return first_line.get(evidence[0]) if evidence else None

    return {
        "file": meeting["file"],
        "language": meeting.get("language", ""),
        "segments": len(segments),
        "seconds": seconds,
        "actions": {
            "gold": len(gold_actions),
            "detected": len(actions),
            "matched": len(pairs),
            "due_right": sum(g == d for g, d, _, _ in matched_due),
            "due_wrong": [
                {"gold": g, "detected": d, "gold_text": gt, "detected_text": dt}
                for g, d, gt, dt in matched_due
                if g != d
            ],
            "misses": [
                {
                    "line": gold["line"],
                    "owner": gold.get("owner", ""),
                    "task": gold["task"],
                    "due": gold.get("due"),
                }
                for g, gold in enumerate(gold_actions)
                if g not in pairs
            ],
            "false_positives": [
                {"line": line_of(a.evidence), "owner": a.owner, "task": a.task, "due": a.due}
                for d, a in enumerate(actions)
                if d not in set(pairs.values())
            ],
            "pairs": [
                {
                    "line": gold_actions[g]["line"],
                    "gold": gold_actions[g]["task"],
                    "detected": actions[d].task,
                    "owner": actions[d].owner,
                }
                for g, d in pairs.items()
            ],
        },
        "decisions": {
            "gold": len(gold_decisions),
            "detected": len(decisions),
            "matched": len(decision_pairs),
            "misses": [
                {"line": gold["line"], "text": gold["text"]}
                for g, gold in enumerate(gold_decisions)
                if g not in decision_pairs
            ],
            "false_positives": [
                {"line": line_of(d.evidence), "text": d.text}
                for i, d in enumerate(decisions)
                if i not in set(decision_pairs.values())
            ],
        },
    }


def prf(matched: int, detected: int, gold: int) -> dict:
    precision = matched / detected if detected else (1.0 if not gold else 0.0)
    recall = matched / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def summarise(results: list[dict]) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        groups[result["language"]].append(result)
        groups["overall"].append(result)
    out = {}
    for name in [*GROUPS, *sorted(set(groups) - set(GROUPS) - {"overall"}), "overall"]:
        members = groups.get(name)
        if not members:
            continue
        a = {k: sum(m["actions"][k] for m in members) for k in ("gold", "detected", "matched", "due_right")}
        d = {k: sum(m["decisions"][k] for m in members) for k in ("gold", "detected", "matched")}
        out[name] = {
            "meetings": len(members),
            "actions": {**a, **prf(a["matched"], a["detected"], a["gold"])},
            "due_accuracy": round(a["due_right"] / a["matched"], 3) if a["matched"] else None,
            "decisions": {**d, **prf(d["matched"], d["detected"], d["gold"])},
        }
    return out


def report(summary: dict, results: list[dict], quiet: bool) -> None:
    print(RULES)
    print()
    header = f"{'group':9} {'mtgs':>4} | {'act gold':>8} {'det':>4} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'due acc':>7} | {'dec gold':>8} {'det':>4} {'P':>6} {'R':>6} {'F1':>6}"
    print(header)
    print("-" * len(header))
    for name, row in summary.items():
        a, d = row["actions"], row["decisions"]
        due = f"{row['due_accuracy']:.3f}" if row["due_accuracy"] is not None else "-"
        print(
            f"{name:9} {row['meetings']:>4} | {a['gold']:>8} {a['detected']:>4} {a['matched']:>5} "
            f"{a['precision']:>6.3f} {a['recall']:>6.3f} {a['f1']:>6.3f} {due:>7} | "
            f"{d['gold']:>8} {d['detected']:>4} {d['precision']:>6.3f} {d['recall']:>6.3f} {d['f1']:>6.3f}"
        )
    print()
    gaps = []
    for name, row in summary.items():
        for kind in ("precision", "recall"):
            value = row["actions"][kind]
            if value < TARGET:
                gaps.append(f"{name} action {kind} {value:.3f} (short by {TARGET - value:.3f})")
    print(f"Target: action precision and recall >= {TARGET} overall and in each language group: ", end="")
    print("met." if not gaps else "missed: " + "; ".join(gaps) + ".")
    if quiet:
        return
    for result in results:
        a, d = result["actions"], result["decisions"]
        if not (a["misses"] or a["false_positives"] or a["due_wrong"] or d["misses"] or d["false_positives"]):
            continue
        print(f"\n== {result['file']} ({result['language']})")
        for miss in a["misses"]:
            print(f"  action miss  L{miss['line']:<4} [{miss['owner']}] {miss['task']}  (due {miss['due']})")
        for fp in a["false_positives"]:
            print(f"  action FP    L{fp['line']!s:<4} [{fp['owner']}] {fp['task']}  (due {fp['due']})")
        for wrong in a["due_wrong"]:
            print(
                f"  due wrong    gold {wrong['gold']} ({wrong['gold_text']}) "
                f"detected {wrong['detected']} ({wrong['detected_text']})"
            )
        for miss in d["misses"]:
            print(f"  decision miss L{miss['line']:<4} {miss['text']}")
        for fp in d["false_positives"]:
            print(f"  decision FP   L{fp['line']!s:<4} {fp['text']}")


def in_split(filename: str, split: str) -> bool:
    """Whether a meeting file belongs to a split: dev = odd leading number, held-out = even."""
    if split == "all":
        return True
    number = re.match(r"\d+", filename)
    if not number:
        raise SystemExit(f"{filename}: no leading meeting number, so it belongs to no split")
    odd = int(number.group()) % 2 == 1
    return odd if split == "dev" else not odd


def _setup_django() -> None:
    """The transcript parser may live next to Django models; the detector itself needs no Django."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    os.environ.setdefault("AIPLUS_LOG_LEVEL", "WARNING")  # one line a transcript read would bury the table
    try:
        import django

        django.setup()
    except Exception as error:  # the detector runs without it
        note(f"Django not set up ({error}); going on without it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder of transcripts and annotations.jsonl"
    )
    parser.add_argument("--quiet", action="store_true", help="figures only, without the list of errors")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="dev: odd-numbered meetings (for changing rules); held-out: even-numbered (report only); all",
    )
    args = parser.parse_args()
    annotations = args.data / "annotations.jsonl"
    if not annotations.exists():
        print(f"No annotations at {annotations}: nothing to measure.")
        return
    _setup_django()
    meetings = [json.loads(line) for line in annotations.read_text("utf-8").splitlines() if line.strip()]
    meetings = [meeting for meeting in meetings if in_split(meeting["file"], args.split)]
    results = []
    for meeting in meetings:
        if not (args.data / meeting["file"]).exists():
            note(f"missing transcript {meeting['file']}, skipped")
            continue
        results.append(score_meeting(meeting, args.data))
    summary = summarise(results)
    print(f"{len(results)} meetings ({args.split}) from {args.data}")
    report(summary, results, args.quiet)
    results_file = RESULTS / ("actions.json" if args.split == "all" else f"actions-{args.split}.json")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results_file.write_text(
        json.dumps(
            {"rules": RULES, "split": args.split, "target": TARGET, "summary": summary, "meetings": results},
            ensure_ascii=False,
            indent=1,
        ),
        "utf-8",
    )
    note(f"figures written to {results_file.relative_to(REPO)}")


if __name__ == "__main__":
    main()
