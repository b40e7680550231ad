"""Rows an older version let in, found and repaired by the rules of ``core.validation``.

Before every door checked its input, the API and the CLI could store a collection slug no page can link to
(``海港公告``, ``my docs``: every page listing it failed), names with control characters, and transcripts
holding unpaired surrogates (kept escaped in JSON, they broke the meeting's pages). ``stored_rows_repair``
walks the fields in ``STORED_FIELDS`` and, for each value its rule refuses:

- removes what can be removed without losing meaning (control characters, unpaired surrogates, line
  breaks in a one-line field: ``validation.repair_text``);
- gives a collection with a bad slug a new one made from its old slug or name (``collection-<id>`` when
  nothing usable is left), unique among collections;
- leaves a value that is still refused (too long, or empty) as it is, and lists it for a person to decide.

It returns one ``Finding`` per value, repaired or not, so the command (``aiplus repair``), the data migration
(``core/migrations``) and the system check (``core.checks``) tell the operator exactly what changed. Models
are looked up through the ``apps`` registry it is given, so the migration can pass its historical one.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from aiplus.core.errors import AiplusError
from aiplus.core.validation import TEXT_RULES, clean_text, has_broken_characters, repair_text

# (app label, model, column, field rule); every string inside a "json" column is checked.
STORED_FIELDS = (
    ("core", "Department", "name_en", "department.name"),
    ("core", "Department", "name_zh", "department.name"),
    ("documents", "Collection", "slug", "collection.slug"),
    ("documents", "Collection", "name", "collection.name"),
    ("documents", "Collection", "description", "collection.description"),
    ("documents", "Document", "title", "document.title"),
    ("documents", "Document", "filename", "document.filename"),
    ("documents", "Document", "source_id", "document.source_id"),
    ("meetings", "Meeting", "title", "meeting.title"),
    ("meetings", "Meeting", "agenda", "meeting.agenda"),
    ("meetings", "Meeting", "transcript", "json"),
    ("meetings", "Meeting", "minutes", "json"),
    ("meetings", "MinutesTemplate", "title", "template.title"),
)


@dataclass(frozen=True)
class Finding:
    model: str  # "documents.Collection"
    pk: int
    column: str
    reason: str  # why the stored value is refused today
    before: str
    after: str  # the value a safe repair gives (written only when ``repaired``), or "" when there is none
    safe: bool  # False: left as it is, for a person to decide
    repaired: bool

    def line(self) -> str:
        change = f"{self.before!r} -> {self.after!r}" if self.safe else f"{self.before!r} left as it is"
        return f"{self.model} {self.pk} {self.column} ({self.reason}): {change}"


def _refusal(field: str, value) -> str:
    """Why the rule refuses ``value`` today, or "" when it passes as stored."""
    try:
        cleaned = clean_text(field, value)
    except AiplusError as error:
        return error.params.get("reason", "invalid")
    return "" if cleaned == value else "spaces"


def _new_slug(model, row, taken: set[str]) -> str:
    limit = TEXT_RULES["collection.slug"].max_length
    base = slugify(repair_text("collection.name", row.slug)) or slugify(
        repair_text("collection.name", row.name)
    )
    base = base.strip("-")[:limit].strip("-") or f"collection-{row.pk}"
    slug, number = base, 1
    while slug in taken or model.objects.filter(slug=slug).exclude(pk=row.pk).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: limit - len(suffix)] + suffix
    taken.add(slug)
    return slug


def _repaired(model, row, column: str, field: str, value: str, taken: set[str]) -> str:
    if column == "slug":
        return _new_slug(model, row, taken)
    return repair_text(field, value)


def _json_strings(data, path: str):
    """Every string in a JSON value, with its path and a function that replaces it."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        where = f"{path}.{key}" if isinstance(data, dict) else f"{path}[{key}]"
        if isinstance(value, str):
            yield where, value, lambda new, data=data, key=key: data.__setitem__(key, new)
        else:
            yield from _json_strings(value, where)


def _json_findings(row, label: str, column: str, repair: bool) -> list[Finding]:
    """Strings kept in a JSON column (a transcript, minutes quoting it) with characters no page can show:
    JSON keeps an unpaired surrogate escaped where a text column cannot hold one at all."""
    data = getattr(row, column)
    findings = []
    for where, value, replace in list(_json_strings(data, column)):
        if not has_broken_characters(value, multiline=True):
            continue
        after = repair_text("meeting.turn", value)
        reason = _refusal("meeting.turn", value)
        findings.append(Finding(label, row.pk, where, reason, value, after, True, repair))
        if repair:
            replace(after)
    if repair and findings:
        type(row).objects.filter(pk=row.pk).update(**{column: data})
    return findings


def stored_rows_repair(*, apps, repair: bool = True) -> list[Finding]:
    """Every stored value today's rules refuse, repaired where that is safe (only listed when ``repair`` is
    False). See the module's docstring for what is repaired and what is left."""
    findings: list[Finding] = []
    taken: set[str] = set()
    for app_label, model_name, column, field in STORED_FIELDS:
        model = apps.get_model(app_label, model_name)
        label = f"{app_label}.{model_name}"
        for row in model.objects.order_by("pk").iterator():
            if field == "json":
                findings.extend(_json_findings(row, label, column, repair))
                continue
            value = getattr(row, column)
            reason = _refusal(field, value)
            if not reason or (reason == "spaces" and column != "slug"):
                continue
            after = _repaired(model, row, column, field, value, taken)
            fixed = _refusal(field, after) in ("", "spaces") and bool(after or not TEXT_RULES[field].required)
            findings.append(
                Finding(label, row.pk, column, reason, value, after if fixed else "", fixed, repair and fixed)
            )
            if repair and fixed:
                model.objects.filter(pk=row.pk).update(**{column: after})
    return findings
