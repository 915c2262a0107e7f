"""Which time slots suit a meeting: both people available (their chosen times, or all when they
chose none), neither at another meeting then, and a table or room still free."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import EventTable, Meeting, MeetingSide, Registration, TimeSlot

Available = Registration.available_slots.through


def available_at(registration_id) -> Q:
    """The slots (rows of TimeSlot) `registration_id` is available at."""
    chose_none = ~Exists(Available.objects.filter(registration_id=registration_id))
    chose_it = Exists(
        Available.objects.filter(registration_id=registration_id, timeslot_id=OuterRef("pk"))
    )
    return chose_none | chose_it


def busy_at(registration_id, *, meeting=None) -> Q:
    """The slots where `registration_id` has a meeting (other than `meeting`)."""
    sides = MeetingSide.objects.filter(registration_id=registration_id, slot_id=OuterRef("pk"))
    if meeting is not None:
        sides = sides.exclude(meeting_id=meeting.pk)
    return Exists(sides)


def free_tables(event_id, slot_ref=None):
    """The tables of the event with no meeting at the slot `slot_ref` (an OuterRef or an id)."""
    slot_ref = OuterRef(OuterRef("pk")) if slot_ref is None else slot_ref
    taken = Meeting.objects.filter(slot_id=slot_ref, table_id=OuterRef("pk"))
    return EventTable.objects.filter(event_id=event_id).exclude(Exists(taken))


def common_free_slots(meeting, *, future_only=True):
    """The slots of `meeting`'s event where its two people are available and free and a table is
    free, in time order (one query)."""
    request = meeting.request
    slots = TimeSlot.objects.filter(session__event_id=meeting.event_id)
    if future_only:
        slots = slots.filter(starts_at__gt=timezone.now())
    for registration_id in (request.requester_id, request.recipient_id):
        slots = slots.filter(available_at(registration_id)).exclude(
            busy_at(registration_id, meeting=meeting)
        )
    slots = slots.filter(Exists(free_tables(meeting.event_id)))
    return slots.select_related("session").order_by("starts_at", "pk")
