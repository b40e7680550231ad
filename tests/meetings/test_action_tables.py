"""The action detector's rules are data: every pattern row finds its own example, every word list and
placeholder it names exists, and nothing is read before it is first needed."""

import re
import subprocess
import sys

import pytest

from aiplus.meetings.actions import tables

ROWS = tables.pattern_rows()


@pytest.mark.parametrize("name", sorted(ROWS))
def test_every_pattern_finds_its_example(name):
    """Each row of data/patterns/*.toml carries an example sentence, and its pattern finds it."""
    example = ROWS[name]["example"]
    assert example.strip(), f"{name} has no example"
    assert tables.pattern(name).search(example), f"{name} does not find its example {example!r}"


def test_every_placeholder_names_a_word_list_or_fragment():
    """A pattern that names a word list or fragment that does not exist fails here, not in a meeting."""
    for name in ROWS:
        tables.pattern(name)  # raises KeyError / FileNotFoundError on a bad placeholder
    lines = [
        line
        for path in sorted((tables.DATA / "patterns").glob("*.toml"))
        for line in path.read_text("utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    for kind, name in re.findall(r"<<(?:(words|chars):)?(\w+)>>", "\n".join(lines)):
        if kind:
            assert tables.words(name), f"word list {name} is empty"


def test_word_lists_hold_plain_words_not_patterns():
    """Word lists are escaped when they become patterns, so a regular expression in one would match
    nothing: they hold plain words only."""
    for path in sorted(tables.DATA.glob("*.txt")):
        for word in tables.words(path.stem):
            assert not re.search(r"[()\[\]|?*+\\]", word), f"{path.name}: {word!r}"


def test_the_romanised_particle_rule_leaves_english_words_whole():
    """'ok' or 'la' ending a Chinese task is dropped only as a word of its own: 'book' keeps its 'ok'."""
    trail = tables.pattern("task_trail_zh")
    assert trail.sub("", "你聽日 book 會議室 ok") == "你聽日 book 會議室"
    assert trail.sub("", "你聽日幫手 book") == "你聽日幫手 book"


def test_importing_the_detector_reads_no_rule_files():
    """No work at import time: the word lists and the pattern table are read on first use."""
    code = (
        "import aiplus.meetings.actions as a\n"
        "from aiplus.meetings.actions import tables\n"
        "print(tables._table.cache_info().currsize, tables.words.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "0"]
