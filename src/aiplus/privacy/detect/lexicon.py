"""The word lists under ``data/`` (one entry a line, ``#`` starts a comment), loaded once and turned into
regular-expression alternations, longest entry first so that 歐陽 wins over 歐."""

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>``: the first tab-separated field of each non-comment line."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def alternation(name: str) -> str:
    """A non-capturing group matching any entry of ``data/<name>`` (longest first)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words(name)), key=len, reverse=True)) + ")"


@cache
def lowered(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name))


@cache
def titles(language: str) -> tuple[str, ...]:
    lines = (DATA / "titles.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return tuple(row[0] for row in rows if row[1].strip() == language)
