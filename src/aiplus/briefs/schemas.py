from datetime import date

from ninja import Schema


class BriefIn(Schema):
    collection: str
    date_from: date | str | None = None
    date_to: date | str | None = None
    query: str = ""
    language: str = "en"


class CitedLineOut(Schema):
    text: str
    sources: list[int]


class SignalOut(Schema):
    text: str
    source: int
    kinds: list[str]


class QuoteOut(Schema):
    text: str
    speaker: str
    source: int


class EntityOut(Schema):
    key: str
    name_en: str
    name_zh: str
    releases: int
    url: str


class SourceOut(Schema):
    number: int
    document_id: int
    title: str
    outlet: str
    date: str


class BriefSummaryOut(Schema):
    id: int
    collection: str
    headline: str
    date_from: date | None
    date_to: date | None
    query: str
    language: str
    mode: str
    created_by: str
    created_at: str


class BriefOut(BriefSummaryOut):
    summary: list[CitedLineOut]
    signals: list[SignalOut]
    quote: QuoteOut | None
    agencies: list[EntityOut]
    vendors: list[EntityOut]
    locations: list[EntityOut]
    sources: list[SourceOut]
    notices: list[str]
