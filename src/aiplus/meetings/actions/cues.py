"""Cues that tell what a sentence does: accept, decline, report what is done, suppose, give an opinion,
ask, or only lead in ("So, OK, ...")."""

import re

from aiplus.core.language import HAN_RE, has_han
from aiplus.meetings.actions.tables import pattern

# --- cue vocabularies ---------------------------------------------------------------------------------------


def reports_done_zh(text: str) -> bool:
    """Whether a Chinese clause reports what was already done. What describes a thing ("啲已經 book 咗場嘅
    團體") says nothing of the action."""
    text = re.sub(r"(?:已經|已)?[^，,。的嘅啲]{0,10}咗[^，,。的嘅]{0,6}(?:嘅|的)", "", text)
    if pattern("done_zh").search(text):
        return True
    return bool(pattern("perfective_zh").search(text)) and not pattern("sequence_zh").search(text)


def strip_lead(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = pattern("leading_en").sub("", text).strip()
        text = pattern("leading_zh").sub("", text).strip()
    return text


def is_decline(sentence: str) -> bool:
    text = strip_lead(sentence) if not re.match(r"^(?:no|nope)\b", sentence, re.I) else sentence
    if pattern("decline_en").match(text):
        return not re.search(r"\b(?:but|instead)\b.*\b(?:i'll|i will|we'll|will)\b", text, re.I)
    if text.rstrip().endswith(("?", "？")):
        return False
    if has_han(text) and pattern("decline_zh").search(text) and len(HAN_RE.findall(text)) <= 14:
        return not re.search(r"我(?:會|嚟|跟)|你(?:就|再)", text)
    return False
