"""Errors under ``/v1/`` that never reach the chat API's handlers (an unknown path, a method an endpoint does
not take, a body declared over the size limit) get OpenAI's error shape too, so a client parses one shape."""

from aiplus.core.api_errors import (
    _CODE_FOR_STATUS,
    _declared_length,
    max_request_bytes,
    request_too_large_params,
)
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.integrations.errors import openai_error_json

CHAT_API_PREFIX = "/v1/"


class ChatApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(CHAT_API_PREFIX):
            return self.get_response(request)
        if _declared_length(request) > max_request_bytes():
            return openai_error_json(
                AiplusError(ErrorCode.REQUEST_TOO_LARGE, params=request_too_large_params())
            )
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or content_type.startswith("application/json"):
            return response
        code = _CODE_FOR_STATUS.get(response.status_code, ErrorCode.INTERNAL)
        params = {"method": request.method} if code == ErrorCode.METHOD_NOT_ALLOWED else {}
        if code == ErrorCode.REQUEST_TOO_LARGE:
            params = request_too_large_params()
        shaped = openai_error_json(AiplusError(code, params=params), status=response.status_code)
        if response.has_header("Allow"):
            shaped["Allow"] = response["Allow"]
        return shaped
