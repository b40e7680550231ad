"""Registration: seats in order, a waitlist per mode, promotion when someone withdraws, moderation, checks."""

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.forums import services
from aiplus.forums.models import Status
from tests.forums.conftest import make_event, sign_up


def test_seats_go_in_order_and_the_rest_wait_per_mode(forum):
    first, second, third = (sign_up(forum, f"p{i}@example.com") for i in range(3))
    online = sign_up(forum, "o1@example.com", mode="online")
    late_online = sign_up(forum, "o2@example.com", mode="online")
    assert [r.status for r in (first, second, third)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]
    assert online.status == Status.CONFIRMED and late_online.status == Status.WAITLISTED
    assert services.waitlist_position(third) == 1
    assert services.seats_left(forum) == {"in_person": 0, "online": 0}


def test_a_withdrawal_gives_the_seat_to_the_earliest_waiting_in_the_same_mode(forum):
    sign_up(forum, "a@example.com")
    leaving = sign_up(forum, "b@example.com")
    waiting_first = sign_up(forum, "c@example.com")
    waiting_second = sign_up(forum, "d@example.com")
    sign_up(forum, "e@example.com", mode="online")
    online_waiting = sign_up(forum, "f@example.com", mode="online")

    services.registration_withdraw(code=leaving.code)

    waiting_first.refresh_from_db(), waiting_second.refresh_from_db(), online_waiting.refresh_from_db()
    assert waiting_first.status == Status.CONFIRMED
    assert waiting_second.status == Status.WAITLISTED and services.waitlist_position(waiting_second) == 1
    assert online_waiting.status == Status.WAITLISTED


def test_withdrawing_twice_changes_nothing_more(forum):
    mine = sign_up(forum, "a@example.com")
    sign_up(forum, "b@example.com")
    waiting = sign_up(forum, "c@example.com")
    services.registration_withdraw(code=mine.code)
    services.registration_withdraw(code=mine.code)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert forum.registrations.filter(status=Status.CONFIRMED).count() == 2


def test_more_seats_confirm_the_waitlist_in_order(admin, forum):
    for i in range(5):
        sign_up(forum, f"p{i}@example.com")
    services.capacity_set(actor=admin, event=forum, capacity_in_person=4, capacity_online=1)
    statuses = list(forum.registrations.order_by("queued_at", "pk").values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED] * 4 + [Status.WAITLISTED]


def test_a_moderated_event_holds_registrations_until_an_organiser_decides(admin):
    event = make_event(admin, slug="workshop", moderated=True, capacity_in_person=1)
    first, second = sign_up(event, "a@example.com"), sign_up(event, "b@example.com")
    assert first.status == second.status == Status.PENDING
    assert (
        services.registration_decide(actor=admin, registration=first, approve=True).status == Status.CONFIRMED
    )
    assert (
        services.registration_decide(actor=admin, registration=second, approve=True).status
        == Status.WAITLISTED
    )
    with pytest.raises(AiplusError) as refused:
        services.registration_decide(actor=admin, registration=second, approve=False)
    assert refused.value.code == ErrorCode.CONFLICT


def test_one_live_registration_per_address_but_a_withdrawn_one_may_register_again(forum):
    first = sign_up(forum, "Chan.TM@example.com")
    with pytest.raises(AiplusError) as again:
        sign_up(forum, "chan.tm@example.com", mode="online")
    assert again.value.code == ErrorCode.ALREADY_REGISTERED
    services.registration_withdraw(code=first.code)
    assert sign_up(forum, "chan.tm@example.com").status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "forum.consent"),
        ({"email": "not-an-address"}, "forum.email"),
        ({"name": "Chan \ud800 Tai Man"}, "forum.person_name"),
        ({"organisation_type": "club"}, "forum.organisation_type"),
        ({"mode": "by-post"}, "forum.registration_mode"),
    ],
)
def test_bad_registrations_are_refused_and_nothing_is_stored(forum, changes, field):
    with pytest.raises(AiplusError) as refused:
        sign_up(forum, changes.pop("email", "ok@example.com"), **changes)
    assert refused.value.params["field"] == field
    assert forum.registrations.count() == 0


def test_an_online_only_event_takes_no_one_in_person(admin):
    webinar = make_event(admin, slug="webinar", mode="online", capacity_online=10)
    with pytest.raises(AiplusError):
        sign_up(webinar, "a@example.com", mode="in_person")


def test_only_organisers_create_events_and_check_people_in(amy, forum):
    with pytest.raises(AiplusError) as refused:
        make_event(amy, slug="mine")
    assert refused.value.code == ErrorCode.FORBIDDEN
    guest = sign_up(forum, "a@example.com")
    with pytest.raises(AiplusError):
        services.check_in(actor=amy, code=guest.code)


def test_check_in_once_and_only_with_a_seat(admin, forum):
    sign_up(forum, "a@example.com")
    seated = sign_up(forum, "b@example.com")
    waiting = sign_up(forum, "c@example.com")
    arrived = services.check_in(actor=admin, code=seated.code)
    first_time = arrived.checked_in_at
    assert services.check_in(actor=admin, code=seated.code).checked_in_at == first_time
    with pytest.raises(AiplusError) as refused:
        services.check_in(actor=admin, code=waiting.code)
    assert refused.value.code == ErrorCode.NOT_CONFIRMED


def test_an_event_that_has_ended_takes_no_more_registrations(admin):
    from datetime import timedelta

    from django.utils import timezone

    past = make_event(
        admin,
        slug="last-year",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    with pytest.raises(AiplusError) as refused:
        sign_up(past, "late@example.com")
    assert refused.value.code == ErrorCode.REGISTRATION_CLOSED


def test_the_innovation_office_organises_forums(amy, forum):
    from aiplus.catalogue.services import innovation_office_add
    from aiplus.core.access import OPERATOR

    guest = sign_up(forum, "guest@example.com")
    assert not services.can_organise(amy)
    innovation_office_add(actor=OPERATOR, username="amy")
    office = type(amy).objects.get(pk=amy.pk)  # permissions are cached on the object
    assert services.check_in(actor=office, code=guest.code).checked_in_at is not None
