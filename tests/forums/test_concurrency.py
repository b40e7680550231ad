"""Many people registering at the same moment never get more seats than there are (on SQLite and on
PostgreSQL: the suite runs on both)."""

import threading

import pytest
from django.db import connection

from aiplus.forums import services
from aiplus.forums.models import Status
from tests.forums.conftest import make_event, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


# Database connections held at once: PostgreSQL's default allows 100, shared with whatever else runs.
CONNECTIONS = 25


def _at_once(count: int, work) -> list[Exception]:
    """Run ``work(0..count-1)`` from CONNECTIONS threads released together, each taking the next number."""
    errors: list[Exception] = []
    numbers = iter(range(count))
    lock = threading.Lock()
    workers = min(count, CONNECTIONS)
    start = threading.Barrier(workers)

    def worker() -> None:
        try:
            start.wait()
            while True:
                with lock:
                    i = next(numbers, None)
                if i is None:
                    return
                try:
                    work(i)
                except Exception as error:  # collected for the assertion below
                    errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_200_people_at_once_for_100_seats_make_100_confirmed_and_100_waiting(admin):
    event = make_event(admin, slug="packed", capacity_in_person=100, capacity_online=0, mode="in_person")

    errors = _at_once(200, lambda i: sign_up(event, f"person{i}@example.com"))

    assert errors == []
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 100
    assert event.registrations.filter(status=Status.WAITLISTED).count() == 100

    waiting = list(event.registrations.filter(status=Status.WAITLISTED).order_by("queued_at", "pk"))
    seated = list(event.registrations.filter(status=Status.CONFIRMED)[:3])
    _at_once(3, lambda i: services.registration_withdraw(code=seated[i].code))
    promoted = set(event.registrations.filter(status=Status.CONFIRMED).values_list("pk", flat=True))
    assert len(promoted) == 100
    assert {r.pk for r in waiting[:3]} <= promoted and not {r.pk for r in waiting[3:]} & promoted
