"""Evaluation of a bot on a golden set: hit@1, correct declines and citation precision, kept as runs over
time so a change that makes the bot worse shows against the run before it.

A golden set is a CSV with the header ``question,expected_id,wording``: ``expected_id`` is the FAQ entry
(or document source) the answer should cite first, empty when the bot should decline; ``wording`` (en,
zh-Hant, zh-Hans, yue, mixed) is optional and breaks the figures down.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from aiplus.bots.models import Bot, EvalRun
from aiplus.bots.services import answered, bot_answer, can_manage_bot
from aiplus.core.access import actor_label
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.services import audit_record
from aiplus.core.validation import invalid

MAX_GOLDEN_ROWS = 5000


@dataclass(frozen=True)
class GoldenRow:
    question: str
    expected_id: str
    wording: str = ""


def golden_read(data: bytes | str, *, name: str = "golden.csv") -> list[GoldenRow]:
    """The rows of a golden-set CSV, or INVALID naming the line at fault."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "CSV"}, detail=name) from None
    reader = csv.DictReader(io.StringIO(data))
    header = [h.strip() for h in reader.fieldnames or []]
    if "question" not in header or "expected_id" not in header:
        raise invalid("golden", "golden_header")
    rows = []
    for row in reader:
        question = (row.get("question") or "").strip()
        if not question:
            continue
        rows.append(
            GoldenRow(question, (row.get("expected_id") or "").strip(), (row.get("wording") or "").strip())
        )
    if not rows:
        raise invalid("golden", "required")
    if len(rows) > MAX_GOLDEN_ROWS:
        raise invalid("golden", "too_long", limit=MAX_GOLDEN_ROWS)
    return rows


def _score(bot: Bot, row: GoldenRow) -> dict:
    try:
        answer = bot_answer(bot=bot, question=row.question, client_id="eval")
    except AiplusError as error:
        return {
            "question": row.question,
            "expected_id": row.expected_id,
            "wording": row.wording,
            "error": error.message,
            "answered": False,
            "cited": [],
            "hit": False,
        }
    cited = [c.source_id for c in answer.citations] if answered(answer) else []
    return {
        "question": row.question,
        "expected_id": row.expected_id,
        "wording": row.wording,
        "answered": answered(answer),
        "cited": cited,
        "hit": bool(row.expected_id) and bool(cited) and cited[0] == row.expected_id,
        "confidence": round(float(getattr(answer, "confidence", 1.0 if answer.found else 0.0)), 3),
    }


def eval_run(*, actor, bot: Bot, rows: list[GoldenRow], golden_name: str = "") -> EvalRun:
    """Ask the bot every golden question (as the public would, without recording exchanges) and keep the run."""
    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot.slug!r}")
    results = [_score(bot, row) for row in rows]
    answerable = [r for r in results if r["expected_id"]]
    unanswerable = [r for r in results if not r["expected_id"]]
    # Citation precision: of the citations given for answerable questions, the share naming the expected source.
    precisions = [
        sum(1 for source in r["cited"] if source == r["expected_id"]) / len(r["cited"])
        for r in answerable
        if r["cited"]
    ]
    by_wording: dict[str, dict] = defaultdict(
        lambda: {"answerable": 0, "hits": 0, "should_decline": 0, "declined": 0}
    )
    for r in results:
        group = by_wording[r["wording"] or "-"]
        if r["expected_id"]:
            group["answerable"] += 1
            group["hits"] += int(r["hit"])
        else:
            group["should_decline"] += 1
            group["declined"] += int(not r["answered"])
    run = EvalRun.objects.create(
        bot=bot,
        actor_label=actor_label(actor),
        golden_name=golden_name[:255],
        questions=len(results),
        answerable=len(answerable),
        hits=sum(1 for r in answerable if r["hit"]),
        should_decline=len(unanswerable),
        declined_correctly=sum(1 for r in unanswerable if not r["answered"]),
        citation_precision=sum(precisions) / len(precisions) if precisions else 0.0,
        by_wording=dict(by_wording),
        results=results,
    )
    audit_record(actor=actor, action="bot.eval", target=f"bot:{bot.slug}", run=run.pk, questions=len(results))
    return run


def eval_runs(*, actor, bot: Bot, limit: int = 30) -> list[EvalRun]:
    if not can_manage_bot(actor, bot):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"bot {bot.slug!r}")
    return list(EvalRun.objects.filter(bot=bot).defer("results")[:limit])


def run_summary(run: EvalRun, previous: EvalRun | None = None) -> dict:
    """The run's figures, and each one's change from the run before (negative: the bot got worse)."""
    figures = {
        "hit_at_1": round(run.hit_at_1, 4),
        "correct_declines": round(run.correct_declines, 4),
        "citation_precision": round(run.citation_precision, 4),
    }
    summary = {
        "run": run.pk,
        "bot": run.bot.slug,
        "at": run.at.isoformat(),
        "golden": run.golden_name,
        "questions": run.questions,
        "answerable": run.answerable,
        "should_decline": run.should_decline,
        **figures,
        "by_wording": {
            wording: {
                "hit_at_1": round(g["hits"] / g["answerable"], 4) if g["answerable"] else None,
                "correct_declines": round(g["declined"] / g["should_decline"], 4)
                if g["should_decline"]
                else None,
            }
            for wording, g in sorted(run.by_wording.items())
        },
    }
    if previous is not None:
        before = run_summary(previous)
        summary["change"] = {name: round(value - before[name], 4) for name, value in figures.items()}
        summary["previous_run"] = previous.pk
    return summary


def previous_run(run: EvalRun) -> EvalRun | None:
    return EvalRun.objects.filter(bot=run.bot, pk__lt=run.pk).order_by("-pk").first()
