"""Document summaries with no model: ROUGE against the team's reference summaries, Lead in the same run,
and how many summary sentences the sentence they cite supports.

No public Chinese or bilingual summarisation set can be fetched here, so the data is the team's own: 30
government-style documents (15 English, 15 Traditional Chinese) with one reference summary each, written
by hand before this benchmark was first run (``bench/data/summaries/README.md``).

For each document, aiplus's extractive summary (``aiplus.pilot.summarise``, the engine ``aiplus summarize``
uses without a model) at ``brief`` (3 sentences) and ``standard`` (up to 6) is scored with ROUGE-1/2/L F1
(rouge-score; English with Porter stemming, Chinese on character tokens) against the reference, beside
Lead-k: the document's first k sentences, with k the number of sentences aiplus chose for that document.

Support: every summary sentence is checked against the source sentence it cites, (a) with the grounding
check generated answers pass (``llm.grounding.supported``) and (b) as an exact quote: the text at its
cited character offsets is the sentence. The engine's parameters were set before the first run and were
not tuned on this data.

    .venv/bin/python bench/summaries.py
"""

import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench" / "data" / "summaries" / "documents.jsonl"
RESULTS = REPO / "bench" / "results" / "summaries.json"
ISOLATE_ENV = ("DATABASE_URL", "CELERY_BROKER_URL", "AIPLUS_LLM_BASE_URL", "AIPLUS_LLM_MODEL")
LENGTHS = ("brief", "standard")


def _setup(home: str) -> None:
    for name in ISOLATE_ENV:
        os.environ.pop(name, None)
    os.environ.update({"AIPLUS_HOME": home, "AIPLUS_LOG_LEVEL": "WARNING"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()


class CharacterTokenizer:
    """Chinese scored on characters (and Latin words or numbers kept whole), as is usual for Chinese ROUGE."""

    def __init__(self):
        from aiplus.core.language import HAN

        self.pattern = re.compile(f"[{HAN}]|[a-z0-9]+")

    def tokenize(self, text: str) -> list[str]:
        return self.pattern.findall(text.lower())


def _scorers():
    from rouge_score import rouge_scorer

    kinds = ["rouge1", "rouge2", "rougeL"]
    return {
        "en": rouge_scorer.RougeScorer(kinds, use_stemmer=True),
        "zh-Hant": rouge_scorer.RougeScorer(kinds, tokenizer=CharacterTokenizer()),
    }


def _rouge(scorer, reference: str, candidate: str) -> tuple[float, float, float]:
    scores = scorer.score(reference, candidate)
    return tuple(100 * scores[kind].fmeasure for kind in ("rouge1", "rouge2", "rougeL"))


def run() -> dict:
    from aiplus.llm.grounding import supported
    from aiplus.pilot.sources import SourcePages, sentences_of
    from aiplus.pilot.summarise import extractive_summary

    documents = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    scorers = _scorers()
    rows: dict[tuple[str, str, str], list[tuple[float, float, float]]] = {}
    sentences = supported_count = quoted = 0
    seconds = []
    for document in documents:
        source = SourcePages(document["id"], [(1, document["text"])])
        items = sentences_of(source)
        joiner = " " if document["language"] == "en" else ""
        for length in LENGTHS:
            started = time.perf_counter()
            summary = extractive_summary(source, length=length)
            seconds.append(time.perf_counter() - started)
            chosen = [s.text for s in summary.sentences]
            lead = [s.text for s in items[: len(chosen)]]
            for system, text in (("aiplus", joiner.join(chosen)), ("lead", joiner.join(lead))):
                score = _rouge(scorers[document["language"]], document["reference"], text)
                for language in (document["language"], "all"):
                    rows.setdefault((length, system, language), []).append(score)
            for sentence in summary.sentences:
                (cite,) = sentence.cites
                cited = items[cite["sentence"] - 1].text
                sentences += 1
                supported_count += supported(sentence.text, [cited])
                quoted += (
                    " ".join(source.text[cite["start"] : cite["end"]].split())
                    == " ".join(sentence.text.split())
                    or source.text[cite["start"] : cite["end"]].replace("\n", "") == sentence.text
                )
    table = {
        f"{length}/{system}/{language}": [round(statistics.mean(s[i] for s in scores), 2) for i in range(3)]
        for (length, system, language), scores in rows.items()
    }
    return {
        "documents": len(documents),
        "rouge_f1": table,
        "summary_sentences": sentences,
        "supported_by_cited_sentence": supported_count,
        "exact_quote_at_cited_offsets": quoted,
        "median_ms_per_summary": round(1000 * statistics.median(seconds), 1),
    }


def report(results: dict) -> None:
    print(
        f"Summaries of {results['documents']} documents (bench/data/summaries), ROUGE F1 x 100 (R-1 / R-2 / R-L)"
    )
    print(f"{'length':<9} {'language':<8} {'aiplus extractive':>22} {'Lead-k (same k)':>22}")
    for length in LENGTHS:
        for language in ("en", "zh-Hant", "all"):
            ours = results["rouge_f1"][f"{length}/aiplus/{language}"]
            lead = results["rouge_f1"][f"{length}/lead/{language}"]
            print(
                f"{length:<9} {language:<8} {' / '.join(f'{v:5.1f}' for v in ours):>22} "
                f"{' / '.join(f'{v:5.1f}' for v in lead):>22}"
            )
    n = results["summary_sentences"]
    print(
        f"Summary sentences supported by the sentence they cite: {results['supported_by_cited_sentence']}/{n} "
        f"(grounding check); exact quote at the cited offsets: {results['exact_quote_at_cited_offsets']}/{n}"
    )
    print(f"Median time per summary: {results['median_ms_per_summary']} ms")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="aiplus-bench-summaries-") as home:
        _setup(home)
        results = run()
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
