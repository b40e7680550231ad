"""Vendors, solutions and their versions, attachments, needs and proposals. Matching is in
``catalogue.matching``, search in ``catalogue.search``; access is in ``catalogue.selectors``.

Every change to a solution writes a new ``SolutionVersion`` and moves ``Solution.current_version`` to it;
earlier versions are never changed, so a shortlist that pinned one keeps it. A vendor's change to a
published (or suspended) solution sends it back for review, so nothing unreviewed is ever in the catalogue.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Max

from aiplus.catalogue import vocabulary as vocab
from aiplus.catalogue.models import (
    Attachment,
    Need,
    NeedVisibility,
    Proposal,
    Solution,
    SolutionStatus,
    SolutionVersion,
    Vendor,
    VendorMember,
    VendorStatus,
)
from aiplus.catalogue.search import catalogue_changed, embed_or_queue
from aiplus.catalogue.selectors import can_edit_solution, is_office, is_officer, vendor_of
from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import index_terms
from aiplus.core.models import Department, User
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_number, clean_text, invalid

logger = logging.getLogger("aiplus.catalogue")

# Hong Kong business registration: the 8-digit BR number, optionally with the certificate's suffix
# (e.g. 12345678-000-01-24-A), as printed on the Business Registration Certificate.
BR_NUMBER = re.compile(r"\A\d{8}(-\d{3}(-\d{2}-\d{2}-[0-9A-Z])?)?\Z")
MIN_PASSWORD = 10
ATTACHMENT_LIMIT_BYTES = 10 * 2**20
# What an attachment may be, by name ending, and the bytes such a file starts with.
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK\x03\x04"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}

S = SolutionStatus
# Which status may follow which, and who may make the move: "vendor" (the solution's own vendor; the office
# may act for it), or "office" only.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED: "vendor", S.WITHDRAWN: "vendor"},
    S.SUBMITTED: {S.UNDER_REVIEW: "office", S.DRAFT: "vendor", S.WITHDRAWN: "vendor"},
    S.UNDER_REVIEW: {S.PUBLISHED: "office", S.DRAFT: "office", S.WITHDRAWN: "vendor"},
    S.PUBLISHED: {S.SUSPENDED: "office", S.WITHDRAWN: "vendor"},
    S.SUSPENDED: {S.PUBLISHED: "office", S.WITHDRAWN: "vendor"},
    S.WITHDRAWN: {},
}
# After a vendor's edit, the status a solution takes (statuses not listed cannot be edited by a vendor).
STATUS_AFTER_VENDOR_EDIT = {
    S.DRAFT: S.DRAFT,
    S.SUBMITTED: S.SUBMITTED,
    S.PUBLISHED: S.SUBMITTED,
    S.SUSPENDED: S.SUBMITTED,
}

VERSION_FIELDS = (
    "name_en",
    "name_zh",
    "summary_en",
    "summary_zh",
    "description",
    "categories",
    "technologies",
    "languages",
    "deployment",
    "residency",
    "personal_data",
    "certifications",
    "pricing_model",
    "annual_price_hkd",
    "trial",
    "references",
    "risk_tier",
    "demo_url",
)


def _forbidden(detail: str) -> AiplusError:
    return AiplusError(ErrorCode.FORBIDDEN, detail=detail)


def _clean_url(field: str, value) -> str:
    value = value.strip() if isinstance(value, str) else value
    if not value:
        return ""
    try:
        if not isinstance(value, str) or len(value) > 300:
            raise ValidationError("url")
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise invalid(field, "url") from None
    return value


def _clean_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "on", "是"}
    return bool(value)


def _clean_optional_number(field: str, value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        digits = value.replace(",", "").replace("HK$", "").strip()
        value = int(digits) if digits.isdigit() else value
    return clean_number(field, value)


# --- vendors -------------------------------------------------------------------------------------------


def _vendor_fields(values: dict) -> dict:
    br_number = values.get("br_number")
    br_number = br_number.strip().upper() if isinstance(br_number, str) else ""
    if not BR_NUMBER.match(br_number):
        raise invalid("vendor.br_number", "br_number")
    email = values.get("contact_email")
    email = email.strip() if isinstance(email, str) else ""
    try:
        EmailValidator()(email)
    except ValidationError:
        raise invalid("vendor.contact_email", "email") from None
    return {
        "name": clean_text("vendor.name", values.get("name")),
        "name_zh": clean_text("vendor.name_zh", values.get("name_zh")),
        "br_number": br_number,
        "is_sme": _clean_bool(values.get("is_sme")),
        "is_startup": _clean_bool(values.get("is_startup")),
        "contact_name": clean_text("vendor.contact_name", values.get("contact_name")),
        "contact_email": email,
        "contact_phone": clean_text("vendor.contact_phone", values.get("contact_phone")),
        "website": _clean_url("vendor.website", values.get("website")),
    }


def vendor_register(*, username: str, password: str, channel: str = "", **values) -> Vendor:
    """A company asks to join the catalogue: the vendor (awaiting approval) and its first user."""
    fields = _vendor_fields(values)
    username = clean_text("user.username", username)
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise invalid("vendor.password", "password", limit=MIN_PASSWORD)
    with transaction.atomic():
        if Vendor.objects.filter(br_number=fields["br_number"]).exists():
            raise AiplusError(ErrorCode.CONFLICT, detail=f"vendor {fields['br_number']} exists")
        if User.objects.filter(username=username).exists():
            raise AiplusError(ErrorCode.CONFLICT, detail=f"user {username!r} exists")
        vendor = Vendor.objects.create(**fields)
        user = User(username=username, email=fields["contact_email"], department=None)
        user.set_password(password)
        user.save()
        VendorMember.objects.create(user=user, vendor=vendor)
    audit_record(
        actor=user, action="catalogue.vendor.register", target=f"vendor:{vendor.pk}", channel=channel
    )
    logger.info("vendor registered vendor=%s", vendor.pk)
    return vendor


def vendor_review(*, actor, vendor: Vendor, approve: bool, note: str = "", channel: str = "") -> Vendor:
    if not is_office(actor):
        raise _forbidden("review vendors")
    vendor.status = VendorStatus.APPROVED if approve else VendorStatus.REJECTED
    vendor.review_note = clean_text("vendor.note", note)
    vendor.save(update_fields=["status", "review_note"])
    audit_record(
        actor=actor,
        action="catalogue.vendor.review",
        target=f"vendor:{vendor.pk}",
        channel=channel,
        status=vendor.status,
    )
    return vendor


# --- solutions -----------------------------------------------------------------------------------------


def clean_solution_fields(values: dict) -> dict:
    """Every field of a solution version, checked; ``invalid`` names the first field at fault."""
    certifications = values.get("certifications") or []
    if isinstance(certifications, str):
        certifications = [part for part in re.split(r"[;\n]", certifications)]
    if not isinstance(certifications, list | tuple):
        raise invalid("solution.certification", "not_text")
    return {
        "name_en": clean_text("solution.name_en", values.get("name_en")),
        "name_zh": clean_text("solution.name_zh", values.get("name_zh")),
        "summary_en": clean_text("solution.summary_en", values.get("summary_en")),
        "summary_zh": clean_text("solution.summary_zh", values.get("summary_zh")),
        "description": clean_text("solution.description", values.get("description")),
        "categories": vocab.clean_codes("solution.categories", "categories", values.get("categories")),
        "technologies": vocab.clean_codes(
            "solution.technologies", "technologies", values.get("technologies") or [], required=False
        ),
        "languages": vocab.clean_codes("solution.languages", "languages", values.get("languages")),
        "deployment": vocab.clean_code("solution.deployment", "deployments", values.get("deployment")),
        "residency": vocab.clean_code("solution.residency", "residencies", values.get("residency")),
        "personal_data": _clean_bool(values.get("personal_data")),
        "certifications": [clean_text("solution.certification", c) for c in certifications if str(c).strip()],
        "pricing_model": vocab.clean_code(
            "solution.pricing_model", "pricing_models", values.get("pricing_model")
        ),
        "annual_price_hkd": _clean_optional_number(
            "solution.annual_price_hkd", values.get("annual_price_hkd")
        ),
        "trial": _clean_bool(values.get("trial")),
        "references": clean_text("solution.references", values.get("references")),
        "risk_tier": vocab.clean_code("solution.risk_tier", "risk_tiers", values.get("risk_tier")),
        "demo_url": _clean_url("solution.demo_url", values.get("demo_url")),
    }


def version_text(fields: dict, vendor: Vendor) -> str:
    """What the search index reads for a version: its words, its vendor, and its list labels in both
    languages (so "Cantonese speech" or 粵語 finds a solution that lists ``yue-speech``)."""
    parts = [fields[name] for name in ("name_en", "name_zh", "summary_en", "summary_zh", "description")]
    parts += [vendor.name, vendor.name_zh, *fields["certifications"]]
    for kind, names in (
        ("categories", "categories"),
        ("technologies", "technologies"),
        ("languages", "languages"),
    ):
        parts += [vocab.all_labels(kind, code) for code in fields[names]]
    parts += [
        vocab.all_labels("deployments", fields["deployment"]),
        vocab.all_labels("residencies", fields["residency"]),
    ]
    return "\n".join(part for part in parts if part)


def _write_version(solution: Solution, fields: dict, actor, attachments=None) -> SolutionVersion:
    number = (solution.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = SolutionVersion.objects.create(
        solution=solution,
        number=number,
        terms=" ".join(index_terms(version_text(fields, solution.vendor))),
        created_by=actor_user(actor),
        **fields,
    )
    if attachments is None and solution.current_version_id:
        attachments = solution.current_version.attachments.all()
    if attachments:
        version.attachments.set(attachments)
    solution.current_version = version
    catalogue_changed()
    return version


def _acting_vendor(actor, vendor: Vendor | None) -> Vendor:
    """The vendor a new solution belongs to: the actor's own, or (for the office) the one named."""
    own = vendor_of(actor)
    if own is not None:
        if vendor is not None and vendor.pk != own.pk:
            raise _forbidden("create a solution for another vendor")
        return own
    if is_office(actor) and vendor is not None:
        return vendor
    raise _forbidden("create solutions")


def solution_create(*, actor, vendor: Vendor | None = None, channel: str = "", **values) -> Solution:
    vendor = _acting_vendor(actor, vendor)
    fields = clean_solution_fields(values)
    with transaction.atomic():
        solution = Solution.objects.create(vendor=vendor)
        _write_version(solution, fields, actor)
        solution.save(update_fields=["current_version", "updated_at"])
    audit_record(
        actor=actor,
        action="catalogue.solution.create",
        target=f"solution:{solution.public_id}",
        channel=channel,
    )
    return solution


def _check_changeable(actor, solution: Solution) -> bool:
    """Whether the office makes the change (else the vendor); refuses a change the status does not allow."""
    if not can_edit_solution(actor, solution):
        raise _forbidden(f"edit solution {solution.public_id}")
    office = is_office(actor) and vendor_of(actor) is None
    if solution.status == S.WITHDRAWN or (not office and solution.status not in STATUS_AFTER_VENDOR_EDIT):
        raise invalid("solution.status", "transition", current=S(solution.status).label, wanted=S.DRAFT.label)
    return office


def solution_edit(*, actor, solution: Solution, channel: str = "", **values) -> SolutionVersion:
    """A new version with the values given (fields not given keep the current version's)."""
    office = _check_changeable(actor, solution)
    current = {name: getattr(solution.current_version, name) for name in VERSION_FIELDS}
    fields = clean_solution_fields({**current, **{k: v for k, v in values.items() if k in VERSION_FIELDS}})
    if fields == current:
        return solution.current_version
    with transaction.atomic():
        version = _write_version(solution, fields, actor)
        if not office:
            solution.status = STATUS_AFTER_VENDOR_EDIT[solution.status]
        solution.save(update_fields=["current_version", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="catalogue.solution.edit",
        target=f"solution:{solution.public_id}",
        channel=channel,
        version=version.number,
    )
    return version


def solution_transition(
    *, actor, solution: Solution, status: str, note: str = "", channel: str = ""
) -> Solution:
    """Move a solution along its life (``TRANSITIONS``), with the reviewer's note."""
    if not can_edit_solution(actor, solution):
        raise _forbidden(f"change solution {solution.public_id}")
    allowed = TRANSITIONS.get(solution.status, {})
    wanted = status if status in S.values else ""
    if wanted not in allowed:
        raise invalid(
            "solution.status",
            "transition",
            current=S(solution.status).label,
            wanted=S(wanted).label if wanted else str(status)[:40],
        )
    if allowed[wanted] == "office" and not is_office(actor):
        raise _forbidden(f"{wanted} solution {solution.public_id}")
    if wanted == S.SUBMITTED and solution.vendor.status != VendorStatus.APPROVED:
        raise invalid("solution.status", "vendor_not_approved")
    note = clean_text("solution.note", note)
    with transaction.atomic():
        solution.status = wanted
        if note or is_office(actor):
            solution.review_note = note
        solution.save(update_fields=["status", "review_note", "updated_at"])
        catalogue_changed()
    audit_record(
        actor=actor,
        action=f"catalogue.solution.{wanted}",
        target=f"solution:{solution.public_id}",
        channel=channel,
        note=note,
    )
    if wanted == S.PUBLISHED:
        embed_or_queue()
    return solution


def attachment_add(*, actor, solution: Solution, filename: str, data: bytes, channel: str = "") -> Attachment:
    """Attach a file; the solution gets a new version that lists it beside the earlier files (a vendor's new
    file on a published solution sends it back for review, as an edit does)."""
    office = _check_changeable(actor, solution)
    filename = clean_text("document.filename", filename)
    limit = min(ATTACHMENT_LIMIT_BYTES, settings.AIPLUS_MAX_UPLOAD_BYTES)
    if len(data) > limit:
        raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit // 2**20})
    if not data:
        raise AiplusError(ErrorCode.EMPTY_FILE)
    ending = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ending not in ATTACHMENT_TYPES:
        raise invalid("solution.attachment", "file_type")
    content_type, magic = ATTACHMENT_TYPES[ending]
    if not data.startswith(magic):
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": ending[1:].upper()})
    with transaction.atomic():
        attachment = Attachment.objects.create(
            solution=solution, filename=filename, content_type=content_type, size=len(data), content=data
        )
        previous = list(solution.current_version.attachments.all())
        current = {name: getattr(solution.current_version, name) for name in VERSION_FIELDS}
        _write_version(solution, current, actor, attachments=[*previous, attachment])
        if not office:
            solution.status = STATUS_AFTER_VENDOR_EDIT[solution.status]
        solution.save(update_fields=["current_version", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="catalogue.attachment.add",
        target=f"solution:{solution.public_id}",
        channel=channel,
        filename=filename,
    )
    return attachment


# --- needs and proposals ---------------------------------------------------------------------------------


def _requirements(field_prefix: str, items, *, weighted: bool) -> list[dict]:
    """``[{"id", "text"(, "weight")}]`` from dicts or from "text" / "text | weight" lines."""
    if isinstance(items, str):
        items = [line for line in items.splitlines() if line.strip()]
    if not isinstance(items, list | tuple):
        raise invalid("need.requirement", "not_text")
    cleaned = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            text, _bar, weight = item.partition("|") if weighted else (item, "", "")
            item = {"text": text, "weight": weight.strip()}
        if not isinstance(item, dict):
            raise invalid("need.requirement", "not_text")
        entry = {"id": f"{field_prefix}{number}", "text": clean_text("need.requirement", item.get("text"))}
        if weighted:
            weight = item.get("weight")
            weight = int(weight) if isinstance(weight, str) and weight.isdigit() else weight
            entry["weight"] = clean_number("need.weight", weight)
        cleaned.append(entry)
    if weighted and cleaned and sum(e["weight"] for e in cleaned) != 100:
        raise invalid("need.weights", "weights_total", total=sum(e["weight"] for e in cleaned))
    return cleaned


def clean_need_fields(values: dict) -> dict:
    budget_min = _clean_optional_number("need.budget_hkd", values.get("budget_min_hkd"))
    budget_max = _clean_optional_number("need.budget_hkd", values.get("budget_max_hkd"))
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        raise invalid("need.budget_hkd", "budget_order")
    visibility = values.get("visibility") or NeedVisibility.INTERNAL
    if visibility not in NeedVisibility.values:
        raise invalid("need.visibility", "one_of", choices=", ".join(NeedVisibility.values))
    return {
        "title": clean_text("need.title", values.get("title")),
        "problem": clean_text("need.problem", values.get("problem")),
        "current_process": clean_text("need.current_process", values.get("current_process")),
        "volumes": clean_text("need.volumes", values.get("volumes")),
        "must_haves": _requirements("m", values.get("must_haves") or [], weighted=False),
        "nice_to_haves": _requirements("n", values.get("nice_to_haves") or [], weighted=True),
        "sensitivity": vocab.clean_code("need.sensitivity", "sensitivities", values.get("sensitivity")),
        "languages": vocab.clean_codes(
            "need.languages", "languages", values.get("languages") or [], required=False
        ),
        "budget_min_hkd": budget_min,
        "budget_max_hkd": budget_max,
        "timeline": clean_text("need.timeline", values.get("timeline")),
        "visibility": visibility,
    }


def need_save(
    *, actor, need: Need | None = None, department: Department | None = None, channel: str = "", **values
) -> Need:
    """Post a need for the actor's department (the office may name one), or change one the actor manages."""
    from aiplus.catalogue.selectors import can_manage_need

    fields = clean_need_fields(values)
    if need is None:
        if not is_officer(actor):
            raise _forbidden("post needs")
        own = getattr(actor, "department", None)
        if department is None or (not is_office(actor) and own is not None and department.pk != own.pk):
            department = own
        if department is None:
            raise invalid("need.department", "required")
        need = Need(department=department, created_by=actor_user(actor))
    elif not can_manage_need(actor, need):
        raise _forbidden(f"edit need {need.pk}")
    for name, value in fields.items():
        setattr(need, name, value)
    need.save()
    audit_record(actor=actor, action="catalogue.need.save", target=f"need:{need.pk}", channel=channel)
    return need


def proposal_save(
    *,
    actor,
    need: Need,
    summary: str,
    answers: dict | None = None,
    solution: Solution | None = None,
    channel: str = "",
) -> Proposal:
    """A vendor's answer to a published need: per requirement id, ``{"met": bool, "evidence": text}``."""
    vendor = vendor_of(actor)
    if vendor is None or vendor.status != VendorStatus.APPROVED:
        raise _forbidden("answer needs")
    if need.visibility != NeedVisibility.PUBLISHED:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"need {need.pk}")
    if solution is not None and solution.vendor_id != vendor.pk:
        raise invalid("proposal.solution", "not_vendor")
    known = {item["id"] for item in [*need.must_haves, *need.nice_to_haves]}
    cleaned = {}
    for requirement_id, answer in (answers or {}).items():
        if requirement_id not in known or not isinstance(answer, dict):
            continue
        cleaned[requirement_id] = {
            "met": _clean_bool(answer.get("met")),
            "evidence": clean_text("proposal.evidence", answer.get("evidence")),
        }
    proposal, _created = Proposal.objects.update_or_create(
        need=need,
        vendor=vendor,
        defaults={
            "summary": clean_text("proposal.summary", summary),
            "answers": cleaned,
            "solution": solution,
        },
    )
    audit_record(actor=actor, action="catalogue.proposal.save", target=f"need:{need.pk}", channel=channel)
    return proposal


OFFICE_GROUP = "Innovation office"


def innovation_office_add(*, actor, username: str) -> User:
    """Give a user the innovation office's permission (through the group of that name)."""
    from django.contrib.auth.models import Group, Permission

    from aiplus.catalogue.selectors import REVIEW_PERMISSION

    if not getattr(actor, "is_platform_admin", False):
        raise _forbidden("appoint the innovation office")
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"user {username!r}")
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    app_label, codename = REVIEW_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user.groups.add(group)
    if not user.is_staff:  # the office reads the catalogue in the admin site too
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit_record(actor=actor, action="catalogue.office.add", target=f"user:{username}")
    return user
