"""The governance view of personal data: every model call (``llm.ModelCall``) and every redaction (audit lines
``privacy.redact`` written by the Redact tool), with counts per personal-data type, never the values.

A department administrator sees their own department; a governance officer (the permission
``privacy.audit_governance``, given by ``governance_officer_add``) and a platform administrator (or superuser)
see every department. Filters: department, feature, date range, type. The contract with the Redact tool:
``audit_record(actor=..., action="privacy.redact", target=<file name>, feature="redact", counts={TYPE: n})``.
"""

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import AuditEvent, Department, Role, User
from aiplus.core.selectors import department_by_code
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_date, invalid
from aiplus.llm.models import ModelCall
from aiplus.privacy.detect import ALL_TYPES

REDACT_ACTION = "privacy.redact"
REDACT_FEATURE = "redact"
# The features a model call may belong to: the first part of its flow ("assistant.answer" -> "assistant").
MODEL_FEATURES = ("assistant", "chat", "meetings", "search", "faq", "documents", "pilot")
FEATURES = (*MODEL_FEATURES, REDACT_FEATURE)
PAGE_ROWS = 500
OFFICER_PERMISSION = "privacy.audit_governance"
OFFICER_GROUP = "Governance officers"


@dataclass(frozen=True)
class GovernanceFilter:
    department: Department | None = None
    feature: str = ""
    since: date | None = None
    until: date | None = None
    type: str = ""


@dataclass(frozen=True)
class GovernanceEntry:
    at: datetime
    kind: str  # "model_call" or "redaction"
    department: str  # code, "" when none
    user: str
    feature: str
    action: str  # the model call's flow, or privacy.redact
    channel: str  # the door a model call came through (web, api, bot, openai, mcp), when known
    model: str
    policy: str  # off, mask, block; "" for a redaction
    ok: bool
    target: str  # the redacted file's name; "" for a model call
    counts: dict[str, int]


@dataclass
class Totals:
    """Per type: found in text sent to models, of which masked, of which refused (block), and redacted."""

    found: Counter = field(default_factory=Counter)
    masked: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    redacted: Counter = field(default_factory=Counter)

    def add(self, entry: GovernanceEntry) -> None:
        counts = Counter(entry.counts)
        if entry.kind == "redaction":
            self.redacted.update(counts)
            return
        self.found.update(counts)
        if entry.policy == "mask":
            self.masked.update(counts)
        elif entry.policy == "block" and not entry.ok:
            self.refused.update(counts)

    def rows(self) -> list[dict]:
        known = set(self.found) | set(self.redacted)
        seen = [t for t in ALL_TYPES if t in known] + sorted(known - set(ALL_TYPES))
        return [
            {
                "type": kind,
                "found": self.found[kind],
                "masked": self.masked[kind],
                "refused": self.refused[kind],
                "redacted": self.redacted[kind],
            }
            for kind in seen
        ]


def is_governance_officer(actor) -> bool:
    """Sees every department's audit: a governance officer, or a platform administrator."""
    if getattr(actor, "is_platform_admin", False):
        return True
    return bool(getattr(actor, "pk", None)) and actor.is_active and actor.has_perm(OFFICER_PERMISSION)


def may_govern(actor) -> bool:
    return is_governance_officer(actor) or (
        getattr(actor, "role", "") == Role.DEPARTMENT_ADMIN and bool(getattr(actor, "department_id", None))
    )


def _officer_appoint(*, actor, username: str, appoint: bool) -> User:
    from django.contrib.auth.models import Group, Permission

    if not getattr(actor, "is_platform_admin", False):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="appoint a governance officer")
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"user {username!r}")
    group, _created = Group.objects.get_or_create(name=OFFICER_GROUP)
    if appoint:
        app_label, codename = OFFICER_PERMISSION.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        user.groups.add(group)
    else:
        user.groups.remove(group)
    action = "privacy.officer.add" if appoint else "privacy.officer.remove"
    audit_record(actor=actor, action=action, target=f"user:{username}")
    return user


def governance_officer_add(*, actor, username: str) -> User:
    """Appoint a governance officer: the user joins the group holding ``OFFICER_PERMISSION``. Only a platform
    administrator (or the operator's CLI) may."""
    return _officer_appoint(actor=actor, username=username, appoint=True)


def governance_officer_remove(*, actor, username: str) -> User:
    """End an appointment: the user leaves the group (a permission given to them directly stays)."""
    return _officer_appoint(actor=actor, username=username, appoint=False)


def governance_filter(
    *, actor, department: str = "", feature: str = "", since=None, until=None, type: str = ""
) -> GovernanceFilter:
    """The filter as asked, checked, and narrowed to what the actor may see (FORBIDDEN for anyone who is not a
    governance officer or a department or platform administrator, or for another department's records)."""
    if not may_govern(actor):
        raise AiplusError(
            ErrorCode.FORBIDDEN, detail="governance is for governance officers and administrators"
        )
    chosen = department_by_code(department) if (department or "").strip() else None
    if not is_governance_officer(actor):
        if chosen is not None and chosen.pk != actor.department_id:
            raise AiplusError(ErrorCode.FORBIDDEN, detail="another department's records")
        chosen = Department.objects.get(pk=actor.department_id)
    feature = (feature or "").strip().lower()
    if feature and feature not in FEATURES:
        raise invalid("governance.feature", "one_of", choices=", ".join(FEATURES))
    kind = (type or "").strip().upper()
    if kind and kind not in ALL_TYPES:
        raise invalid("governance.type", "one_of", choices=", ".join(ALL_TYPES))
    since, until = clean_date("governance.since", since), clean_date("governance.until", until)
    if since and until and since > until:
        raise invalid("governance.until", "date_order")
    return GovernanceFilter(chosen, feature, since, until, kind)


def _model_calls(wanted: GovernanceFilter):
    rows = ModelCall.objects.select_related("actor", "department")
    if wanted.department is not None:
        rows = rows.filter(department=wanted.department)
    if wanted.feature:
        rows = rows.filter(flow__startswith=f"{wanted.feature}.")
    if wanted.type:
        rows = rows.filter(personal_data__has_key=wanted.type)
    return _dated(rows, wanted)


def _redactions(wanted: GovernanceFilter):
    rows = AuditEvent.objects.select_related("department").filter(action=REDACT_ACTION)
    if wanted.department is not None:
        rows = rows.filter(department=wanted.department)
    if wanted.type:
        rows = rows.filter(detail__counts__has_key=wanted.type)
    return _dated(rows, wanted)


def _dated(rows, wanted: GovernanceFilter):
    if wanted.since:
        rows = rows.filter(at__date__gte=wanted.since)
    if wanted.until:
        rows = rows.filter(at__date__lte=wanted.until)
    return rows.order_by("-at", "-pk")


def _call_entry(call: ModelCall) -> GovernanceEntry:
    return GovernanceEntry(
        at=call.at,
        kind="model_call",
        department=call.department.code if call.department else "",
        user=call.actor.get_username() if call.actor else "",
        feature=call.flow.split(".", 1)[0],
        action=call.flow,
        channel=str((call.detail or {}).get("channel") or ""),
        model=call.model,
        policy=call.personal_data_policy,
        ok=call.ok,
        target="",
        counts={k: int(v) for k, v in (call.personal_data or {}).items()},
    )


def _redaction_entry(event: AuditEvent) -> GovernanceEntry:
    counts = (event.detail or {}).get("counts") or {}
    return GovernanceEntry(
        at=event.at,
        kind="redaction",
        department=event.department.code if event.department else "",
        user=event.actor_label,
        feature=str((event.detail or {}).get("feature") or REDACT_FEATURE),
        action=event.action,
        channel=event.channel,
        model="",
        policy="",
        ok=True,
        target=event.target,
        counts={str(k): int(v) for k, v in counts.items() if isinstance(v, int)},
    )


def governance_entries(wanted: GovernanceFilter) -> Iterator[GovernanceEntry]:
    """Every matching model call and redaction, newest first."""
    calls: Iterable = () if wanted.feature == REDACT_FEATURE else _model_calls(wanted).iterator()
    redactions: Iterable = (
        () if wanted.feature not in ("", REDACT_FEATURE) else _redactions(wanted).iterator()
    )
    calls = (_call_entry(c) for c in calls)
    redactions = (_redaction_entry(e) for e in redactions)
    call, redaction = next(calls, None), next(redactions, None)
    while call is not None or redaction is not None:
        if redaction is None or (call is not None and call.at >= redaction.at):
            yield call
            call = next(calls, None)
        else:
            yield redaction
            redaction = next(redactions, None)


@dataclass(frozen=True)
class GovernanceReport:
    entries: list[GovernanceEntry]  # the newest PAGE_ROWS (or ``limit``)
    matched: int
    totals: list[dict]


def governance_report(wanted: GovernanceFilter, *, limit: int = PAGE_ROWS) -> GovernanceReport:
    """The newest entries and the totals per type over everything that matches."""
    totals, shown, matched = Totals(), [], 0
    for entry in governance_entries(wanted):
        matched += 1
        totals.add(entry)
        if len(shown) < limit:
            shown.append(entry)
    return GovernanceReport(shown, matched, totals.rows())


CSV_COLUMNS = [
    "at",
    "kind",
    "department",
    "user",
    "feature",
    "action",
    "channel",
    "model",
    "policy",
    "ok",
    "target",
]


def _cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (a file name may begin with = or +)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def governance_csv(wanted: GovernanceFilter) -> Iterator[str]:
    """Every matching entry as CSV lines: the columns above, then one count column per personal-data type."""

    class _Line:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([*CSV_COLUMNS, *ALL_TYPES])  # the mark lets Excel read the UTF-8
    for entry in governance_entries(wanted):
        values = [getattr(entry, name) for name in CSV_COLUMNS]
        values[0] = entry.at.isoformat()
        yield writer.writerow([_cell(v) for v in values] + [entry.counts.get(t, 0) for t in ALL_TYPES])
