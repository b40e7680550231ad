"""The checks that look at one place in the text: script, regional vocabulary, glossary and punctuation."""

import re
from bisect import bisect_right
from collections.abc import Iterable

from django.utils.translation import gettext as _

from aiplus.core.language import (
    HAN_RE,
    Script,
    detect_script,
    is_wide,
    sentence_spans,
    to_simplified,
    to_traditional,
    to_traditional_standard,
)
from aiplus.glossary.terms import Term
from aiplus.pilot.proofread.issues import Issue, IssueKind
from aiplus.pilot.proofread.tables import accepted_words, characters, regional_variants

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
FULL_TO_HALF = {full: half for half, full in HALF_TO_FULL.items()} | {"。": "."}
_LATIN = re.compile(r"[A-Za-z]")


def sentences(text: str) -> Iterable[tuple[int, int, Script]]:
    """Each sentence (or line) with the script it is written in."""
    for start, end in sentence_spans(text, lines=True):
        yield start, end, detect_script(text[start:end])


def _chinese_script(text: str) -> Script | None:
    """The script of the Chinese in a text, from its characters that exist in one script only; None when it
    has none. A tie goes to Traditional, the Hong Kong default."""
    simplified = sum(c in characters("simplified_only.txt") for c in text)
    traditional = sum(c in characters("traditional_only.txt") for c in text)
    if not simplified and not traditional:
        return None
    return Script.SIMPLIFIED if simplified > traditional else Script.TRADITIONAL


def script_issues(text: str) -> list[Issue]:
    """Characters of the other script in a Chinese text, with the fix OpenCC gives in context."""
    script = _chinese_script(text)
    if script is None:
        return []
    if script == Script.TRADITIONAL:
        converted, wrong, ambiguous = (
            to_traditional(text),
            characters("simplified_only.txt"),
            characters("simplified_ambiguous.txt"),
        )
        message = _("Simplified character in a Traditional Chinese text.")
    else:
        converted, wrong, ambiguous = to_simplified(text), characters("traditional_only.txt"), frozenset()
        message = _("Traditional character in a Simplified Chinese text.")
    aligned = len(converted) == len(text)
    # A character that is Traditional too (后, 出) is flagged only where standard conversion changes it in
    # context to its usual Traditional form (到達后 -> 後, but not 一出 -> 一齣, 皇后); Hong Kong variant forms
    # (公布 -> 公佈) are not a script error.
    standard = to_traditional_standard(text) if ambiguous else text
    accepted = Spans(span for word in accepted_words() for span in occurrences(text, word))
    issues = []
    for at, character in enumerate(text):
        fix = converted[at] if aligned else convert_one(character, script)
        if fix == character:
            continue
        changed_in_context = (
            aligned
            and len(standard) == len(text)
            and standard[at] != character
            and to_traditional_standard(character)
            == standard[at]  # 后 -> 後 alone too; 出 -> 齣 only in 一出
        )
        if accepted.holds(at, at + 1):
            continue
        if character in wrong or (character in ambiguous and changed_in_context):
            issues.append(Issue(at, at + 1, IssueKind.SCRIPT, message, fix, character))
    return issues


def convert_one(character: str, script: Script) -> str:
    return to_traditional(character) if script == Script.TRADITIONAL else to_simplified(character)


def occurrences(text: str, word: str) -> Iterable[tuple[int, int]]:
    if _LATIN.search(word):
        pattern = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(word)}(?![A-Za-z0-9-])", re.IGNORECASE)
    else:
        pattern = re.compile(re.escape(word))
    return ((m.start(), m.end()) for m in pattern.finditer(text))


class Spans:
    """Stretches of a text, asked whether they hold a stretch (in logarithmic time, for long texts)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.starts, self.reach = [], []
        for start, end in sorted(spans):
            self.starts.append(start)
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def holds(self, start: int, end: int) -> bool:
        """Whether a stretch starting at or before ``start`` reaches ``end``."""
        at = bisect_right(self.starts, start) - 1
        return at >= 0 and self.reach[at] >= end


def glossary_issues(text: str, glossary: Iterable[Term]) -> list[Issue]:
    """A word the glossary says not to use, unless it is part of a term written correctly (資訊 inside
    資訊科技)."""
    glossary = list(glossary)
    correct = Spans(
        {
            span
            for term in glossary
            for form in (term.en, term.zh_hant, term.zh_hans)
            if form
            for span in occurrences(text, form)
        }
    )
    script = _chinese_script(text) or Script.TRADITIONAL
    issues = []
    for term in glossary:
        for variant in term.forbidden:
            for start, end in occurrences(text, variant):
                if correct.holds(start, end):
                    continue
                fix = term.en if _LATIN.search(variant) else term.form(str(script)) or term.zh_hant
                if not fix:
                    continue
                message = _("The glossary says to write “%(fix)s”, not “%(found)s”.") % {
                    "fix": fix,
                    "found": text[start:end],
                }
                issues.append(Issue(start, end, IssueKind.GLOSSARY, message, fix, text[start:end]))
    return issues


def regional_issues(text: str) -> list[Issue]:
    """Taiwan or mainland words in a Traditional Chinese text, longest first."""
    if _chinese_script(text) == Script.SIMPLIFIED or not HAN_RE.search(text):
        return []
    variants = regional_variants()
    pattern = re.compile("|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)))
    hk_spans = Spans(span for hk, _region in variants.values() for span in occurrences(text, hk))
    region_names = {"tw": _("Taiwan"), "cn": _("mainland")}
    issues = []
    for match in pattern.finditer(text):
        if hk_spans.holds(match.start(), match.end()):
            continue
        fix, region = variants[match.group()]
        message = _("“%(found)s” is %(region)s usage; in Hong Kong write “%(fix)s”.") % {
            "found": match.group(),
            "region": region_names.get(region, region),
            "fix": fix,
        }
        issues.append(Issue(match.start(), match.end(), IssueKind.REGIONAL, message, fix, match.group()))
    return issues


def _neighbour(text: str, at: int, step: int, start: int, end: int) -> str:
    at += step
    while start <= at < end and text[at] == " ":
        at += step
    return text[at] if start <= at < end else ""


def _latin_brackets(text: str, at: int, start: int, end: int) -> bool:
    """Whether the bracket at ``at`` belongs to a Latin token, such as the check digit of A123456(3): it
    encloses no Chinese and the opening one is attached to a Latin letter or digit."""
    if text[at] == "(":
        opening, closing = at, text.find(")", at + 1, end)
    else:
        opening, closing = text.rfind("(", start, at), at
    if opening < 0 or closing < 0 or opening == start:
        return False
    inside = text[opening + 1 : closing]
    attached = text[opening - 1]
    return bool(inside) and not any(is_wide(c) for c in inside) and attached.isascii() and attached.isalnum()


def punctuation_issues(text: str) -> list[Issue]:
    """Half-width marks beside Chinese, and full-width marks in an English sentence."""
    issues = []
    for start, end, script in sentences(text):
        chinese = script != Script.ENGLISH
        for at in range(start, end):
            mark = text[at]
            before, after = _neighbour(text, at, -1, start, end), _neighbour(text, at, 1, start, end)
            if chinese and mark in HALF_TO_FULL:
                if before.isdigit() and after.isdigit():
                    continue
                if mark in "()" and _latin_brackets(text, at, start, end):
                    continue
                beside_chinese = (before and is_wide(before)) or (mark in "()" and after and is_wide(after))
                if beside_chinese:
                    fix = HALF_TO_FULL[mark]
                    message = _("Half-width “%(found)s” in Chinese text; use the full-width “%(fix)s”.")
                    issues.append(
                        Issue(
                            at,
                            at + 1,
                            IssueKind.PUNCTUATION,
                            message % {"found": mark, "fix": fix},
                            fix,
                            mark,
                        )
                    )
            elif not chinese and mark in FULL_TO_HALF and not (before and is_wide(before)):
                fix = FULL_TO_HALF[mark]
                message = _("Full-width “%(found)s” in English text; use “%(fix)s”.")
                issues.append(
                    Issue(at, at + 1, IssueKind.PUNCTUATION, message % {"found": mark, "fix": fix}, fix, mark)
                )
    return issues
