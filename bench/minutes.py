"""Meeting minutes with no model: QMSum summary quality, and time and peak memory on a 3-hour meeting.

QMSum: every validation meeting is written out as a "Speaker: text" transcript, run through
``aiplus minutes … --format json``, and the JSON ``summary`` is scored with ROUGE-1/2/L (rouge-score,
Porter stemming, F1 x 100) against the reference answer to the meeting's general query ("Summarize the
whole meeting"). Two baselines run on the same transcripts in the same run: the first sentences of the
meeting up to the same length (Lead), and aiplus's own key sentences without the reported-speech write-up
(an ablation).

Speaker roles are the benchmark's own configuration, not aiplus's: the AMI meetings label their speakers by
the roles of a design team (``bench/data/qmsum/roles.txt``: Project Manager, Marketing, Industrial
Designer, User Interface), which are passed with ``aiplus minutes --roles``, as a department would set its
own. aiplus's defaults are a government committee's (Chair 主席, Secretary 秘書, Members 委員 ...). The ICSI
labels ("Grad E", "PhD D") name one person each and are left as names.

Long meeting: about 30,000 words (3 hours of timed turns, built from QMSum meetings end to end) as WebVTT,
through the same command; wall time and the peak resident memory of the process, median of 3 runs.

    .venv/bin/python bench/minutes.py [--only qmsum|long] [--data DIR] [--runs 3]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "bench" / "results" / "minutes.json"
QMSUM_ROLES = REPO / "bench" / "data" / "qmsum" / "roles.txt"
TARGET_ROUGE1 = 28.7
TARGET_LONG_SECONDS = 30.0
LONG_WORDS = 30_000
PUBLISHED = {  # QMSum paper, general queries, ROUGE-1/2/L
    "TextRank": (16.27, 2.69, 15.41),
    "PGNet": (28.74, 5.98, 25.13),
    "BART": (29.20, 6.37, 25.49),
}
ISOLATE_ENV = ("DATABASE_URL", "CELERY_BROKER_URL", "AIPLUS_LLM_BASE_URL", "AIPLUS_LLM_MODEL")


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def aiplus(args: list[str], home: Path) -> tuple[float, int]:
    """Run the aiplus command; returns (seconds, peak resident memory of that process in MB)."""
    env = {k: v for k, v in os.environ.items() if k not in ISOLATE_ENV}
    env.update({"AIPLUS_HOME": str(home), "AIPLUS_LOG_LEVEL": "WARNING"})
    command = [str(REPO / ".venv" / "bin" / "aiplus"), *args]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: exec so that its own peak memory can be read from wait4
        os.execve(command[0], command, env)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"aiplus {' '.join(args[:1])} failed with status {status}")
    return seconds, usage.ru_maxrss // 1024


def load_meetings(data: Path) -> list[dict]:
    path = data / "qmsum" / "val.jsonl"
    if not path.exists():
        raise SystemExit(f"QMSum validation data not found at {path}")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def transcript_text(meeting: dict) -> str:
    return "".join(f"{t['speaker']}: {t['content']}\n" for t in meeting["meeting_transcripts"])


def rouge(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = [[], [], []]
    for reference, summary in pairs:
        scores = scorer.score(reference, summary)
        for total, key in zip(totals, ("rouge1", "rouge2", "rougeL"), strict=True):
            total.append(scores[key].fmeasure * 100)
    return tuple(round(statistics.mean(t), 2) for t in totals)


def lead(meeting: dict, words: int) -> str:
    from aiplus.meetings.summarise import sentences
    from aiplus.meetings.transcript import Segment

    segments = [Segment(i, t["speaker"], t["content"]) for i, t in enumerate(meeting["meeting_transcripts"])]
    out, total = [], 0
    for sentence in sentences(segments):
        if sentence.words >= 8 and total < words:
            out.append(sentence.text)
            total += sentence.words
    return " ".join(out)


def key_sentences_only(meeting: dict) -> str:
    from aiplus.meetings.engine import SUMMARY_WORDS
    from aiplus.meetings.summarise import key_sentences, sentences
    from aiplus.meetings.transcript import Segment

    segments = [Segment(i, t["speaker"], t["content"]) for i, t in enumerate(meeting["meeting_transcripts"])]
    items = sentences(segments)
    return " ".join(items[i].text for i in key_sentences(items, budget=SUMMARY_WORDS["en"]))


def run_qmsum(data: Path, work: Path) -> dict:
    meetings = load_meetings(data)
    home = work / "home"
    pairs, leads, ablation, seconds, lengths = [], [], [], [], []
    for number, meeting in enumerate(meetings):
        source = work / f"qmsum-{number:02d}.txt"
        source.write_text(transcript_text(meeting), "utf-8")
        output = work / f"qmsum-{number:02d}.json"
        elapsed, _ = aiplus(
            ["minutes", str(source), "--format", "json", "-o", str(output), "--roles", str(QMSUM_ROLES)], home
        )
        seconds.append(elapsed)
        summary = json.loads(output.read_text("utf-8"))["summary"]
        reference = meeting["general_query_list"][0]["answer"]
        lengths.append(len(summary.split()))
        pairs.append((reference, summary))
        leads.append((reference, lead(meeting, len(summary.split()))))
        ablation.append((reference, key_sentences_only(meeting)))
        note(f"  qmsum {number + 1}/{len(meetings)}: {len(summary.split())} words in {elapsed:.1f} s")
    return {
        "meetings": len(meetings),
        "aiplus": rouge(pairs),
        "key_sentences_without_write_up": rouge(ablation),
        "lead": rouge(leads),
        "summary_words_median": statistics.median(lengths),
        "seconds_per_meeting_median": round(statistics.median(seconds), 2),
        "published": PUBLISHED,
        "roles": [line.strip() for line in QMSUM_ROLES.read_text("utf-8").splitlines() if line.strip()],
    }


def long_vtt(data: Path, words: int = LONG_WORDS) -> tuple[str, int, float]:
    """A WebVTT transcript of about ``words`` words: QMSum meetings end to end, timed at 170 words a minute."""
    cues, total, clock = ["WEBVTT", ""], 0, 0.0
    meetings = load_meetings(data)
    while total < words:
        for meeting in meetings:
            for turn in meeting["meeting_transcripts"]:
                count = len(turn["content"].split())
                if not count:
                    continue
                start, clock = clock, clock + max(count / 170 * 60, 1.0)
                cues += [
                    f"{_vtt_clock(start)} --> {_vtt_clock(clock)}",
                    f"<v {turn['speaker']}>{turn['content']}",
                    "",
                ]
                total += count
                if total >= words:
                    return "\n".join(cues), total, clock
    return "\n".join(cues), total, clock


def _vtt_clock(seconds: float) -> str:
    # Whole milliseconds first, so that 59.9996 s is written 01:00.000 and not 00:60.000.
    millis = round(seconds * 1000)
    return (
        f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"
    )


def run_long(data: Path, work: Path, runs: int) -> dict:
    text, words, duration = long_vtt(data)
    source = work / "three-hours.vtt"
    source.write_text(text, "utf-8")
    results = []
    for run in range(runs):
        output = work / f"three-hours-{run}.docx"
        seconds, peak_mb = aiplus(
            ["minutes", str(source), "--format", "docx", "-o", str(output)], work / "home"
        )
        results.append((seconds, peak_mb))
        note(f"  3-hour meeting run {run + 1}/{runs}: {seconds:.1f} s, peak {peak_mb} MB")
    return {
        "words": words,
        "hours": round(duration / 3600, 2),
        "seconds_median": round(statistics.median(r[0] for r in results), 2),
        "peak_mb_median": statistics.median(r[1] for r in results),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("qmsum", "long"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-minutes-") as folder:
        work = Path(folder)
        os.environ["AIPLUS_HOME"] = str(work / "home")
        import django

        django.setup()
        if args.only in (None, "qmsum"):
            note("QMSum validation: aiplus minutes on each meeting…")
            result["qmsum"] = run_qmsum(args.data, work)
        if args.only in (None, "long"):
            note("Long meeting: building a 3-hour transcript…")
            result["long"] = run_long(args.data, work, args.runs)
    report(result)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nfigures written to {RESULTS.relative_to(REPO)}")


def report(result: dict) -> None:
    if "qmsum" in result:
        q = result["qmsum"]
        print(
            f"\nQMSum validation, general query, {q['meetings']} meetings; ROUGE F1 x 100 (rouge-score, stemmed)"
        )
        print(f"  {'system':44} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
        rows = [
            ("aiplus minutes, no model (this run)", q["aiplus"]),
            ("  its key sentences without the write-up", q["key_sentences_without_write_up"]),
            ("Lead, same length (this run)", q["lead"]),
            *((f"{name} (published)", scores) for name, scores in q["published"].items()),
        ]
        for name, (r1, r2, rl) in rows:
            print(f"  {name:44} {r1:6.2f} {r2:6.2f} {rl:6.2f}")
        print(
            f"  speaker roles: QMSum's own, passed with --roles {QMSUM_ROLES.relative_to(REPO)}: "
            + ", ".join(q["roles"])
        )
        print(
            f"  summary length: median {q['summary_words_median']} words; "
            f"median {q['seconds_per_meeting_median']} s per meeting (whole command)"
        )
        verdict = "MET" if q["aiplus"][0] >= TARGET_ROUGE1 else "MISSED"
        print(f"  Target ROUGE-1 >= {TARGET_ROUGE1} with no model: {verdict}")
    if "long" in result:
        long = result["long"]
        print(f"\nLong meeting: {long['words']:,} words, {long['hours']} hours of WebVTT, to DOCX minutes")
        print(
            f"  median of {long['runs']}: {long['seconds_median']} s, peak memory {long['peak_mb_median']} MB"
        )
        verdict = "MET" if long["seconds_median"] <= TARGET_LONG_SECONDS else "MISSED"
        print(f"  Target <= {TARGET_LONG_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
