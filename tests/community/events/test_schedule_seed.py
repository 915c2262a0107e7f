"""The demo agendas: the scheduler on the demo events and the past event's outcomes."""

import pytest

from community.events.models import Meeting, MeetingFeedback, MeetingSide
from community.events.seed import PAST, PEOPLE, UPCOMING, seed
from community.events.seed_agenda import seed_agenda
from community.events.selectors.agenda import event_figures
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seed_agenda_places_and_marks_once():
    for email in PEOPLE[:10]:
        UserFactory(email=email, member=True)
    seed()  # the events' seed runs the agenda's: every accepted meeting placed, outcomes marked
    upcoming = Meeting.objects.filter(event__title=UPCOMING, cancelled_at__isnull=True)
    assert upcoming.exists() and not upcoming.filter(slot__isnull=True).exists()
    past_sides = MeetingSide.objects.filter(meeting__event__title=PAST, slot__isnull=False)
    assert past_sides.exists() and not past_sides.filter(held__isnull=True).exists()
    assert MeetingFeedback.objects.exists()
    assert seed_agenda() == {"placed": 0, "marked": 0}
    assert upcoming.filter(placed_by="scheduler").exists()
    figures = event_figures(Meeting.objects.filter(event__title=PAST).first().event)
    assert figures["held"] >= 1
