"""The demo forums that ``aiplus setup`` loads: three events in a series, with registrations and, for the
past one, check-ins that the statistics count."""

from aiplus.forums.demo import load_demo_forums
from aiplus.forums.models import Event, Series
from aiplus.forums.statistics import event_statistics


def test_demo_forums_load_once_with_figures_an_organiser_can_read(admin, dsd, hpd):
    load_demo_forums(organiser=admin)
    load_demo_forums(organiser=admin)
    assert Series.objects.count() == 1 and Event.objects.count() == 3
    past = Event.objects.get(slug="ai-forum-document-workflow")
    figures = event_statistics(actor=admin, events=[past])
    assert figures.total.registered == 150
    assert figures.total.confirmed == 80 + 60 and figures.total.waitlisted == 10
    assert 0 < figures.total.attended < figures.total.confirmed
    assert figures.total.no_show == figures.total.confirmed - figures.total.attended
    assert figures.departments_reached == 2
    workshop = Event.objects.get(slug="matching-workshop-meetings")
    assert set(workshop.registrations.values_list("status", flat=True)) == {"pending"}
