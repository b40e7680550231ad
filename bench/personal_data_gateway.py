"""What the gateway's personal-data policy costs and what it keeps back, on the Presidio synthetic set.

Reads ``../shared/data/presidio/synth_dataset_v2.json`` (1,500 English sentences with labelled personal data)
and, with the detector aiplus has (``aiplus.privacy.detect``), measures:

1. **Cost**: the time ``Guard("mask").messages`` adds to a call, for an assistant-sized prompt (a system
   prompt and six sentences as passages) and for a meeting part (about 20,000 characters); p50 and p95.
2. **Round trip**: each prompt's masked text, sent back as a model would write it, in pieces of 7
   characters, through the streaming restorer: how many come back exactly as the original.
3. **Kept back**: for each labelled type, the share of labelled values that no longer appear in the text
   the model receives. This depends on the detector (issue #10 item 6 improves it), and the set is
   US-centric: Hong Kong identity card numbers are not in it (the gateway's own tests cover those).

    .venv/bin/python bench/personal_data_gateway.py [--data ../shared/data] [--rounds 3]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PROMPT_SENTENCES = 6
MEETING_CHARS = 20_000
PIECE = 7


def _setup() -> None:
    os.environ.setdefault("AIPLUS_HOME", tempfile.mkdtemp(prefix="aiplus-bench-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "aiplus.settings"
    import django

    django.setup()


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 3),
        "n": len(ordered),
    }


def _timed(texts_per_call: list[list[str]], rounds: int) -> dict:
    from aiplus.llm.personal_data import Guard

    times = []
    for _ in range(rounds):
        for texts in texts_per_call:
            messages = [
                {"role": "system", "content": "Answer from the passages."},
                {"role": "user", "content": "\n".join(texts)},
            ]
            started = time.perf_counter()
            Guard("mask").messages(messages)
            times.append(time.perf_counter() - started)
    chars = statistics.mean(len("\n".join(texts)) for texts in texts_per_call)
    return {**_percentiles(times), "mean_chars": round(chars)}


def _round_trip(prompts: list[str]) -> dict:
    from aiplus.llm.personal_data import Guard

    exact, masked_calls = 0, 0
    for prompt in prompts:
        guard = Guard("mask")
        (sent,) = guard.texts([prompt])
        masked_calls += sent != prompt
        restorer = guard.restorer()
        pieces = [restorer.feed(sent[i : i + PIECE]) for i in range(0, len(sent), PIECE)] + [restorer.flush()]
        exact += "".join(pieces) == prompt
    return {"prompts": len(prompts), "with_placeholders": masked_calls, "restored_exactly": exact}


def _kept_back(rows: list[dict]) -> dict:
    from aiplus.llm.personal_data import Guard

    labelled, hidden = Counter(), Counter()
    for row in rows:
        (sent,) = Guard("mask").texts([row["full_text"]])
        for span in row.get("spans") or []:
            labelled[span["entity_type"]] += 1
            hidden[span["entity_type"]] += span["entity_value"] not in sent
    return {
        kind: {"labelled": labelled[kind], "kept_back": round(hidden[kind] / labelled[kind], 3)}
        for kind in sorted(labelled, key=lambda k: -labelled[k])
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds over every prompt")
    options = parser.parse_args()
    path = Path(options.data) / "presidio" / "synth_dataset_v2.json"
    if not path.is_file():
        print(f"no data at {path}; nothing measured")
        return
    _setup()
    rows = json.loads(path.read_text("utf-8"))
    sentences = [row["full_text"] for row in rows]
    prompts = [sentences[i : i + PROMPT_SENTENCES] for i in range(0, len(sentences), PROMPT_SENTENCES)]
    meeting, part = [], []
    for sentence in sentences:
        part.append(sentence)
        if sum(map(len, part)) >= MEETING_CHARS:
            meeting.append(part)
            part = []
    results = {
        "cost_assistant_prompt": _timed(prompts, options.rounds),
        "cost_meeting_part": _timed(meeting, options.rounds),
        "round_trip": _round_trip(["\n".join(p) for p in prompts]),
        "kept_back_by_type": _kept_back(rows),
    }
    print("cost of mask per call        p50 ms   p95 ms   chars")
    for name in ("cost_assistant_prompt", "cost_meeting_part"):
        r = results[name]
        print(f"  {name:27} {r['p50_ms']:7.2f}  {r['p95_ms']:7.2f}  {r['mean_chars']:6}  (n={r['n']})")
    trip = results["round_trip"]
    print(
        f"round trip (streamed in {PIECE}-character pieces): {trip['restored_exactly']}/{trip['prompts']} "
        f"restored exactly ({trip['with_placeholders']} had placeholders)"
    )
    print("kept back from the model, by labelled type (current detector):")
    for kind, r in results["kept_back_by_type"].items():
        print(f"  {kind:18} {r['kept_back']:.3f}  of {r['labelled']}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "personal_data_gateway.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
