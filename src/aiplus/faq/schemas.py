from ninja import Schema


class RowProblemOut(Schema):
    row: int
    field: str
    message: str


class ImportReportOut(Schema):
    collection: str
    rows: int
    created: int
    updated: int
    unchanged: int
    problems: list[RowProblemOut]


class FaqEntryIn(Schema):
    entry_id: str
    language: str
    question: str
    answer: str
    alternatives: list[str] = []
    url: str = ""
    form: str = ""
    department: str = ""


class FaqEntryOut(Schema):
    entry_id: str
    language: str
    question: str
    alternatives: list[str]
    answer: str
    url: str
    form: str
    department: str
    updated_at: str
