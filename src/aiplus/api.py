"""The REST API under /api/v1: one NinjaAPI, with each app's router mounted on it."""

from django.http import Http404
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from aiplus.core.errors import AiplusError, ErrorCode


class TokenAuth(HttpBearer):
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
    urls_namespace="api",
)


def _language(request) -> str:
    return translation.get_language_from_request(request)


@api.exception_handler(AiplusError)
def _aiplus_error(request, error: AiplusError):
    with translation.override(_language(request)):
        return api.create_response(request, {"error": error.as_json()}, status=error.http_status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    with translation.override(_language(request)):
        message = translation.gettext(
            "Sign in, or send a valid API token as 'Authorization: Bearer <token>'."
        )
    return api.create_response(
        request, {"error": {"code": "unauthenticated", "message": message}}, status=401
    )


@api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    """Malformed bodies and other protocol errors, in the same shape as every other error."""
    with translation.override(_language(request)):
        message = translation.gettext("The request is not valid.")
    return api.create_response(
        request,
        {"error": {"code": "invalid", "message": message, "detail": str(error)}},
        status=error.status_code,
    )


@api.exception_handler(Http404)
def _not_found(request, error):
    return _aiplus_error(request, AiplusError(ErrorCode.NOT_FOUND))


@api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    with translation.override(_language(request)):
        message = translation.gettext("The request is not valid.")
    return api.create_response(
        request, {"error": {"code": "invalid", "message": message, "detail": error.errors}}, status=422
    )


from aiplus.assistant.api import router as assistant_router  # noqa: E402
from aiplus.documents.api import router as documents_router  # noqa: E402
from aiplus.meetings.api import router as meetings_router  # noqa: E402

api.add_router("/", documents_router)
api.add_router("/", assistant_router)
api.add_router("/", meetings_router)
