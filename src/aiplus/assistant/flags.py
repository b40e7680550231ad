"""Passages that read as instructions to an assistant ("ignore previous instructions…", "send your HKID
to…", "忽略以上指示", "請將你的身份證號碼發送到…"). Documents are data: such sentences are flagged in the
answer, kept out of extractive answers, and replaced by a marker before passages are sent to a model.

The rules are a data file, ``rules/instruction_patterns.tsv`` (reason, tab, regular expression).
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from django.utils.translation import gettext as _

from aiplus.core.language import PASSAGE_CACHE_SIZE, sentence_spans

WITHHELD = "[text that reads as an instruction was removed]"


@cache
def _rules() -> tuple[tuple[str, re.Pattern], ...]:
    rules = []
    text = resources.files("aiplus.assistant.rules").joinpath("instruction_patterns.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        reason, pattern = line.split("\t", 1)
        rules.append((reason.strip(), re.compile(pattern.strip(), re.IGNORECASE | re.MULTILINE)))
    return tuple(rules)


def reasons() -> dict[str, str]:
    """Every reason code, with what it means to a reader, in the active language."""
    return {
        "override": _("It tells an assistant to ignore its instructions."),
        "role": _("It speaks to an AI assistant or gives it a new role."),
        "answer": _("It dictates what an answer must say."),
        "personal_data": _("It asks for identity numbers, passwords or bank details to be sent somewhere."),
    }


def instruction_reason(sentence: str) -> str | None:
    """The reason a sentence reads as an instruction to an assistant, or None."""
    for reason, pattern in _rules():
        if pattern.search(sentence):
            return reason
    return None


@lru_cache(maxsize=PASSAGE_CACHE_SIZE)
def instruction_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, reason) of each sentence or line of a text that reads as an instruction. Cached: an
    answer checks each passage twice (its flags, and the prompt), and the same passages come back often."""
    found = []
    for start, end in sentence_spans(text, lines=True):
        reason = instruction_reason(text[start:end])
        if reason:
            found.append((start, end, reason))
    return tuple(found)


def withhold_instructions(text: str) -> str:
    """The text with every sentence that reads as an instruction replaced by a marker."""
    for start, end, _reason in reversed(instruction_spans(text)):
        text = text[:start] + WITHHELD + text[end:]
    return text


@dataclass(frozen=True)
class Flag:
    """A passage of the answer's sources that reads as an instruction, and why."""

    source_id: str
    document_id: int
    chunk_id: int
    title: str
    reason: str
    excerpt: str
    citation: int | None = None  # its number among the answer's citations, if cited

    @property
    def message(self) -> str:
        return reasons().get(self.reason, self.reason)

    def as_dict(self) -> dict:
        return {
            "source_id": self.source_id,
            "document": self.document_id,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "reason": self.reason,
            "message": self.message,
            "excerpt": self.excerpt,
            "citation": self.citation,
        }


def passage_flags(hits) -> list[Flag]:
    """One flag per passage and reason, for the search hits given."""
    flags = []
    for hit in hits:
        seen = set()
        for start, end, reason in instruction_spans(hit.text):
            if reason in seen:
                continue
            seen.add(reason)
            excerpt = " ".join(hit.text[start:end].split())[:300]
            flags.append(Flag(hit.source_id, hit.document_id, hit.chunk_id, hit.title, reason, excerpt))
    return flags
