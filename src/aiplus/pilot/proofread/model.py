"""Spelling and grammar from the configured model, kept only where the text really says what the model
quotes: a reported mistake that cannot be found in the text, or whose fix changes nothing, is dropped."""

import json
import logging
import re

from aiplus.llm import services as llm
from aiplus.pilot.proofread.issues import Issue, IssueKind

logger = logging.getLogger("aiplus.pilot.proofread")

LANGUAGE_NAMES = {
    "en": "English",
    "zh-hant": "Traditional Chinese (Hong Kong)",
    "zh-hans": "Simplified Chinese",
}
MAX_CHARS = 12_000  # one call per part of at most this many characters, cut at a line break where one is
_JSON_LIST = re.compile(r"\[.*\]", re.DOTALL)


def parts(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """(offset, part) pieces of ``text`` no longer than ``limit``, cut after a line break where possible."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def verified_issues(part: str, offset: int, reply: str) -> list[Issue]:
    """The model's reply read as a list of mistakes, each located in ``part``; the rest dropped."""
    match = _JSON_LIST.search(reply or "")
    try:
        items = json.loads(match.group()) if match else []
    except json.JSONDecodeError:
        items = []
    issues, used = [], set()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        quoted, fix = str(item.get("text", "")), str(item.get("suggestion", ""))
        if not quoted.strip() or quoted == fix:
            continue
        at = part.find(quoted)
        while at != -1 and at in used:
            at = part.find(quoted, at + 1)
        if at == -1:
            logger.info("model issue dropped: not in the text")
            continue
        used.add(at)
        kind = IssueKind.SPELLING if item.get("kind") == "spelling" else IssueKind.GRAMMAR
        message = str(item.get("message", ""))[:500]
        issues.append(Issue(offset + at, offset + at + len(quoted), kind, message, fix, quoted))
    return issues


def model_issues(*, actor, language: str):
    """A callable giving the verified issues of a text from the actor's model; None when no model is set."""
    if not llm.chat_configured(actor):
        return None

    def find(text: str) -> list[Issue]:
        system = llm.prompt("proofread.md").format(language=LANGUAGE_NAMES.get(language.lower(), "English"))
        issues = []
        for offset, part in parts(text):
            reply = llm.chat(
                actor=actor,
                flow="pilot.proofread",
                messages=[{"role": "system", "content": system}, {"role": "user", "content": part}],
                temperature=0,
            )
            issues += verified_issues(part, offset, reply.text)
        return issues

    return find
