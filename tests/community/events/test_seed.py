"""The demo events: one past with its meetings placed, one to come, requests in every state;
running the seed twice adds nothing."""

import pytest

from community.events import seed as events_seed
from community.events.models import (
    MatchingEvent,
    Meeting,
    MeetingRequest,
    MeetingSide,
    Registration,
    RequestStatus,
)
from coopportal.accounts import seed as accounts_seed
from matching import seed as matching_seed

pytestmark = pytest.mark.django_db


def counts():
    return (
        MatchingEvent.objects.count(),
        Registration.objects.count(),
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
        MeetingSide.objects.filter(slot__isnull=False).count(),
    )


def test_the_seed_makes_both_events_and_runs_twice_without_duplicates():
    accounts_seed.seed()
    matching_seed.seed()
    events_seed.seed()
    first = counts()
    events_seed.seed()
    assert counts() == first
    assert first[0] == 2
    past = MatchingEvent.objects.get(title=events_seed.PAST)
    upcoming = MatchingEvent.objects.get(title=events_seed.UPCOMING)
    assert past.is_past and not upcoming.is_past
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    placed = Meeting.objects.filter(event=past, slot__isnull=False)
    assert placed.count() == Meeting.objects.filter(event=past).count() >= 3
    assert set(placed.values_list("placed_by", flat=True)) == {"recipient"}
    socia = Registration.objects.get(event=upcoming, user__email="socia@demo.coop")
    assert socia.offer_tags.exists()  # prefilled from her member profile
    assert MeetingRequest.objects.filter(recipient=socia, status=RequestStatus.PENDING).exists()
