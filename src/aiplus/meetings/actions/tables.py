"""The detector's rules as data: word lists (``data/*.txt``, one entry a line, ``#`` for notes), owner
pronouns (``data/pronouns.tsv``) and the pattern table (``data/patterns/*.toml``, one file per part of
the detector, ``[patterns.NAME]`` rows and shared ``[fragments]``), each read once, when first asked for.

A pattern row has a ``pattern`` (one string, or a list of strings joined without separators, so a long
alternation can be read line by line), ``ignore_case`` when it needs it, and an ``example`` it finds
(``tests/meetings/test_action_tables.py`` checks every one). Inside a pattern, ``<<han>>`` stands for the
Han character range, ``<<words:NAME>>`` for the word list NAME as an alternation (longest first),
``<<chars:NAME>>`` for its characters run together (for a character class), and ``<<NAME>>`` for the
fragment NAME of the table's ``[fragments]``.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

from aiplus.core.language import HAN

DATA = Path(__file__).resolve().parent / "data"
_PLACEHOLDER_RE = re.compile(r"<<(?:(?P<kind>words|chars):)?(?P<name>\w+)>>")


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of the word list ``data/NAME.txt``, in file order."""
    lines = (DATA / f"{name}.txt").read_text("utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(words(name))


@cache
def alternation(name: str) -> str:
    """The word list NAME as a regular-expression alternation, longest entries first."""
    return "|".join(re.escape(word) for word in sorted(words(name), key=len, reverse=True))


@cache
def pronouns() -> dict[str, str]:
    """Pronoun (English lower-cased, or Chinese) -> the kind of owner it names."""
    rows = (DATA / "pronouns.tsv").read_text("utf-8").splitlines()
    return dict(row.split("\t") for row in rows if row.strip() and not row.startswith("#"))


@cache
def _table() -> dict:
    """Every file of the pattern table merged; a row or fragment defined twice is an error."""
    merged: dict[str, dict] = {"patterns": {}, "fragments": {}}
    for path in sorted((DATA / "patterns").glob("*.toml")):
        with path.open("rb") as file:
            part = tomllib.load(file)
        for section, rows in merged.items():
            twice = rows.keys() & part.get(section, {}).keys()
            if twice:
                raise ValueError(f"{path.name}: {section} {sorted(twice)} defined twice")
            rows.update(part.get(section, {}))
    return merged


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def _expand(text: str) -> str:
    def fill(match: re.Match) -> str:
        kind, name = match["kind"], match["name"]
        if kind == "words":
            return alternation(name)
        if kind == "chars":
            return "".join(words(name))
        if name == "han":
            return HAN
        return fragment(name)

    return _PLACEHOLDER_RE.sub(fill, text)


@cache
def fragment(name: str) -> str:
    """A named piece of pattern shared by several rows, placeholders filled."""
    return _expand(_joined(_table()["fragments"][name]))


@cache
def pattern(name: str) -> re.Pattern:
    """The compiled pattern of the table row NAME."""
    row = _table()["patterns"][name]
    return re.compile(_expand(_joined(row["pattern"])), re.IGNORECASE if row.get("ignore_case") else 0)


def pattern_rows() -> dict[str, dict]:
    """Every row of the pattern table by name, for the test that runs each row's example."""
    return dict(_table()["patterns"])
