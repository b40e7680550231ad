"""Errors of the chat API in OpenAI's shape, ``{"error": {"message", "type", "param", "code"}}``, so a standard
client shows them; the message is in the asker's language (from ``Accept-Language``), as everywhere in aiplus.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import HTTP_STATUS, AiplusError, ErrorCode, error_message

# Why a chat request was refused, where aiplus's general messages would not say enough.
REASONS = {
    "model_not_found": _(
        "The model %(model)s does not exist, or you may not use it. GET /v1/models lists the models you can use."
    ),
    "last_message_not_user": _('The last message must be the question, from the role "user".'),
    "no_messages": _("Send at least one message."),
    "unknown_role": _("A message has the role %(role)s; use system, user or assistant."),
}

# The ``type`` OpenAI gives each status; clients branch on the status and show the message.
ERROR_TYPES = {
    401: "authentication_error",
    403: "permission_error",
    404: "invalid_request_error",
    429: "rate_limit_error",
    500: "server_error",
    503: "server_error",
}

# aiplus codes that OpenAI's clients know by another name.
OPENAI_CODES = {ErrorCode.UNAUTHENTICATED: "invalid_api_key", ErrorCode.RATE_LIMITED: "rate_limit_exceeded"}


class ChatRequestError(AiplusError):
    """A chat request refused for a reason of its own (``REASONS``), with aiplus's code for its status."""

    def __init__(
        self, reason: str, *, code: ErrorCode = ErrorCode.INVALID, params: dict | None = None, param=None
    ):
        super().__init__(code, params=params, detail=reason, field=param or "")
        self.reason = reason

    @property
    def message(self) -> str:
        try:
            return str(REASONS[self.reason]) % self.params
        except (KeyError, TypeError, ValueError):
            return error_message(self.code, self.params)


def openai_error_body(error: AiplusError, *, status: int | None = None) -> dict:
    status = status or error.http_status
    code = getattr(error, "reason", "") or OPENAI_CODES.get(error.code, str(error.code))
    return {
        "error": {
            "message": error.message,
            "type": ERROR_TYPES.get(status, "invalid_request_error"),
            "param": error.field or None,
            "code": code,
        }
    }


def openai_error_json(error: AiplusError, *, status: int | None = None) -> JsonResponse:
    status = status or HTTP_STATUS[error.code]
    return JsonResponse(
        openai_error_body(error, status=status), status=status, json_dumps_params={"ensure_ascii": False}
    )
