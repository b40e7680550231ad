"""Department glossaries (termbases): import, edit, share, and the terms translation and proofreading use.

A department's knowledge managers edit its glossary; the departments it is shared with read it (their
proofreading and translations use its terms too), and nobody else sees it. ``terms_for`` gives the pairs a
translation must keep, ``glossary_for`` every term a proofreader checks.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.services import audit_record
from aiplus.faq.reading import RowProblem
from aiplus.faq.services import read_upload
from aiplus.glossary.models import GlossaryShare, GlossaryTerm
from aiplus.glossary.reading import clean_term, read_terms
from aiplus.glossary.terms import LANGUAGES, Term, TermPair

logger = logging.getLogger("aiplus.glossary")


def can_edit_glossary(actor, department: Department) -> bool:
    if getattr(actor, "is_platform_admin", False):
        return True
    return bool(getattr(actor, "can_manage_knowledge", False)) and actor.department_id == department.pk


def can_read_glossary(actor, department: Department) -> bool:
    if can_edit_glossary(actor, department) or getattr(actor, "department_id", None) == department.pk:
        return True
    reader = getattr(actor, "department_id", None)
    return (
        reader is not None and GlossaryShare.objects.filter(department=department, reader_id=reader).exists()
    )


def glossary_for_reading(actor, department: Department) -> Department:
    """``department`` when the actor may read its glossary; NOT_FOUND otherwise (never says it exists)."""
    if not can_read_glossary(actor, department):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary {department.code!r}")
    return department


def glossary_for_editing(actor, department: Department) -> Department:
    glossary_for_reading(actor, department)
    if not can_edit_glossary(actor, department):
        raise AiplusError(ErrorCode.FORBIDDEN, detail=f"edit glossary {department.code!r}")
    return department


def readable_glossaries(actor) -> list[Department]:
    """The departments whose glossary the actor may read: their own and those shared with it."""
    if getattr(actor, "is_platform_admin", False):
        return list(Department.objects.all())
    own = getattr(actor, "department_id", None)
    if own is None:
        return []
    return list(Department.objects.filter(Q(pk=own) | Q(glossary_shares__reader_id=own)).distinct())


def _as_term(row: GlossaryTerm) -> Term:
    return Term(
        en=row.en,
        zh_hant=row.zh_hant,
        zh_hans=row.zh_hans,
        notes=row.notes,
        forbidden=tuple(row.forbidden),
        department=row.department.code,
    )


def glossary_for(department: Department | None) -> list[Term]:
    """Every term a text of ``department`` is checked against: its own glossary, then those shared with it.
    A term of its own wins over a shared term with the same English or Chinese form."""
    if department is None:
        return []
    rows = (
        GlossaryTerm.objects.filter(
            Q(department=department) | Q(department__glossary_shares__reader=department)
        )
        .select_related("department")
        .distinct()
    )
    own, shared = [], []
    for row in rows:
        (own if row.department_id == department.pk else shared).append(_as_term(row))
    taken = {t.en.lower() for t in own if t.en} | {t.zh_hant for t in own if t.zh_hant}
    return own + [t for t in shared if t.en.lower() not in taken and t.zh_hant not in taken]


def terms_for(department: Department | None, source: str, target: str) -> list[TermPair]:
    """The pairs a translation from ``source`` to ``target`` (en, zh-Hant or zh-Hans) must keep, longest
    source first so a longer term is matched before a term inside it."""
    if source not in LANGUAGES or target not in LANGUAGES:
        raise AiplusError(ErrorCode.INVALID, detail=f"languages {source!r} -> {target!r}")
    pairs = {}
    for term in glossary_for(department):
        source_form, target_form = term.form(source), term.form(target)
        if source_form and target_form and source_form not in pairs:
            pairs[source_form] = TermPair(source_form, target_form, term.notes)
    return sorted(pairs.values(), key=lambda pair: -len(pair.source))


# --- edit --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    department: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "department": self.department,
            "rows": self.rows,
            "stored": self.stored,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.as_dict() for p in self.problems],
        }


def _values(term: Term) -> dict:
    return {"zh_hans": term.zh_hans, "notes": term.notes, "forbidden": list(term.forbidden)}


def _store(department: Department, term: Term, actor) -> str:
    row = GlossaryTerm.objects.filter(department=department, en=term.en, zh_hant=term.zh_hant).first()
    if row is None:
        GlossaryTerm.objects.create(
            department=department,
            en=term.en,
            zh_hant=term.zh_hant,
            updated_by=actor_user(actor),
            **_values(term),
        )
        return "created"
    if {name: getattr(row, name) for name in ("zh_hans", "notes", "forbidden")} == _values(term):
        return "unchanged"
    for name, value in _values(term).items():
        setattr(row, name, value)
    row.updated_by = actor_user(actor)
    row.save()
    return "updated"


def glossary_import(
    *, actor, department: Department, path_or_file, filename: str, channel: str
) -> ImportReport:
    """Add or update terms (by English and Traditional form) from a CSV or XLSX file. A file with a bad row
    stores nothing: the report lists every problem by row."""
    glossary_for_editing(actor, department)
    read = read_terms(read_upload(path_or_file), filename)
    rows = len(read.terms) + len(read.problems)
    if read.problems:
        return ImportReport(department.code, rows, problems=read.problems)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for term in read.terms:
            counts[_store(department, term, actor)] += 1
    audit_record(
        actor=actor, action="glossary.import", target=f"glossary:{department.code}", channel=channel, **counts
    )
    logger.info("glossary imported department=%s %s", department.code, counts)
    return ImportReport(department.code, rows, **counts)


def glossary_term_save(
    *, actor, department: Department, channel: str, pk: int | None = None, **values
) -> GlossaryTerm:
    """Create a term, or change the term ``pk`` of this department's glossary."""
    glossary_for_editing(actor, department)
    term = clean_term(
        en=values.get("en", ""),
        zh_hant=values.get("zh_hant", ""),
        zh_hans=values.get("zh_hans", ""),
        notes=values.get("notes", ""),
        forbidden=values.get("forbidden", []),
    )
    with transaction.atomic():
        if pk is None:
            row = GlossaryTerm(department=department)
        else:
            row = GlossaryTerm.objects.select_for_update().filter(department=department, pk=pk).first()
            if row is None:
                raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary term {pk}")
        clash = GlossaryTerm.objects.filter(department=department, en=term.en, zh_hant=term.zh_hant)
        if clash.exclude(pk=row.pk).exists():
            raise AiplusError(ErrorCode.CONFLICT, detail=f"term {term.en!r}/{term.zh_hant!r} exists")
        row.en, row.zh_hant = term.en, term.zh_hant
        for name, value in _values(term).items():
            setattr(row, name, value)
        row.updated_by = actor_user(actor)
        row.save()
    audit_record(
        actor=actor,
        action="glossary.term_save",
        target=f"glossary:{department.code}:{row.pk}",
        channel=channel,
    )
    return row


def glossary_term_delete(*, actor, department: Department, pk: int, channel: str) -> None:
    glossary_for_editing(actor, department)
    deleted, _ = GlossaryTerm.objects.filter(department=department, pk=pk).delete()
    if not deleted:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"glossary term {pk}")
    audit_record(
        actor=actor, action="glossary.term_delete", target=f"glossary:{department.code}:{pk}", channel=channel
    )


def glossary_share(*, actor, department: Department, reader_codes: list[str], channel: str) -> list[str]:
    """Share the glossary with exactly these departments (an empty list stops sharing). Unknown codes are
    refused by name."""
    glossary_for_editing(actor, department)
    codes = sorted({code.strip().lower() for code in reader_codes if code.strip()} - {department.code})
    readers = list(Department.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {d.code for d in readers})
    if unknown:
        known = ", ".join(Department.objects.values_list("code", flat=True))
        raise AiplusError(
            ErrorCode.UNKNOWN_DEPARTMENT, {"code": ", ".join(unknown), "known": known}, field="glossary.share"
        )
    with transaction.atomic():
        GlossaryShare.objects.filter(department=department).exclude(reader__in=readers).delete()
        for reader in readers:
            GlossaryShare.objects.get_or_create(department=department, reader=reader)
    audit_record(
        actor=actor,
        action="glossary.share",
        target=f"glossary:{department.code}",
        channel=channel,
        readers=codes,
    )
    return codes


def glossary_shared_with(department: Department) -> list[str]:
    return list(
        GlossaryShare.objects.filter(department=department)
        .order_by("reader__code")
        .values_list("reader__code", flat=True)
    )
