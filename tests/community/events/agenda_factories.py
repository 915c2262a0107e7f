"""Events, registrations and meetings for the agenda's tests, built straight on the models (the
events part's own services are tested in its own files)."""

from datetime import timedelta

from django.utils import timezone

from community.events.models import (
    EventFormat,
    EventSession,
    EventStatus,
    EventTable,
    MatchingEvent,
    Meeting,
    MeetingRequest,
    MeetingSide,
    PlacedBy,
    Registration,
    RequestStatus,
    SlotChoice,
    TimeSlot,
)
from tests.factories import UserFactory

MINUTES = 20


def make_event(
    *,
    starts_in=timedelta(days=10),
    slots=4,
    tables=2,
    online=False,
    status=EventStatus.PUBLISHED,
    max_meetings=8,
    title="Incontri d'affari",
):
    start = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    end = start + timedelta(minutes=MINUTES * max(slots, 1))
    event = MatchingEvent.objects.create(
        title=title,
        description="Incontri uno a uno.",
        format=EventFormat.ONLINE if online else EventFormat.IN_PERSON,
        venue="Via Roma 1, Bologna",
        starts_at=start,
        ends_at=end,
        registration_deadline=start - timedelta(days=1),
        max_meetings_per_person=max_meetings,
        slot_choice=SlotChoice.AUTOMATIC,
        status=status,
    )
    session = EventSession.objects.create(
        event=event, title="Mattina", starts_at=start, ends_at=end, meeting_minutes=MINUTES
    )
    TimeSlot.objects.bulk_create(
        TimeSlot(
            session=session,
            starts_at=start + timedelta(minutes=MINUTES * i),
            ends_at=start + timedelta(minutes=MINUTES * (i + 1)),
        )
        for i in range(slots)
    )
    EventTable.objects.bulk_create(
        EventTable(
            event=event,
            name=f"{'Stanza' if online else 'Tavolo'} {i + 1}",
            position=i + 1,
            online_url=f"https://meet.example.org/stanza-{event.pk}-{i + 1}" if online else "",
        )
        for i in range(tables)
    )
    return event


def slots_of(event):
    return list(TimeSlot.objects.filter(session__event=event).order_by("starts_at"))


def tables_of(event):
    return list(event.tables.order_by("position"))


def register(event, user=None, *, available=(), name=None, organisation="Cooperativa Alfa"):
    user = user or UserFactory(member=True)
    registration = Registration.objects.create(
        event=event,
        user=user,
        display_name=name or f"{user.first_name} {user.last_name}",
        organisation_name=organisation,
    )
    if available:
        registration.available_slots.set(available)
    return registration


def accepted_meeting(event, requester, recipient, *, slot=None, table=None):
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        status=RequestStatus.ACCEPTED,
        answered_at=timezone.now(),
    )
    meeting = Meeting.objects.create(
        request=request,
        event=event,
        slot=slot,
        table=table,
        placed_by=PlacedBy.STAFF if slot else "",
        placed_at=timezone.now() if slot else None,
    )
    for registration in (requester, recipient):
        MeetingSide.objects.create(meeting=meeting, registration=registration, slot=slot)
    return meeting


def side_of(meeting, registration):
    return MeetingSide.objects.get(meeting=meeting, registration=registration)
