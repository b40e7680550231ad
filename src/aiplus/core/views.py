"""Sign-in and sign-out pages, and the one way every page shows an AiplusError."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render

from aiplus.core.errors import AiplusError


def error_page(request, error: AiplusError):
    """The error's translated message, with its HTTP status (a hidden object is a plain 404)."""
    return render(request, "error.html", {"error": error}, status=error.http_status)


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]
