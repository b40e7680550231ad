from datetime import timedelta

import pytest
from django.utils import timezone

from tests.catalogue.conftest import vera  # noqa: F401  (the vendor's user, for sessions that show a solution)


def make_event(actor, slug="ai-forum", **changes):
    from aiplus.forums.services import event_create

    start = timezone.now() + timedelta(days=14)
    fields = {
        "slug": slug,
        "title_en": "AI+ Technology Forum",
        "title_zh": "AI+ 科技論壇",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "capacity_in_person": 2,
        "capacity_online": 1,
        "venue": "Central Government Offices",
        **changes,
    }
    return event_create(actor=actor, **fields)


def sign_up(event, email, mode="in_person", **changes):
    from aiplus.forums.services import registration_create

    fields = {
        "event": event,
        "mode": mode,
        "name": email.split("@")[0].title(),
        "email": email,
        "organisation_type": "bureau",
        "organisation": "Demo Services Department",
        "consent": True,
        **changes,
    }
    return registration_create(**fields)


@pytest.fixture
def forum(admin):
    return make_event(admin)
