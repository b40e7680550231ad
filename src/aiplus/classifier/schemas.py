from datetime import datetime

from ninja import Schema

from aiplus.faq.schemas import RowProblemOut


class ClassifierIn(Schema):
    slug: str
    name: str
    labels: list[str] = []
    department: str = ""  # a platform administrator names the department; others create in their own


class LabelCountOut(Schema):
    label: str
    examples: int


class ClassifierOut(Schema):
    department: str
    slug: str
    name: str
    labels: list[LabelCountOut]
    model_version: int
    trained_at: datetime | None
    trained_examples: int
    needs_training: bool
    unreviewed: int
    metrics: dict


class ExampleIn(Schema):
    text: str
    label: str


class ExampleOut(Schema):
    id: int
    label: str
    source: str
    text: str


class TextIn(Schema):
    text: str


class PredictionOut(Schema):
    id: int
    label: str
    confidence: float
    ranked: list[tuple[str, float]]
    model_version: int
    reviewed: bool
    reviewed_label: str
    text: str


class ReviewIn(Schema):
    label: str


class ImportReportOut(Schema):
    classifier: str
    rows: int
    stored: bool
    created: int
    problems: list[RowProblemOut]
