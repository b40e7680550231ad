"""Every error the API gives is JSON in one shape, in the asker's language, whichever layer refused it.

Most errors are raised inside django-ninja and shaped by the handlers in ``aiplus.api``. A few never reach
it: an unknown ``/api/v1/...`` path (Django's URL resolver answers 404), a method an endpoint does not take
(ninja answers a bare 405), a request whose declared size is over the limit (refused here, before its body
is read), and a failure outside any view (Django's 500 page). ``ApiErrorMiddleware`` turns those into the
same JSON as the rest, so a client only ever parses one shape.
"""

import logging

from django.conf import settings
from django.http import JsonResponse

from aiplus.core.errors import HTTP_STATUS, ErrorCode, error_message

logger = logging.getLogger("aiplus.api")

API_PREFIX = "/api/"

# Statuses Django or ninja may answer on their own, with the error code each becomes.
_CODE_FOR_STATUS = {
    400: ErrorCode.INVALID,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.REQUEST_TOO_LARGE,
    429: ErrorCode.RATE_LIMITED,
}


def error_body(code: ErrorCode, *, params: dict | None = None, field: str | None = None, detail=None) -> dict:
    """The envelope every API error has: ``{"error": {"code", "message", "field", "detail"}}``."""
    return {
        "error": {
            "code": str(code),
            "message": error_message(code, params),
            "field": field or None,
            "detail": detail or None,
        }
    }


def error_json(
    code: ErrorCode,
    *,
    status: int | None = None,
    params: dict | None = None,
    field: str | None = None,
    detail=None,
) -> JsonResponse:
    return JsonResponse(
        error_body(code, params=params, field=field, detail=detail),
        status=status or HTTP_STATUS[code],
        json_dumps_params={"ensure_ascii": False},
    )


# A request may carry several files; its whole body may be this many times the single-file limit.
REQUEST_LIMIT_FILES = 5


def max_request_bytes() -> int:
    """The largest body any request may declare, pages and API alike; larger ones are refused unread."""
    return settings.AIPLUS_MAX_UPLOAD_BYTES * REQUEST_LIMIT_FILES


def request_too_large_params() -> dict:
    return {"limit_mb": max_request_bytes() // (1024 * 1024)}


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApiErrorMiddleware:
    """Refuse oversized API requests unread, and give every other non-JSON API error the JSON shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _declared_length(request) > max_request_bytes():
            return error_json(ErrorCode.REQUEST_TOO_LARGE, params=request_too_large_params())
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        code = _CODE_FOR_STATUS.get(response.status_code, ErrorCode.INTERNAL)
        params = {"method": request.method} if code == ErrorCode.METHOD_NOT_ALLOWED else None
        if code == ErrorCode.REQUEST_TOO_LARGE:
            params = request_too_large_params()
        shaped = error_json(code, status=response.status_code, params=params)
        if response.has_header("Allow"):
            shaped["Allow"] = response["Allow"]
        return shaped
