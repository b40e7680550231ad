"""The rule tables of ``data/``, read once."""

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("aiplus.pilot.proofread").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def characters(name: str) -> frozenset[str]:
    return frozenset("".join(_lines(name)))


@cache
def regional_variants() -> dict[str, tuple[str, str]]:
    """variant -> (Hong Kong form, region code tw or cn)."""
    rows = [line.split("\t") for line in _lines("regional_variants.tsv")]
    return {row[0]: (row[1], row[2]) for row in rows if len(row) >= 3}


@cache
def consistent_forms() -> list[tuple[str, ...]]:
    return [tuple(part for part in line.split("\t") if part) for line in _lines("consistent_forms.tsv")]


@cache
def accepted_words() -> tuple[str, ...]:
    return tuple(_lines("hk_accepted.txt"))
