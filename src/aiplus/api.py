"""The REST API under /api/v1: one NinjaAPI, with each app's router mounted on it.

Every error is JSON in the shape of ``aiplus.core.schemas.ErrorOut``, in the asker's language (set from
``Accept-Language`` by Django's LocaleMiddleware); the handlers below shape the errors raised inside ninja,
and ``aiplus.core.api_errors.ApiErrorMiddleware`` the few raised outside it.
"""

import logging
import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer

from aiplus.core.api_errors import error_body, request_too_large_params
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.throttling import AddressThrottle, UserThrottle

logger = logging.getLogger("aiplus.api")


class TokenAuth(HttpBearer):
    """A bearer token; every caller's address is rate-limited first, so guessing tokens is slowed too."""

    address_throttle = AddressThrottle()

    def __call__(self, request):
        if not self.address_throttle.allow_request(request):
            raise Throttled(wait=self.address_throttle.wait())
        return super().__call__(request)

    def authenticate(self, request, token: str):
        from aiplus.core.services import api_token_authenticate

        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="aiplus API",
    version="1",
    description="Collections, documents, bilingual search, cited answers and meeting minutes.",
    auth=TokenAuth(),
    throttle=[UserThrottle()],
    urls_namespace="api",
)


def _error(request, code: ErrorCode, *, status: int | None = None, params=None, field=None, detail=None):
    return api.create_response(
        request,
        error_body(code, params=params, field=field, detail=detail),
        status=status or AiplusError(code).http_status,
    )


@api.exception_handler(AiplusError)
def _aiplus_error(request, error: AiplusError):
    return _error(request, error.code, params=error.params, field=error.field)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    return _error(request, ErrorCode.UNAUTHENTICATED)


@api.exception_handler(Throttled)
def _throttled(request, error: Throttled):
    seconds = max(1, math.ceil(error.wait or 1))
    response = _error(request, ErrorCode.RATE_LIMITED, params={"seconds": seconds})
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    """Malformed bodies and other protocol errors, in the same shape as every other error."""
    if error.status_code == 400:
        return _error(request, ErrorCode.UNREADABLE_BODY, detail=str(error))
    return _error(request, ErrorCode.INVALID, status=error.status_code, detail=str(error))


@api.exception_handler(Http404)
def _not_found(request, error):
    return _error(request, ErrorCode.NOT_FOUND)


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def _request_too_large(request, error):
    return _error(request, ErrorCode.REQUEST_TOO_LARGE, params=request_too_large_params())


def _field_name(location) -> str:
    """``("body", "payload", "question")`` -> ``question``; ``("query", "k")`` -> ``k``."""
    names = [str(part) for part in location[1:] if part != "payload"]
    return ".".join(names) or str(location[-1])


_CODE_FOR_PYDANTIC_TYPE = {"missing": ErrorCode.MISSING_FIELD, "extra_forbidden": ErrorCode.UNKNOWN_FIELD}


@api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    """A field missing or of the wrong type. An upload refused while it streamed in (over the size limit)
    leaves its file field empty: that is a too-large file, not a missing one."""
    if getattr(request, "upload_refused", False):
        return _error(
            request, ErrorCode.TOO_LARGE, params={"limit_mb": settings.AIPLUS_MAX_UPLOAD_BYTES // 2**20}
        )
    first = error.errors[0] if error.errors else {}
    field = _field_name(first.get("loc") or ("", ""))
    code = _CODE_FOR_PYDANTIC_TYPE.get(first.get("type"), ErrorCode.WRONG_TYPE)
    return _error(request, code, status=422, params={"field": field}, field=field, detail=error.errors)


@api.exception_handler(Exception)
def _internal(request, error: Exception):
    logger.exception("api request failed path=%s", request.path)
    return _error(request, ErrorCode.INTERNAL)


from aiplus.assistant.api import router as assistant_router  # noqa: E402
from aiplus.bots.api import router as bots_router  # noqa: E402
from aiplus.briefs.api import router as briefs_router  # noqa: E402
from aiplus.catalogue.api import router as catalogue_router  # noqa: E402
from aiplus.chat.api import router as chat_router  # noqa: E402
from aiplus.classifier.api import router as classifier_router  # noqa: E402
from aiplus.documents.api import router as documents_router  # noqa: E402
from aiplus.faq.api import router as faq_router  # noqa: E402
from aiplus.forums.api import router as forums_router  # noqa: E402
from aiplus.glossary.api import router as glossary_router  # noqa: E402
from aiplus.intake.api import router as intake_router  # noqa: E402
from aiplus.meetings.api import router as meetings_router  # noqa: E402
from aiplus.pilot.api import router as pilot_router  # noqa: E402
from aiplus.pilot.api_check import router as check_router  # noqa: E402
from aiplus.privacy.api import router as privacy_router  # noqa: E402
from aiplus.privacy.api_redact import router as redact_router  # noqa: E402
from aiplus.privacy.api_review import router as redact_review_router  # noqa: E402
from aiplus.records.api import router as records_router  # noqa: E402
from aiplus.workflows.api import router as workflows_router  # noqa: E402

api.add_router("/", documents_router)
api.add_router("/", assistant_router)
api.add_router("/", meetings_router)
api.add_router("/", chat_router)
api.add_router("/", bots_router)
api.add_router("/", faq_router)
api.add_router("/", forums_router)
api.add_router("/", redact_router)
api.add_router("/", redact_review_router)
api.add_router("/", pilot_router)
api.add_router("/", glossary_router)
api.add_router("/pilot", check_router)
api.add_router("/", privacy_router)
api.add_router("/", catalogue_router)
api.add_router("/", briefs_router)
api.add_router("/", workflows_router)
api.add_router("/", classifier_router)
api.add_router("/", intake_router)
api.add_router("/", records_router)
