"""Forum pages: the public event page and registration (no sign-in), the confirmation with its QR code, and
the organisers' pages: registrations, approval, check-in by scanning or by hand, attendance import,
statistics."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page
from aiplus.forums import services, statistics
from aiplus.forums.exports import statistics_download
from aiplus.forums.limits import RegistrationThrottle
from aiplus.forums.models import Event, Mode, OrganisationType, Series, Status

_FORM = {"mode": "", "name": "", "email": "", "organisation_type": "", "organisation": "", "department": ""}
MAX_ATTENDANCE_UPLOAD = statistics.MAX_ATTENDANCE_BYTES


def events(request):
    upcoming = list(services.events_upcoming())
    organiser = services.can_organise(request.user)
    past = Event.objects.exclude(pk__in=[e.pk for e in upcoming]).order_by("-starts_at") if organiser else []
    return render(request, "forums/events.html", {"upcoming": upcoming, "past": past, "organiser": organiser})


@require_http_methods(["GET", "POST"])
def event(request, slug):
    try:
        forum = services.event_for_public(slug)
    except AiplusError as error:
        return error_page(request, error)
    form = dict(_FORM, mode=forum.modes()[0])
    form_error, status = "", 200
    if request.method == "POST":
        form = {key: request.POST.get(key, default) for key, default in _FORM.items()}
        try:
            throttle = RegistrationThrottle()
            if not throttle.allow_request(request):
                raise AiplusError(ErrorCode.RATE_LIMITED, {"seconds": max(1, round(throttle.wait() or 1))})
            registration = services.registration_create(
                event=forum,
                consent=request.POST.get("consent") == "yes",
                department_code=form["department"],
                language=get_language() or "en",
                **{k: form[k] for k in ("mode", "name", "email", "organisation_type", "organisation")},
            )
            return redirect("forums:registration", code=registration.code)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
            form = {key: repair_text("forum.organisation", value) for key, value in form.items()}
    context = {
        "event": forum,
        "programme": services.programme(forum, language=get_language() or "en"),
        "seats_left": services.seats_left(forum),
        "modes": [(m, Mode(m).label) for m in forum.modes()],
        "organisation_types": OrganisationType.choices,
        "departments": Department.objects.order_by("code"),
        "form": form,
        "form_error": form_error,
        "organiser": services.can_organise(request.user),
    }
    return render(request, "forums/event.html", context, status=status)


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, title="QR")


@require_http_methods(["GET", "POST"])
def registration(request, code):
    try:
        mine = services.registration_by_code(code)
        if request.method == "POST" and request.POST.get("action") == "withdraw":
            mine = services.registration_withdraw(code=code)
            messages.success(request, _("Your registration is withdrawn."))
            return redirect("forums:registration", code=code)
    except AiplusError as error:
        return error_page(request, error)
    check_in_url = request.build_absolute_uri(reverse("forums:check_in", args=[mine.code]))
    context = {
        "registration": mine,
        "event": mine.event,
        "position": services.waitlist_position(mine),
        "qr": _qr_svg(check_in_url) if mine.status == Status.CONFIRMED else "",
        "check_in_url": check_in_url,
        "live": mine.status in services.LIVE,
    }
    return render(request, "forums/registration.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, code):
    """Scanning a confirmation's QR code with a phone opens this page; the organiser confirms the arrival."""
    if not services.can_organise(request.user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN))
    try:
        arrival = services.registration_by_code(code)
        error = ""
        if request.method == "POST":
            arrival = services.check_in(actor=request.user, code=code)
            messages.success(request, _("%(name)s is checked in.") % {"name": arrival.name})
            return redirect("forums:scan", slug=arrival.event.slug)
    except AiplusError as failure:
        if failure.code == ErrorCode.NOT_FOUND:
            return error_page(request, failure)
        error = failure.message
    return render(request, "forums/check_in.html", {"registration": arrival, "error": error})


@login_required
def scan(request, slug):
    if not services.can_organise(request.user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN))
    try:
        forum = services.event_for_public(slug)
    except AiplusError as error:
        return error_page(request, error)
    query = request.GET.get("q", "")
    found = []
    if query:
        try:
            found = services.registrations_for(actor=request.user, event=forum, query=query)[:20]
        except AiplusError as error:
            messages.error(request, error.message)
    return render(request, "forums/scan.html", {"event": forum, "query": query, "found": found})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, slug):
    user = request.user
    if not services.can_organise(user):
        return error_page(request, AiplusError(ErrorCode.FORBIDDEN))
    try:
        forum = services.event_for_public(slug)
        if request.method == "POST":
            _manage_action(request, forum)
            return redirect("forums:manage", slug=slug)
        registrations = services.registrations_for(
            actor=user, event=forum, query=request.GET.get("q", ""), status=request.GET.get("status", "")
        )
        figures = statistics.event_statistics(actor=user, events=[forum])
    except AiplusError as error:
        return error_page(request, error)
    context = {
        "event": forum,
        "registrations": registrations,
        "figures": figures,
        "charts": _charts(figures),
        "statuses": Status.choices,
        "seats_left": services.seats_left(forum),
        "query": request.GET.get("q", ""),
        "status": request.GET.get("status", ""),
    }
    return render(request, "forums/manage.html", context)


def _manage_action(request, forum: Event) -> None:
    """One organiser action from the manage page; its error is shown there as a message."""
    action = request.POST.get("action", "")
    try:
        if action in {"approve", "decline"}:
            chosen = forum.registrations.filter(code=request.POST.get("code", "")).first()
            if chosen is None:
                raise AiplusError(ErrorCode.NOT_FOUND)
            services.registration_decide(actor=request.user, registration=chosen, approve=action == "approve")
        elif action == "check_in":
            services.check_in(actor=request.user, code=request.POST.get("code", ""))
        elif action == "capacity":
            services.capacity_set(
                actor=request.user,
                event=forum,
                capacity_in_person=_whole(request.POST.get("capacity_in_person")),
                capacity_online=_whole(request.POST.get("capacity_online")),
            )
        elif action == "attendance":
            upload = request.FILES.get("file")
            if upload is None:
                raise AiplusError(ErrorCode.MISSING_FIELD, {"field": _("attendance file")})
            if upload.size > MAX_ATTENDANCE_UPLOAD:
                raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": MAX_ATTENDANCE_UPLOAD // (1024 * 1024)})
            result = statistics.online_attendance_import(actor=request.user, event=forum, data=upload.read())
            messages.success(
                request,
                _(
                    "%(marked)s online attendees marked; %(unknown)s addresses in the file were not registered."
                )
                % {"marked": result.marked, "unknown": len(result.unknown)},
            )
            return
        else:
            raise AiplusError(ErrorCode.INVALID)
        messages.success(request, _("Saved."))
    except AiplusError as error:
        messages.error(request, error.message)


def _whole(value) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _charts(figures: statistics.EventStatistics) -> list[dict]:
    """Bars for the page: each breakdown's registered and attended counts, scaled to the largest."""
    charts = []
    for title, table, labels in (
        (_("By mode"), figures.by_mode, dict(Mode.choices)),
        (_("By organisation type"), figures.by_organisation_type, dict(OrganisationType.choices)),
        (_("By department"), figures.by_department, {}),
    ):
        top = max((f.registered for f in table.values()), default=0) or 1
        bars = [
            {
                "label": labels.get(key, key),
                "registered": f.registered,
                "attended": f.attended,
                "registered_width": round(100 * f.registered / top),
                "attended_width": round(100 * f.attended / top),
            }
            for key, f in sorted(table.items(), key=lambda item: -item[1].registered)
        ]
        charts.append({"title": title, "bars": bars})
    return charts


@login_required
def statistics_file(request, slug, file_format):
    try:
        if file_format not in {"csv", "xlsx"}:
            raise AiplusError(ErrorCode.NOT_FOUND)
        forum = services.event_for_public(slug)
        figures = statistics.event_statistics(actor=request.user, events=[forum])
    except AiplusError as error:
        return error_page(request, error)
    return statistics_download(figures, file_format, name=slug)


@login_required
def series_file(request, slug, file_format):
    try:
        series = Series.objects.filter(slug=slug).first()
        if series is None or file_format not in {"csv", "xlsx"}:
            raise AiplusError(ErrorCode.NOT_FOUND)
        figures = statistics.event_statistics(actor=request.user, events=list(series.events.all()))
    except AiplusError as error:
        return error_page(request, error)
    return statistics_download(figures, file_format, name=slug)
