"""Proofreading a Hong Kong text: rules that need no model, and a model's spelling and grammar checked
against the text.

``proofread(text, glossary=...)`` returns every issue with its character offsets, kind, message (in the
active language) and suggested fix. The rule tables are data files in ``data/``; how each was made is
written at its top.
"""

from dataclasses import dataclass

from aiplus.glossary.terms import Term
from aiplus.pilot.proofread.consistency import number_issues, term_issues
from aiplus.pilot.proofread.issues import Issue, IssueKind
from aiplus.pilot.proofread.rules import glossary_issues, punctuation_issues, regional_issues, script_issues

__all__ = ["Issue", "IssueKind", "ProofreadResult", "proofread", "rule_issues"]


@dataclass(frozen=True)
class ProofreadResult:
    text: str
    issues: list[Issue]
    model_used: bool = False
    notice: str = ""  # why the model was not used although one is configured

    def as_dict(self) -> dict:
        issues = [issue.as_dict() for issue in self.issues]
        return {"issues": issues, "model_used": self.model_used, "notice": self.notice}


def _without_overlaps(issues: list[Issue]) -> list[Issue]:
    """One issue per stretch of text: the first kind in ``IssueKind``'s order wins (a glossary breach is
    reported as such, not also as regional vocabulary)."""
    order = list(IssueKind)
    taken: set[int] = set()
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (order.index(i.kind), i.start)):
        covered = range(issue.start, max(issue.end, issue.start + 1))
        if taken.isdisjoint(covered):
            taken.update(covered)
            kept.append(issue)
    return sorted(kept, key=lambda i: (i.start, i.end))


def rule_issues(text: str, *, glossary: list[Term] = ()) -> list[Issue]:
    """Every issue the rules find, without a model."""
    issues = [
        *glossary_issues(text, glossary),
        *script_issues(text),
        *regional_issues(text),
        *punctuation_issues(text),
        *term_issues(text, glossary),
        *number_issues(text),
    ]
    return _without_overlaps(issues)


def proofread(text: str, *, glossary: list[Term] = (), model_issues=None) -> ProofreadResult:
    """The rule issues, and those of ``model_issues(text)`` (a callable returning verified model issues)
    where a model is configured; see ``aiplus.pilot.proofread.model``."""
    issues = rule_issues(text, glossary=glossary)
    if model_issues is None:
        return ProofreadResult(text, issues)
    return ProofreadResult(text, _without_overlaps([*issues, *model_issues(text)]), model_used=True)
