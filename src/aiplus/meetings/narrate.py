"""Writing what was said as minutes do: in the third person and past tense ("the Chair said that they
would..."), or in formal written Chinese ("主席表示..."), whatever language was spoken.

Without a model nothing is translated: an English summary quotes Chinese speech in Chinese, and a Chinese
summary keeps English words as spoken. Cantonese is turned into written Chinese word by word, and
Simplified into Hong Kong Traditional, because minutes are written, not spoken.
"""

import re

from aiplus.core.language import Script, detect_script, written_chinese
from aiplus.meetings.roles import Roles, default_roles

_REPORTED = [
    (r"\bI'm\b", "they were"),
    (r"\bI am\b", "they were"),
    (r"\bI was\b", "they were"),
    (r"\bI've\b", "they had"),
    (r"\bI'll\b", "they would"),
    (r"\bI'd\b", "they would"),
    (r"\bwe're\b", "they were"),
    (r"\bwe've\b", "they had"),
    (r"\bwe'll\b", "they would"),
    (r"\bwe'd\b", "they would"),
    (r"\b[Ll]et's\b", "they should"),
    (r"\b[Ii]\b", "they"),
    (r"\b[Ww]e\b", "they"),
    (r"\bme\b", "them"),
    (r"\bus\b", "them"),
    (r"\b(?:my|our)\b", "their"),
    (r"\b(?:myself|ourselves)\b", "themselves"),
    (r"\bis\b", "was"),
    (r"\bare\b", "were"),
    (r"\bwill\b", "would"),
    (r"\bcan\b", "could"),
    (r"(?<!would )(?<!could )(?<!should )(?<!might )(?<!must )(?<!to )\bhave\b", "had"),
    (r"\bhas\b", "had"),
    (r"\bdon't\b", "did not"),
    (r"\bdoesn't\b", "did not"),
    (r"\bthey was\b", "they were"),
]
_REPORTED_RE = [(re.compile(pattern), replacement) for pattern, replacement in _REPORTED]
# Verbs of saying and thinking after a pronoun: "they suggest" → "they suggested".
_PAST = {
    "propose": "proposed",
    "suggest": "suggested",
    "recommend": "recommended",
    "think": "thought",
    "believe": "believed",
    "feel": "felt",
    "need": "needed",
    "want": "wanted",
    "hope": "hoped",
    "expect": "expected",
    "agree": "agreed",
}
_PAST_RE = re.compile(rf"\bthey ({'|'.join(_PAST)})\b")

# A sentence that opens with its own reporting verb says it once, in the verb: "I propose that we end the
# pilot" is reported as "proposed that they end the pilot", "Let's start" as "suggested that they start".
_EN_OPENINGS = [
    (
        re.compile(r"^(?:I|we)(?: would like to| want to)? (propose|suggest|recommend)(?: that)?\s+", re.I),
        None,
        "",
    ),
    (re.compile(r"^(?:I|we) (?:do )?think(?: that)?\s+", re.I), "considered", ""),
    (re.compile(r"^(?:I|we) believe(?: that)?\s+", re.I), "believed", ""),
    (re.compile(r"^(?:I|we) feel(?: that)?\s+", re.I), "felt", ""),
    (re.compile(r"^let(?:'s| us)\s+", re.I), "suggested", "they "),
    (re.compile(r"^(?:could|can|shall|should) we\s+", re.I), "suggested", "they "),
    (re.compile(r"^(?:it is |it's )?agreed(?:, then)?\s*[,:]\s*", re.I), "confirmed", ""),
]
_REQUEST = r"(?i:please|could you|can you|would you|will you)"
# 我建議 → 建議; 唔該你 → 請; "Mary，你幫手…" → 請Mary…
_ZH_OPENINGS = [
    (re.compile(r"^我(?:哋|們)?(建議|提議|認為|同意|希望)"), None),
    (re.compile(r"^我(?:哋|們)?覺得"), "認為"),
    (re.compile(r"^(?:唔該|麻煩)(?:晒)?(?:你|你哋)?"), "請"),
]
_ZH_REQUEST = re.compile(r"^(?:唔該|麻煩)?(?:你|你哋)(?:幫手|幫忙|幫我)?")


LEADS = {
    "en": ("First", "Then", "Next", "Later", "After that", "In the end"),
    "zh-Hant": ("首先", "其後", "接著", "隨後", "此外", "最後"),
}


def reported(sentence: str, names=frozenset()) -> str:
    """An English sentence in reported speech: third person, past tense. Its first word is put in lower
    case unless it is one of ``names`` (people, places: words the meeting writes with a capital) or an
    acronym."""
    for pattern, replacement in _REPORTED_RE:
        sentence = pattern.sub(replacement, sentence)
    sentence = _PAST_RE.sub(lambda match: f"they {_PAST[match.group(1)]}", sentence).rstrip(" .。?？")
    first = re.match(r"[A-Za-z][\w'-]*", sentence)
    if first and first.group() not in names and not (len(first.group()) > 1 and first.group().isupper()):
        sentence = sentence[:1].lower() + sentence[1:]
    return sentence


def _english(who: str, sentence: str, names: frozenset[str]) -> str:
    """What a speaker said, as minutes put it: "the Chair asked Florence to…", "Mary proposed that…"."""
    addressee = r"(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*)?)"
    request = re.match(rf"^{addressee},\s+{_REQUEST}\s+(?P<rest>.+)$", sentence)
    if request and request.group("name") not in names:
        request = None
    if not request and (request := re.match(rf"^{_REQUEST}\s+(?P<rest>.+?)\s*[?.!]?$", sentence)):
        named = re.match(rf"^(?P<rest>.+),\s+{addressee}$", request.group("rest"))
        request = named if named and named.group("name") in names else request
    if request:
        whom = request.groupdict().get("name") or "members"
        return f"{who} asked {whom} to {reported(request.group('rest'), names | {whom})}"
    for opening, verb, subject in _EN_OPENINGS:
        if match := opening.match(sentence):
            verb = verb or _PAST[match.group(1).lower()]
            return f"{who} {verb} that {subject}{reported(sentence[match.end() :], names)}"
    said = "suggested" if re.search(r"\b(should|could|maybe|perhaps|might)\b", sentence, re.I) else "said"
    return f"{who} {said} that {reported(sentence, names)}"


def _chinese(who: str, sentence: str, names: frozenset[str]) -> str:
    """The same in written Chinese: "陳主席請Mary…", "Mary Wong建議…", or else "…表示…"."""
    sentence = sentence.rstrip(" .。")
    verb = "表示"
    addressee = re.match(r"^(?P<name>[^，,\s]{1,20})[，,]\s*", sentence)
    if addressee and addressee.group("name") in names:
        rest = sentence[addressee.end() :]
        if request := _ZH_REQUEST.match(rest):
            return f"{who}請{addressee.group('name')}{written_chinese(rest[request.end() :])}"
    for opening, replacement in _ZH_OPENINGS:
        if match := opening.match(sentence):
            verb = replacement or match.group(1)
            sentence = sentence[match.end() :]
            break
    sentence = re.sub(r"[，,]\s*我(?:哋|們)?(建議|提議)", r"，並\1", sentence)
    return f"{who}{verb}{written_chinese(sentence)}"


def narrate(lines: list[tuple[str, str]], *, language: str, names=(), roles: Roles | None = None) -> str:
    """Prose from (speaker, sentence) pairs in meeting order, in ``language`` ("en" or "zh-Hant").

    ``names`` are the people and other words the meeting writes with a capital: they keep it, and a request
    to one of them ("Florence, please…") is reported as such ("asked Florence to…"). A speaker labelled by
    one of ``roles`` (the department's; government defaults when None) is "the Chair" or "主席"."""
    roles = roles or Roles(default_roles())
    leads = LEADS[language]
    known = frozenset(
        word for name in [*names, *(speaker for speaker, _ in lines)] for word in [name, *name.split()]
    )
    parts = []
    for n, (speaker, sentence) in enumerate(lines):
        lead = leads[0] if n == 0 else leads[-1] if n == len(lines) - 1 else leads[1 + (n - 1) % 4]
        who = roles.speaker_phrase(speaker, language)
        english = detect_script(sentence) == Script.ENGLISH
        if language == "en":
            body = _english(who, sentence, known) if english else f"{who} said 「{sentence.rstrip('。')}」"
            parts.append(f"{lead}, {body}.")
        else:
            body = sentence.rstrip(" .。") if english else _chinese(who, sentence, known).rstrip("。")
            parts.append(f"{lead}，{body if not english else f'{who}表示{body}'}。")
    return " ".join(parts) if language == "en" else "".join(parts)
