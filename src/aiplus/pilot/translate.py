"""Translation between English, Traditional Chinese (Hong Kong) and Simplified Chinese.

Traditional↔Simplified never needs a model: OpenCC converts the whole document with Hong Kong forms and
vocabulary (``s2hk``/``hk2s``, through ``core.language``), keeping every paragraph and offset. English↔Chinese
needs a model, and without one MODEL_NEEDED says so plainly. With one, the document goes in parts of whole
paragraphs; the department's glossary pairs are put in the prompt and checked in the answer; and an answer
asked for in Traditional Chinese is passed through ``s2hk`` afterwards, so it never drifts into Simplified
characters whatever the model writes.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import detect_script
from aiplus.core.models import Department
from aiplus.llm import services as llm
from aiplus.meetings.generative import parts as parts_of
from aiplus.pilot.prompts import fenced, prompt, unfenced
from aiplus.pilot.script import in_script
from aiplus.pilot.sources import SourcePages, instruction_flags

logger = logging.getLogger("aiplus.pilot")

TARGETS = ("en", "zh-Hant", "zh-Hans")
PART_WORDS = 1500
LANGUAGE_NAMES = {
    "en": "English (as used by the Hong Kong Government)",
    "zh-Hant": "Traditional Chinese as written in Hong Kong (formal written Chinese, not Cantonese)",
    "zh-Hans": "Simplified Chinese",
}
_PARAGRAPHS_RE = re.compile(r"\n[ \t]*\n\s*")
Progress = Callable[[int, int], None]


@dataclass
class Translation:
    text: str
    source_language: str
    target: str
    engine: str  # opencc, unchanged or model
    glossary_missed: list[dict] = field(default_factory=list)  # {"source": term, "target": expected}
    flags: list[dict] = field(default_factory=list)  # sentences that read as instructions (instruction_flags)

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "source_language": self.source_language,
            "target": self.target,
            "engine": self.engine,
            "glossary_missed": self.glossary_missed,
            "flags": self.flags,
        }


def glossary_pairs(*, department_id: int | None, source: str, target: str) -> list[tuple[str, str]]:
    """GLOSSARY HOOK: the department's termbase pairs (source term, target term) for this language pair,
    from ``aiplus.glossary.services.terms_for`` (issue #10 item 3, built on its own branch). Until that
    service is installed there are no pairs and translation enforces none; everything else (the prompt,
    the check after) uses what this returns."""
    try:
        from aiplus.glossary.services import terms_for
    except ImportError:
        return []
    department = Department.objects.filter(pk=department_id).first() if department_id else None
    return [(pair.source, pair.target) for pair in terms_for(department, source, target)]


@dataclass(frozen=True)
class _Paragraph:
    text: str


def _paragraphs(source: SourcePages) -> list[_Paragraph]:
    return [
        _Paragraph(p.strip()) for page in source.pages for p in _PARAGRAPHS_RE.split(page[1]) if p.strip()
    ]


def _glossary_block(pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return ""
    lines = "\n".join(f"- {a} => {b}" for a, b in pairs)
    return f"- Translate these terms exactly as given (the department's glossary):\n{lines}"


def _glossary_missed(source_text: str, translated: str, pairs: list[tuple[str, str]]) -> list[dict]:
    """The glossary pairs whose source term the text uses but whose target term the translation lacks."""
    folded = translated.casefold()
    return [
        {"source": a, "target": b}
        for a, b in pairs
        if a.casefold() in source_text.casefold() and b.casefold() not in folded
    ]


def translation_check(source: SourcePages, *, actor, target: str) -> None:
    """MODEL_NEEDED when this translation needs a model (English↔Chinese) and none is configured."""
    language = str(detect_script(source.text))
    if (language == "en") != (target == "en") and not llm.chat_configured(actor):
        raise AiplusError(ErrorCode.MODEL_NEEDED, detail=f"translate {language} to {target}")


def translate(
    source: SourcePages,
    *,
    actor,
    target: str,
    department_id: int | None = None,
    progress: Progress | None = None,
) -> Translation:
    """The whole source in the ``target`` language, paragraphs kept (see the module's docstring)."""
    if target not in TARGETS:
        raise AiplusError(ErrorCode.INVALID, detail=f"target {target!r}")
    text = source.text
    language = str(detect_script(text))
    flags = instruction_flags(source)
    if language == target:
        return Translation(text, language, target, "unchanged", flags=flags)
    if language != "en" and target != "en":
        return Translation(in_script(text, target), language, target, "opencc", flags=flags)
    translation_check(source, actor=actor, target=target)
    pairs = glossary_pairs(department_id=department_id, source=language, target=target)
    system = prompt("translate_part.md").format(
        source=LANGUAGE_NAMES[language], target=LANGUAGE_NAMES[target], glossary=_glossary_block(pairs)
    )
    pieces = parts_of(_paragraphs(source), PART_WORDS)
    translated: list[str] = []
    for done, part in enumerate(pieces, 1):
        reply = llm.chat(
            actor=actor,
            flow="pilot.translate",
            messages=[
                {"role": "system", "content": system},
                {"role": "user", "content": fenced("\n\n".join(p.text for p in part))},
            ],
            part=done,
            parts=len(pieces),
        )
        translated.append(in_script(unfenced(reply.text).strip(), target))
        if progress:
            progress(done, len(pieces))
    result = "\n\n".join(translated)
    missed = _glossary_missed(text, result, pairs)
    logger.info("translated parts=%s target=%s glossary_missed=%s", len(pieces), target, len(missed))
    return Translation(result, language, target, "model", missed, flags)
