"""Demo forums for ``aiplus setup``: a past forum with registrations, check-ins and online attendance, an
upcoming hybrid forum, and a moderated matching workshop, in one series. The registrants are made up."""

import json
import random
from datetime import timedelta
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone

from aiplus.forums import services
from aiplus.forums.models import Event, Registration, Series, Session, Status

DATA = Path(__file__).parent / "data" / "demo_forums.json"


def load_demo_forums(*, organiser) -> None:
    """Idempotent: does nothing once the demo series exists."""
    data = json.loads(DATA.read_text("utf-8"))
    if Series.objects.filter(slug=data["series"]["slug"]).exists():
        return
    chooser = random.Random(2026)
    with transaction.atomic():
        series = Series.objects.create(**data["series"])
        for spec in data["events"]:
            _load_event(spec, series, data, chooser, organiser)


def _load_event(spec: dict, series: Series, data: dict, chooser: random.Random, organiser) -> None:
    day = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0)
    # People register before a forum: a past one is registered for as if upcoming, then moved to its date.
    start = day + timedelta(days=max(1, spec["days_from_today"]))
    event = services.event_create(
        actor=organiser,
        series=series,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        **{k: spec[k] for k in ("slug", "title_en", "title_zh", "theme", "description", "mode", "venue")},
        online_link=spec["online_link"],
        capacity_in_person=spec["capacity_in_person"],
        capacity_online=spec["capacity_online"],
        moderated=spec.get("moderated", False),
    )
    for kind, title_en, title_zh, begin, end in spec["sessions"]:
        Session.objects.create(
            event=event,
            kind=kind,
            title_en=title_en,
            title_zh=title_zh,
            starts_at=start + timedelta(minutes=begin),
            ends_at=start + timedelta(minutes=end),
        )
    number = 0
    for mode, count in spec["registrations"].items():
        for _ in range(count):
            number += 1
            kind, organisation, department = chooser.choice(data["organisations"])
            name = f"{chooser.choice(data['surnames'])} {chooser.choice(data['given_names'])}"
            services.registration_create(
                event=event,
                mode=mode,
                name=name,
                email=f"{name.lower().replace(' ', '.')}.{number}@example.com",
                organisation_type=kind,
                organisation=organisation,
                department_code=department,
                consent=True,
            )
    if spec["days_from_today"] < 0:
        shift = timedelta(days=spec["days_from_today"] - 1)
        Event.objects.filter(pk=event.pk).update(
            starts_at=start + shift, ends_at=start + shift + timedelta(hours=3)
        )
        Session.objects.filter(event=event).update(
            starts_at=models.F("starts_at") + shift, ends_at=models.F("ends_at") + shift
        )
        event.refresh_from_db()
    _attend(event, spec["check_in_share"], chooser)


def _attend(event: Event, share: float, chooser: random.Random) -> None:
    """For a past demo forum: some of the confirmed came, in person (checked in) or online."""
    confirmed = list(event.registrations.filter(status=Status.CONFIRMED))
    came = [r for r in confirmed if chooser.random() < share]
    arrival = event.starts_at - timedelta(minutes=20)
    Registration.objects.filter(pk__in=[r.pk for r in came if r.mode == "in_person"]).update(
        checked_in_at=arrival
    )
    Registration.objects.filter(pk__in=[r.pk for r in came if r.mode == "online"]).update(
        attended_online=True
    )
