from datetime import date

from ninja import Field, Schema


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


class FlagOut(Schema):
    """A source passage that reads as an instruction to an assistant: withheld from the model, never quoted."""

    source_id: str
    document: int
    chunk_id: int
    title: str
    reason: str = Field(description="override, role, answer or personal_data")
    message: str = Field(description="why it was flagged, in the user's language")
    excerpt: str = Field(description="the sentence that reads as an instruction")
    citation: int | None = Field(None, description="its citation number, when the answer cites it")


class AnswerOut(Schema):
    answer: str
    answered: bool = True  # False when the answer declines or nothing was found
    confidence: float = 0.0  # 0..1; for FAQ collections, how sure the match is
    citations: list[CitationOut]
    engine: str
    grounded: bool
    found: bool
    flags: list[FlagOut] = Field(default_factory=list)
    notice: str = Field("", description="e.g. that the model was unavailable and the documents are quoted")


class SearchQuery(Schema):
    q: str
    collection: str | None = None
    k: int = 10
    language: list[str] = []
    file_type: list[str] = []
    date_from: date | None = None
    date_to: date | None = None
