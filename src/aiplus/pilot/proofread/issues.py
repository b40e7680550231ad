"""An issue found in a text, located by character offsets."""

from dataclasses import dataclass
from enum import StrEnum


class IssueKind(StrEnum):
    GLOSSARY = "glossary"
    SCRIPT = "script"
    REGIONAL = "regional"
    PUNCTUATION = "punctuation"
    INCONSISTENT_TERM = "inconsistent_term"
    NUMBER = "number"
    DATE = "date"
    SPELLING = "spelling"
    GRAMMAR = "grammar"


@dataclass(frozen=True)
class Issue:
    start: int
    end: int
    kind: IssueKind
    message: str
    suggestion: str
    found: str

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "kind": str(self.kind),
            "found": self.found,
            "message": self.message,
            "suggestion": self.suggestion,
        }
