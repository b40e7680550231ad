"""A brief's headline and summary written by the model, from the same sentences the extractive brief
chooses from, under the grounding check cited answers pass (``llm.grounding``).

The model sees numbered sentences (the lead sentence and the key signals of each release), with any sentence
that reads as an instruction withheld. It answers a headline and a summary whose sentences cite those
numbers. The summary must pass ``grounding.check``, and the headline must share enough terms with the
sentences (``grounding.supported``); otherwise the caller keeps the extractive brief and says why.
"""

import logging
import re
from dataclasses import dataclass
from importlib import resources

from aiplus.assistant.flags import withhold_instructions
from aiplus.core.language import sentence_spans
from aiplus.llm import grounding
from aiplus.llm import services as llm

logger = logging.getLogger("aiplus.briefs")

_LANGUAGES = {"en": "English", "zh-Hant": "Traditional Chinese as written in Hong Kong"}
_HEADLINE_RE = re.compile(r"^\s*(?:Headline|標題)\s*[:：]\s*(?P<text>.+)$", re.IGNORECASE | re.MULTILINE)
_SUMMARY_RE = re.compile(r"^\s*(?:Summary|摘要)\s*[:：]\s*(?P<text>[\s\S]+)$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Material:
    """A sentence the model may use, and the release (its number among the sources) it comes from."""

    text: str
    source: int


@dataclass(frozen=True)
class Written:
    headline: str
    summary: list[dict]  # [{"text": sentence without marks, "sources": [release numbers]}]


class NotGrounded(Exception):
    """The model's text did not pass the grounding check."""


def _prompt(material: list[Material], language: str, query: str) -> str:
    numbered = "\n".join(f"[{n}] {withhold_instructions(m.text)}" for n, m in enumerate(material, 1))
    template = resources.files("aiplus.briefs.prompts").joinpath("brief.md").read_text("utf-8")
    return template.format(
        language=_LANGUAGES.get(language, "English"), query=query or "-", sentences=numbered
    )


def _parse(reply: str) -> tuple[str, str]:
    """(headline, summary) of a reply; a reply without the "Headline:" line is all summary (the headline
    stays the extractive one)."""
    headline, summary = _HEADLINE_RE.search(reply), _SUMMARY_RE.search(reply)
    if summary is not None:
        return (headline.group("text").strip() if headline else ""), summary.group("text").strip()
    if headline is not None:
        return headline.group("text").strip(), reply[headline.end() :].strip()
    return "", reply.strip()


def _checked(headline: str, summary: str, material: list[Material]) -> Written:
    sources = {n: m.text for n, m in enumerate(material, 1)}
    grounded, _cited = grounding.check(summary, sources)
    if not grounded:
        raise NotGrounded("a summary sentence is not supported by the sentences it cites")
    if headline and (
        grounding.CITATION_RE.search(headline) or not grounding.supported(headline, list(sources.values()))
    ):
        raise NotGrounded("the headline is not supported by the releases")
    lines = []
    for start, end in sentence_spans(summary):
        piece = summary[start:end].strip()
        numbers = [int(n) for n in grounding.CITATION_RE.findall(piece)]
        text = grounding.CITATION_RE.sub("", piece).strip()
        if not text:
            continue
        releases = sorted({material[n - 1].source for n in numbers})
        if not releases and lines:
            continue
        lines.append({"text": text, "sources": releases})
    return Written(headline=headline, summary=lines)


def brief_written(*, actor, material: list[Material], language: str, query: str, collection) -> Written:
    """The model's headline and summary, checked; ``AiplusError`` when the model cannot be reached and
    ``NotGrounded`` when what it wrote does not rest on the material."""
    reply = llm.chat(
        actor=actor,
        flow="briefs.write",
        messages=[{"role": "user", "content": _prompt(material, language, query)}],
        collection=collection.slug,
    )
    headline, summary = _parse(reply.text)
    written = _checked(headline, summary, material)
    logger.info("brief written by model=%s sentences=%s", reply.model, len(written.summary))
    return written
