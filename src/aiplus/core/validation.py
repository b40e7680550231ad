"""One rule per input field, checked in the services, so the page, the API, the CLI and the worker accept the
same values and nothing is stored that a page cannot show.

A service calls ``clean_text("collection.slug", value)`` (or ``clean_number``) before it stores or acts on
what a user typed; a bad value raises ``AiplusError(INVALID_FIELD)`` naming the field and the reason, which
every door shows in the user's language (labels and reasons are in ``core.errors``). ``repair_text`` is the
same rule applied to a value an older version already stored: it removes what can be removed safely.

Django's validators do the pattern, length and range checks. Django has none for control characters other
than NUL, or for unpaired surrogates (which no database can encode, so they fail as a 500 on saving, or
are kept escaped inside JSON and break every page that later renders them); those two are checked here.
The rules are declarations beside the labels the user reads, as Django declares its model fields in code.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator

from aiplus.core.errors import AiplusError, ErrorCode

SLUG_PATTERN = r"\A[a-z0-9][a-z0-9-]*\Z"
LINE_BREAKS = frozenset("\n\r")


@dataclass(frozen=True)
class TextRule:
    """How one text field is checked. ``limit_setting`` names a setting that overrides ``max_length``."""

    max_length: int
    required: bool = True
    multiline: bool = False
    pattern: RegexValidator | UnicodeUsernameValidator | None = None
    pattern_reason: str = ""
    limit_setting: str = ""

    def limit(self) -> int:
        return getattr(settings, self.limit_setting) if self.limit_setting else self.max_length


_slug = RegexValidator(SLUG_PATTERN)

TEXT_RULES = {
    "collection.slug": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "collection.name": TextRule(200),
    "collection.description": TextRule(2000, required=False, multiline=True),
    "document.filename": TextRule(255),
    "document.source_id": TextRule(500),
    "document.title": TextRule(500, required=False),
    "search.query": TextRule(1000, multiline=True, limit_setting="AIPLUS_MAX_QUESTION_CHARS"),
    "brief.query": TextRule(200, required=False),
    "question": TextRule(1000, multiline=True, limit_setting="AIPLUS_MAX_QUESTION_CHARS"),
    "meeting.title": TextRule(300, required=False),
    "meeting.agenda": TextRule(20_000, required=False, multiline=True),
    "meeting.speaker": TextRule(100, required=False),
    "meeting.turn": TextRule(20_000, multiline=True),
    "template.name": TextRule(80),
    "template.title": TextRule(200, required=False),
    "template.heading": TextRule(200),
    "department.code": TextRule(32, pattern=_slug, pattern_reason="slug"),
    "department.name": TextRule(200, required=False),
    "user.username": TextRule(150, pattern=UnicodeUsernameValidator(), pattern_reason="username"),
    "token.name": TextRule(100),
    "chat.title": TextRule(200, required=False),
    "bot.slug": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "bot.name": TextRule(200),
    "bot.greeting": TextRule(1000, required=False, multiline=True),
    "bot.decline_message": TextRule(1000, required=False, multiline=True),
    "bot.origin": TextRule(200),
    "handoff.contact": TextRule(200, required=False),
    "handoff.message": TextRule(2000, required=False, multiline=True),
    "review.answer": TextRule(5000, multiline=True),
    "faq.id": TextRule(100),
    "faq.question": TextRule(1000),
    "faq.alternative": TextRule(1000),
    "faq.answer": TextRule(10_000, multiline=True),
    "faq.url": TextRule(1000, required=False),
    "redact.text": TextRule(500),
    "faq.form": TextRule(200, required=False),
    "faq.department": TextRule(200, required=False),
    "glossary.en": TextRule(200, required=False),
    "glossary.zh_hant": TextRule(200, required=False),
    "glossary.zh_hans": TextRule(200, required=False),
    "glossary.notes": TextRule(2000, required=False, multiline=True),
    "glossary.forbidden": TextRule(200),
    "proofread.text": TextRule(200_000, multiline=True),
    "extract.field": TextRule(
        64, pattern=RegexValidator(r"\A[A-Za-z_][A-Za-z0-9_]*\Z"), pattern_reason="field_name"
    ),
    "extract.label": TextRule(100, required=False),
    "extract.pattern": TextRule(300, required=False),
    "model.endpoint": TextRule(300, required=False),
    "model.name": TextRule(200, required=False),
    "model.api_key": TextRule(300, required=False),
    "forum.slug": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "forum.title": TextRule(300),
    "forum.title_zh": TextRule(300, required=False),
    "forum.theme": TextRule(300, required=False),
    "forum.description": TextRule(10_000, required=False, multiline=True),
    "forum.venue": TextRule(300, required=False),
    "forum.online_link": TextRule(500, required=False),
    "forum.person_name": TextRule(200),
    "forum.email": TextRule(254),
    "forum.organisation": TextRule(300),
    "pilot.text": TextRule(
        3_000_000, multiline=True, limit_setting="AIPLUS_MAX_DOCUMENT_CHARACTERS"
    ),  # pasted text: as long as a document may be
    "pilot.points": TextRule(2000, required=False, multiline=True),
    "pilot.template.name": TextRule(100),
    "pilot.template.body": TextRule(20_000, multiline=True),
    "vendor.name": TextRule(200),
    "vendor.name_zh": TextRule(200, required=False),
    "vendor.contact_name": TextRule(200),
    "vendor.contact_phone": TextRule(40, required=False),
    "vendor.note": TextRule(2000, required=False, multiline=True),
    "solution.name_en": TextRule(200),
    "solution.name_zh": TextRule(200),
    "solution.summary_en": TextRule(1000, multiline=True),
    "solution.summary_zh": TextRule(1000, multiline=True),
    "solution.description": TextRule(10_000, required=False, multiline=True),
    "solution.certification": TextRule(100),
    "solution.references": TextRule(5000, required=False, multiline=True),
    "solution.note": TextRule(2000, required=False, multiline=True),
    "need.title": TextRule(200),
    "need.problem": TextRule(5000, multiline=True),
    "need.current_process": TextRule(5000, required=False, multiline=True),
    "need.volumes": TextRule(300, required=False),
    "need.requirement": TextRule(500),
    "need.timeline": TextRule(200, required=False),
    "proposal.summary": TextRule(5000, multiline=True),
    "proposal.evidence": TextRule(2000, required=False, multiline=True),
    "match.outcome": TextRule(2000, required=False, multiline=True),
    "records.code": TextRule(40, pattern=_slug, pattern_reason="slug"),
    "records.title_en": TextRule(300),
    "records.title_zh": TextRule(300, required=False),
    "records.document_type": TextRule(100, required=False),
    "records.hold_name": TextRule(200),
    "records.reason": TextRule(2000, multiline=True),
    "records.note": TextRule(2000, required=False, multiline=True),
    "records.query": TextRule(500),
    "mailbox.name": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "mailbox.host": TextRule(255),
    "mailbox.username": TextRule(255),
    "mailbox.password_env": TextRule(
        100, required=False, pattern=RegexValidator(r"\A[A-Z_][A-Z0-9_]*\Z"), pattern_reason="env_name"
    ),
    "mailbox.password_file": TextRule(500, required=False),
    "mailbox.folder": TextRule(200),
    "mail.header": TextRule(1000, required=False),
    "rule.sender_pattern": TextRule(200, required=False),
    "rule.subject_contains": TextRule(200, required=False),
    "rule.body_contains": TextRule(200, required=False),
    "rule.attachment_types": TextRule(200, required=False),
    "folder.path": TextRule(1000),
    "form.slug": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "form.title_en": TextRule(200),
    "form.title_zh": TextRule(200),
    "form.intro_en": TextRule(5000, required=False, multiline=True),
    "form.intro_zh": TextRule(5000, required=False, multiline=True),
    "form.statement_en": TextRule(5000, multiline=True),
    "form.statement_zh": TextRule(5000, multiline=True),
    "form.field_name": TextRule(
        64, pattern=RegexValidator(r"\A[a-z][a-z0-9_]*\Z"), pattern_reason="field_name"
    ),
    "form.label_en": TextRule(200),
    "form.label_zh": TextRule(200),
    "form.help_en": TextRule(1000, required=False),
    "form.help_zh": TextRule(1000, required=False),
    "form.choices": TextRule(5000, multiline=True),
    "form.short_answer": TextRule(500, required=False),
    "form.long_answer": TextRule(10_000, required=False, multiline=True),
    "workflow.name": TextRule(100),
    "workflow.description": TextRule(2000, required=False, multiline=True),
    "workflow.comment": TextRule(2000, multiline=True),
    "classifier.slug": TextRule(50, pattern=_slug, pattern_reason="slug"),
    "classifier.name": TextRule(200),
    "classifier.label": TextRule(100),
    "classifier.text": TextRule(
        3_000_000, multiline=True, limit_setting="AIPLUS_MAX_DOCUMENT_CHARACTERS"
    ),  # a document's text
}

NUMBER_RULES = {
    "search.k": (1, 100),
    "model.timeout": (1, 3600),
    "chat.retention_days": (1, 36500),
    "forum.capacity": (0, 100_000),
    "solution.annual_price_hkd": (0, 1_000_000_000),
    "need.budget_hkd": (0, 1_000_000_000),
    "need.weight": (1, 100),
    "records.years": (0, 200),
    "records.months": (0, 2400),
    "records.days": (0, 73000),
    "mailbox.port": (1, 65535),
}


def invalid(field: str, reason: str, **values) -> AiplusError:
    """The error for a field refused for ``reason`` (a key of ``core.errors.FIELD_REASONS``)."""
    return AiplusError(
        ErrorCode.INVALID_FIELD, {"field": field, "reason": reason, **values}, detail=f"{field}: {reason}"
    )


def _is_surrogate(character: str) -> bool:
    return "\ud800" <= character <= "\udfff"


def _is_control(character: str, multiline: bool) -> bool:
    if multiline and character in "\n\r\t":
        return False
    return unicodedata.category(character) == "Cc"


def has_broken_characters(value: str, *, multiline: bool) -> bool:
    """Whether a page could not show ``value`` as it is: an unpaired surrogate or a control character."""
    return any(_is_surrogate(c) or _is_control(c, multiline) for c in value)


def clean_text(field: str, value) -> str:
    """``value`` stripped of surrounding spaces, or ``AiplusError(INVALID_FIELD)`` saying what is wrong."""
    rule = TEXT_RULES[field]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(field, "not_text")
    if any(_is_surrogate(c) for c in value):
        raise invalid(field, "surrogate")
    value = value.strip()
    if not rule.multiline and LINE_BREAKS & set(value):
        raise invalid(field, "one_line")
    if any(_is_control(c, rule.multiline) for c in value):
        raise invalid(field, "control")
    if not value:
        if rule.required:
            raise invalid(field, "required")
        return value
    limit = rule.limit()
    try:
        MaxLengthValidator(limit)(value)
    except ValidationError:
        raise invalid(field, "too_long", limit=limit) from None
    if rule.pattern is not None:
        try:
            rule.pattern(value)
        except ValidationError:
            raise invalid(field, rule.pattern_reason, limit=limit) from None
    return value


def clean_number(field: str, value) -> int:
    """A whole number within the field's range, or ``AiplusError(INVALID_FIELD)``."""
    minimum, maximum = NUMBER_RULES[field]
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, "range", minimum=minimum, maximum=maximum)
    try:
        MinValueValidator(minimum)(value)
        MaxValueValidator(maximum)(value)
    except ValidationError:
        raise invalid(field, "range", minimum=minimum, maximum=maximum) from None
    return value


def clean_date(field: str, value) -> date | None:
    """A date given as YYYY-MM-DD (or a ``date``), None when empty, else ``AiplusError(INVALID_FIELD)``."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise invalid(field, "date") from None


def repair_text(field: str, value: str) -> str:
    """A stored value with what ``clean_text`` refuses and can safely drop removed: unpaired surrogates and
    control characters go, line breaks in a one-line field become spaces. Length and pattern are left for
    whoever repairs the row to decide (see ``core.repair``)."""
    rule = TEXT_RULES[field]
    kept = []
    for character in value:
        if _is_surrogate(character):
            continue
        if not rule.multiline and character in LINE_BREAKS | {"\t"}:
            kept.append(" ")
        elif not _is_control(character, rule.multiline):
            kept.append(character)
    repaired = "".join(kept)
    return re.sub(r" {2,}", " ", repaired).strip() if not rule.multiline else repaired.strip()
