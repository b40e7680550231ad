from typing import Any

from ninja import Schema

from aiplus.catalogue.search import SolutionHit
from aiplus.faq.schemas import RowProblemOut


class VendorIn(Schema):
    name: str
    name_zh: str = ""
    br_number: str
    is_sme: bool = False
    is_startup: bool = False
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    website: str = ""
    username: str
    password: str


class VendorOut(Schema):
    id: int
    name: str
    name_zh: str
    br_number: str
    is_sme: bool
    is_startup: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    website: str
    status: str
    review_note: str


class ImportReportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    problems: list[RowProblemOut]


class ReviewIn(Schema):
    approve: bool
    note: str = ""


class SolutionIn(Schema):
    """Every field for a new solution; for an edit, only the fields that change."""

    name_en: str | None = None
    name_zh: str | None = None
    summary_en: str | None = None
    summary_zh: str | None = None
    description: str | None = None
    categories: list[str] | None = None
    technologies: list[str] | None = None
    languages: list[str] | None = None
    deployment: str | None = None
    residency: str | None = None
    personal_data: bool | None = None
    certifications: list[str] | None = None
    pricing_model: str | None = None
    annual_price_hkd: int | None = None
    trial: bool | None = None
    references: str | None = None
    risk_tier: str | None = None
    demo_url: str | None = None
    vendor: int | None = None  # the office creating a solution for a vendor


class StatusIn(Schema):
    status: str
    note: str = ""


class AttachmentOut(Schema):
    id: int
    filename: str
    size: int


class VersionOut(Schema):
    number: int
    created_at: str
    name_en: str
    name_zh: str
    summary_en: str
    summary_zh: str
    description: str
    categories: list[str]
    technologies: list[str]
    languages: list[str]
    deployment: str
    residency: str
    personal_data: bool
    certifications: list[str]
    pricing_model: str
    annual_price_hkd: int | None
    trial: bool
    references: str
    risk_tier: str
    demo_url: str
    attachments: list[AttachmentOut]


class SolutionOut(Schema):
    id: str
    vendor: str
    vendor_is_sme: bool
    status: str
    review_note: str
    name: str
    summary: str
    category_labels: list[str]
    adoptions: int
    score: float | None
    version: VersionOut


class SolutionDetailOut(SolutionOut):
    versions: list[VersionOut] = []


class FacetOut(Schema):
    value: str
    label: str
    count: int
    chosen: bool


class SearchOut(Schema):
    total: int
    page: int
    solutions: list[SolutionHit]  # the search's own result type
    facets: dict[str, list[FacetOut]]


class RequirementIn(Schema):
    text: str
    weight: int | None = None


class NeedIn(Schema):
    title: str
    problem: str
    current_process: str = ""
    volumes: str = ""
    must_haves: list[RequirementIn | str] = []
    nice_to_haves: list[RequirementIn | str] = []  # "text | weight" strings are accepted too
    sensitivity: str
    languages: list[str] = []
    budget_min_hkd: int | None = None
    budget_max_hkd: int | None = None
    timeline: str = ""
    visibility: str = "internal"
    department: str | None = None  # the office posting for a department (its code)


class NeedOut(Schema):
    id: int
    department: str
    title: str
    problem: str
    current_process: str
    volumes: str
    must_haves: list[dict[str, Any]]
    nice_to_haves: list[dict[str, Any]]
    sensitivity: str
    languages: list[str]
    budget_min_hkd: int | None
    budget_max_hkd: int | None
    timeline: str
    visibility: str
    created_at: str


class AnswerIn(Schema):
    met: bool
    evidence: str = ""


class ProposalIn(Schema):
    summary: str
    solution: str | None = None
    answers: dict[str, AnswerIn] = {}


class ProposalOut(Schema):
    id: int
    need: int
    vendor: str
    solution: str | None
    summary: str
    answers: dict[str, Any]


class MatchOut(Schema):
    id: int
    solution: str
    vendor: str
    name: str
    version: int
    stage: str
    rank: int
    score: float
    breakdown: dict[str, Any]
    explanation: list[str]
    outcome: str


class ShortlistIn(Schema):
    matches: list[int]


class StageIn(Schema):
    stage: str
    outcome: str = ""
