"""Sign-in and sign-out pages, the one way every page shows an AiplusError, and file downloads."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from aiplus.core.errors import AiplusError


def _sandboxed(response: HttpResponse) -> HttpResponse:
    """A file a user uploaded or aiplus wrote is shown, never run as a page of this site: the browser may
    not guess another type (an "image" that is really HTML), and an HTML file gets no scripts, forms or
    same-origin access."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def download_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file to save, its name kept whole in any script (RFC 6266 ``filename*`` for a Chinese title)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return _sandboxed(response)


def file_response(stream, *, filename: str, content_type: str, as_attachment: bool = False) -> FileResponse:
    """A stored file streamed from disk, inline (to view) or as an attachment (to save), always sandboxed."""
    return _sandboxed(
        FileResponse(stream, content_type=content_type, filename=filename, as_attachment=as_attachment)
    )


def error_page(request, error: AiplusError):
    """The error's translated message, with its HTTP status (a hidden object is a plain 404)."""
    return render(request, "error.html", {"error": error}, status=error.http_status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out user name or address: 429, with the wait in the user's language."""
    context = {"locked_minutes": settings.AIPLUS_SIGNIN_LOCKOUT_MINUTES, "next": request.POST.get("next", "")}
    return render(request, "core/login.html", context, status=429)


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]
