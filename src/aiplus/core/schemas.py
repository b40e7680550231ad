"""The one error shape every API response uses, and the statuses each endpoint declares in OpenAPI."""

from typing import Any

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    detail: Any = None


class ErrorOut(Schema):
    error: ErrorBody


# What any endpoint may answer whatever it does: a body that cannot be parsed (400), no valid token (401),
# a request over the size limit (413), fields that do not fit the schema (422), too many requests (429).
COMMON_ERROR_STATUSES = (400, 401, 413, 422, 429)


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error statuses an endpoint declares: the common ones and its own (e.g. 404, 409, 503)."""
    return {status: ErrorOut for status in sorted({*COMMON_ERROR_STATUSES, *statuses})}
