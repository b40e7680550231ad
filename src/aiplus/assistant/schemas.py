from datetime import date

from ninja import Schema


class SearchHitOut(Schema):
    source_id: str
    document: int
    title: str
    collection: str
    page: int
    chunk_id: int
    char_start: int
    char_end: int
    score: float
    text: str


class AskIn(Schema):
    question: str
    collection: str | None = None


class CitationOut(Schema):
    number: int
    source_id: str
    document: int
    title: str
    collection: str
    page: int
    chunk_id: int
    quote: str


class AnswerOut(Schema):
    answer: str
    answered: bool = True  # False when the answer declines or nothing was found
    confidence: float = 0.0  # 0..1; for FAQ collections, how sure the match is
    citations: list[CitationOut]
    engine: str
    grounded: bool
    found: bool


class SearchQuery(Schema):
    q: str
    collection: str | None = None
    k: int = 10
    language: list[str] = []
    file_type: list[str] = []
    date_from: date | None = None
    date_to: date | None = None
