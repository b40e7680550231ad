from datetime import datetime
from typing import Any

from ninja import Schema

from aiplus.assistant.schemas import CitationOut


class ChatIn(Schema):
    title: str = ""
    collections: list[str] = []


class ChatRenameIn(Schema):
    title: str


class MessageIn(Schema):
    question: str
    stream: bool = False


class ChatCitationOut(CitationOut):
    url: str


class TurnOut(Schema):
    number: int
    question: str
    query: str
    rewrite: str
    answer: str
    citations: list[ChatCitationOut]
    engine: str
    found: bool
    grounded: bool
    notice: str
    flags: list[Any]
    timings: dict[str, int]
    created_at: datetime


class ChatOut(Schema):
    id: int
    title: str
    collections: list[str]
    all_collections: bool
    created_at: datetime
    updated_at: datetime
    turns: int


class ChatDetailOut(ChatOut):
    messages: list[TurnOut]
