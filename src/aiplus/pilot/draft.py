"""Drafting a reply letter or memo from a department's template and the source document.

Drafting needs a model (MODEL_NEEDED without one: a template filled by rules would only be the template).
The model is given the template and the source's numbered sentences and must cite the sentences each
statement rests on; every cited sentence passes the grounding check answers pass, and a statement that
fails it is flagged for the officer to check. Citation marks are taken out of the letter and listed
beside it, so the draft reads as a letter.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Q

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text
from aiplus.llm import grounding
from aiplus.llm import services as llm
from aiplus.meetings.generative import parts as parts_of
from aiplus.pilot.models import DraftTemplate, TemplateKind
from aiplus.pilot.prompts import prompt, unfenced
from aiplus.pilot.script import in_script
from aiplus.pilot.sources import SourcePages, instruction_flags, sentences_of
from aiplus.pilot.summarise import LANGUAGE_NAMES, LANGUAGES, PART_WORDS, cited_pieces, numbered

logger = logging.getLogger("aiplus.pilot")


@dataclass
class Draft:
    text: str
    template: str
    language: str
    cites: list[dict] = field(default_factory=list)  # the source sentences the draft rests on
    unsupported: list[str] = field(default_factory=list)  # statements their cited sentences do not support
    flags: list[dict] = field(default_factory=list)  # sentences that read as instructions (instruction_flags)

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "template": self.template,
            "language": self.language,
            "cites": self.cites,
            "unsupported": self.unsupported,
            "flags": self.flags,
        }


def templates_for(actor):
    """The templates the actor may draft with: their department's own and the shared ones."""
    department_id = getattr(actor, "department_id", None)
    if getattr(actor, "is_platform_admin", False) and department_id is None:
        return DraftTemplate.objects.all()
    return DraftTemplate.objects.filter(Q(department__isnull=True) | Q(department_id=department_id))


def template_for(actor, template_id: int) -> DraftTemplate:
    template = templates_for(actor).filter(pk=template_id).first()
    if template is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"template {template_id}")
    return template


def draft_template_create(
    *, actor, name: str, body: str, kind: str = "letter", language: str = "en"
) -> DraftTemplate:
    """A template of the actor's department, made or replaced by name. Knowledge owners and administrators
    of a department may; members may not."""
    if getattr(actor, "department_id", None) is None or getattr(actor, "role", "") == Role.MEMBER:
        raise AiplusError(ErrorCode.FORBIDDEN, detail="templates are kept by a department's knowledge owners")
    if kind not in TemplateKind.values:
        raise AiplusError(ErrorCode.INVALID, detail=f"kind {kind!r}")
    if language not in LANGUAGES:
        raise AiplusError(ErrorCode.INVALID, detail=f"language {language!r}")
    template, _created = DraftTemplate.objects.update_or_create(
        department_id=actor.department_id,
        name=clean_text("pilot.template.name", name),
        defaults={"kind": kind, "language": language, "body": clean_text("pilot.template.body", body)},
    )
    audit_record(actor=actor, action="pilot.template.save", target=f"pilot_template:{template.pk}")
    return template


def draft_check(*, actor) -> None:
    """MODEL_NEEDED when no model is configured: drafting needs one."""
    if not llm.chat_configured(actor):
        raise AiplusError(ErrorCode.MODEL_NEEDED, detail="drafting")


def draft_reply(source: SourcePages, *, actor, template: DraftTemplate, points: str = "") -> Draft:
    """The template filled in by the model from the source (its first part, for a long document)."""
    draft_check(actor=actor)
    points = clean_text("pilot.points", points)
    items = sentences_of(source)
    part = parts_of(items, PART_WORDS)[0]
    by_number = {s.number: s for s in part}
    system = prompt("draft.md").format(
        kind=template.get_kind_display(), language=LANGUAGE_NAMES[template.language], template=template.body
    )
    user = f"Officer's points: {points or '(none)'}\n\nDocument\n{numbered(part)}"
    reply = llm.chat(
        actor=actor,
        flow="pilot.draft",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
    )
    text = unfenced(reply.text).strip()
    cited: dict[int, dict] = {}
    unsupported = []
    for sentence in cited_pieces(text):
        numbers = [int(n) for n in grounding.CITATION_RE.findall(sentence)]
        if not numbers:
            continue
        sources = [by_number[n] for n in numbers if n in by_number]
        claim = grounding.CITATION_RE.sub("", sentence).strip()
        if not sources or not grounding.supported(claim, [s.text for s in sources]):
            unsupported.append(claim)
        for s in sources:
            cited[s.number] = s.where()
    letter = grounding.CITATION_RE.sub("", text).replace(" .", ".").replace(" 。", "。")
    if template.language != "en":
        letter = in_script(letter, template.language)
    logger.info(
        "draft written template=%s cites=%s unsupported=%s", template.pk, len(cited), len(unsupported)
    )
    return Draft(
        letter,
        template.name,
        template.language,
        sorted(cited.values(), key=lambda c: c["sentence"]),
        unsupported,
        instruction_flags(source),
    )
