from ninja import Schema

from aiplus.faq.schemas import RowProblemOut


class TermIn(Schema):
    en: str = ""
    zh_hant: str = ""
    zh_hans: str = ""
    notes: str = ""
    forbidden: list[str] = []


class TermOut(Schema):
    id: int
    en: str
    zh_hant: str
    zh_hans: str
    notes: str
    forbidden: list[str]


class GlossaryOut(Schema):
    department: str
    can_edit: bool
    shared_with: list[str]
    terms: list[TermOut]


class ShareIn(Schema):
    departments: list[str]


class ShareOut(Schema):
    department: str
    shared_with: list[str]


class ImportReportOut(Schema):
    department: str
    rows: int
    stored: bool
    created: int
    updated: int
    unchanged: int
    problems: list[RowProblemOut]
