"""The OpenAI chat-completions shapes aiplus accepts and answers with. Fields a standard client sends that
aiplus has no use for (temperature, max_tokens, ...) are accepted and ignored; ``citations`` and ``aiplus``
are extra fields that standard clients ignore and aiplus-aware ones read."""

from typing import Any

from ninja import Schema
from pydantic import ConfigDict

from aiplus.assistant.schemas import CitationOut as AnswerCitationOut


class ContentPart(Schema):
    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class MessageIn(Schema):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[ContentPart] | None = None


class ChatCompletionIn(Schema):
    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[MessageIn]
    stream: bool = False


class MessageOut(Schema):
    role: str
    content: str


class ChoiceOut(Schema):
    index: int
    message: MessageOut
    finish_reason: str


class CitationOut(AnswerCitationOut):
    char_start: int
    char_end: int


class AnswerInfoOut(Schema):
    engine: str
    grounded: bool
    answered: bool
    confidence: float | None = None
    script: str
    notice: str = ""
    flags: list[dict[str, Any]] = []


class ChatCompletionOut(Schema):
    id: str
    object: str
    created: int
    model: str
    choices: list[ChoiceOut]
    citations: list[CitationOut]
    aiplus: AnswerInfoOut


class ModelOut(Schema):
    id: str
    object: str
    created: int
    owned_by: str
    name: str


class ModelListOut(Schema):
    object: str
    data: list[ModelOut]


class OpenAIErrorBody(Schema):
    message: str
    type: str
    param: str | None = None
    code: Any = None


class OpenAIErrorOut(Schema):
    error: OpenAIErrorBody


def openai_error_responses(*statuses: int) -> dict[int, type[OpenAIErrorOut]]:
    """The error statuses a chat-API endpoint declares: the common ones and its own."""
    return {status: OpenAIErrorOut for status in sorted({400, 401, 413, 429, *statuses})}
