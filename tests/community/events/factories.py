"""Events test data, made through the services where they hold rules (registrations, requests,
slots), straight through the ORM only where a test needs a state the services refuse (a deadline
passed)."""

from datetime import timedelta

from django.utils import timezone

from community.events.models import (
    EventSession,
    EventStatus,
    EventTable,
    MatchingEvent,
    SlotChoice,
)
from community.events.services.events import slots_generate
from community.events.services.registrations import registration_create
from community.events.services.requests import request_accept, request_send
from tests.factories import UserFactory


def event_make(
    *,
    days_ahead=10,
    deadline_days=5,
    slots=4,
    tables=2,
    slot_choice=SlotChoice.RECIPIENT,
    status=EventStatus.PUBLISHED,
    **fields,
) -> MatchingEvent:
    """A published event `days_ahead` days from now, its deadline `deadline_days` from now, one
    session of `slots` 20-minute slots and `tables` tables."""
    now = timezone.now().replace(second=0, microsecond=0)
    starts = now + timedelta(days=days_ahead)
    event = MatchingEvent.objects.create(
        title=fields.pop("title", "Incontri B2B"),
        description=fields.pop("description", "Incontri **uno a uno**."),
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        registration_deadline=now + timedelta(days=deadline_days),
        slot_choice=slot_choice,
        status=status,
        **fields,
    )
    if slots:
        session = EventSession.objects.create(
            event=event,
            title="Mattina",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=20 * slots),
            meeting_minutes=20,
        )
        slots_generate(session=session)
    for n in range(1, tables + 1):
        EventTable.objects.create(event=event, name=f"Tavolo {n}", position=n)
    return event


def slots_of(event):
    from community.events.models import TimeSlot

    return list(TimeSlot.objects.filter(session__event=event).order_by("starts_at"))


def registered(event, user=None, **user_fields):
    """A member (or `user`) registered to `event` through the service."""
    user = user or UserFactory(member=True, **user_fields)
    return registration_create(event=event, by=user)


def meeting_make(event, a=None, b=None):
    """Two people registered, `a` asked `b`, `b` accepted: the meeting, not placed."""
    a = a or registered(event)
    b = b or registered(event)
    meeting_request = request_send(requester=a, recipient=b, message="Ciao", by=a.user)
    return request_accept(meeting_request=meeting_request, by=b.user)


def deadline_pass(event):
    """The event's registration deadline is now behind us (the event still to come)."""
    MatchingEvent.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )
    event.refresh_from_db()
    return event
