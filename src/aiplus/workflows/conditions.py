"""Whether a document (or a run's context) meets a workflow's conditions.

Matching works on unsegmented Chinese: keywords are substrings, not words between ``\\b`` boundaries (which
Chinese text does not have), and both sides are folded first (full width to half width, lower case,
Traditional to Simplified with OpenCC), so 投訴 finds 投诉 and "COMPLAINT" finds "complaint". A regular
expression is matched against the folded text too, with its own pattern folded the same way.
"""

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache

from aiplus.core.language import normalise, to_simplified
from aiplus.workflows.definition import Condition


def fold(text: str) -> str:
    return to_simplified(normalise(text or ""))


@lru_cache(maxsize=512)
def _pattern(regex: str) -> re.Pattern:
    return re.compile(fold(regex))


@dataclass
class Subject:
    """What conditions are checked against: a document's facts, its text, and the run's fields so far."""

    filename: str = ""
    file_type: str = ""
    department: str = ""
    origin: dict = field(default_factory=dict)
    text: str = ""
    fields: dict = field(default_factory=dict)
    classification: dict = field(default_factory=dict)  # a classify step's {"label", "confidence"}
    _folded: str | None = None

    @property
    def folded_text(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded


def _text_matches(condition: Condition, folded: str) -> bool:
    found = [fold(keyword) in folded for keyword in condition.keywords if keyword.strip()]
    keyword_ok = True
    if found:
        keyword_ok = all(found) if condition.match == "all" else any(found)
    regex_ok = bool(_pattern(condition.regex).search(folded)) if condition.regex else True
    return keyword_ok and regex_ok


def _value_matches(condition: Condition, value: str) -> bool:
    folded = fold(value)
    if condition.equals and folded not in {fold(v) for v in condition.equals}:
        return False
    if condition.keywords or condition.regex:
        return _text_matches(condition, folded)
    return bool(value.strip())


def condition_met(condition: Condition, subject: Subject) -> bool:
    if condition.kind == "filename":
        name = subject.filename.lower()
        met = any(fnmatch.fnmatchcase(name, pattern.lower()) for pattern in condition.equals)
    elif condition.kind == "file_type":
        met = subject.file_type.lower() in {value.lower().lstrip(".") for value in condition.equals}
    elif condition.kind == "content":
        met = _text_matches(condition, subject.folded_text)
    elif condition.kind == "department":
        met = subject.department.lower() in {value.lower() for value in condition.equals}
    elif condition.kind == "origin":
        met = _value_matches(condition, str(subject.origin.get(condition.name) or ""))
    elif condition.kind == "label":
        label = str(subject.classification.get("label") or "")
        wanted = {fold(value) for value in condition.equals}
        met = (
            bool(label)
            and (not wanted or fold(label) in wanted)
            and float(subject.classification.get("confidence") or 0.0) >= condition.min_confidence
        )
    else:  # field
        value = subject.fields.get(condition.name)
        met = value not in (None, "") and _value_matches(condition, str(value))
    return met != condition.negate


def conditions_met(conditions: list[Condition], subject: Subject) -> bool:
    """All conditions hold (none given: always)."""
    return all(condition_met(condition, subject) for condition in conditions)
