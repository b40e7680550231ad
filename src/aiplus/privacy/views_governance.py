"""The governance page: model calls and redactions with counts per personal-data type, filters, totals and
a CSV download of what the filters select."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aiplus.core.errors import AiplusError
from aiplus.core.models import Department
from aiplus.core.views import error_page
from aiplus.privacy.api import csv_response
from aiplus.privacy.detect import TYPES
from aiplus.privacy.governance import (
    FEATURES,
    governance_filter,
    governance_report,
    is_governance_officer,
    may_govern,
)

FILTERS = ("department", "feature", "since", "until", "type")


@login_required
@require_GET
def governance_page(request):
    asked = {name: request.GET.get(name, "").strip() for name in FILTERS}
    try:
        wanted = governance_filter(actor=request.user, **asked)
    except AiplusError as error:
        if not may_govern(request.user):
            return error_page(request, error)
        context = {"asked": asked, "filter_error": error.message, "report": None}
        return render(
            request, "privacy/governance.html", _choices(request, context), status=error.http_status
        )
    if request.GET.get("format") == "csv":
        return csv_response(wanted)
    context = {
        "asked": asked,
        "report": governance_report(wanted),
        "csv_query": urlencode({**{k: v for k, v in asked.items() if v}, "format": "csv"}),
    }
    return render(request, "privacy/governance.html", _choices(request, context))


def _choices(request, context: dict) -> dict:
    departments = (
        Department.objects.all() if is_governance_officer(request.user) else Department.objects.none()
    )
    return {**context, "departments": departments, "features": FEATURES, "types": TYPES}
