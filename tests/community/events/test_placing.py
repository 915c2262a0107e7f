"""Placing a meeting: the slots both people can take, the table assigned, the refusals, and the
database constraints that keep anyone from two meetings at once and any table from two meetings
in one slot, even when two placements race (real parallel PostgreSQL connections)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.events.exceptions import EventError
from community.events.models import Meeting, MeetingSide, SlotChoice, TimeSlot
from community.events.selectors.slots import common_free_slots
from community.events.services.events import slot_times, slots_generate
from community.events.services.placing import meeting_pick, meeting_place
from community.events.services.registrations import registration_update
from tests.helpers.parallel import run_at_once

from .factories import event_make, meeting_make, registered, slots_of

pytestmark = pytest.mark.django_db


def available(registration, slots):
    registration_update(
        registration=registration, by=registration.user, kind="person", available_slots=slots
    )


def test_slots_generate_cuts_the_session_and_is_idempotent(event):
    session = event.sessions.get()
    assert [slot.starts_at for slot in slots_of(event)] == [
        session.starts_at + timedelta(minutes=20 * n) for n in range(4)
    ]
    assert slots_generate(session=session) == {"created": 0, "removed": 0, "kept": 0}
    session.break_minutes = 10
    session.ends_at = session.starts_at + timedelta(minutes=50)
    session.save()
    assert slots_generate(session=session) == {"created": 1, "removed": 3, "kept": 0}
    assert len(slot_times(session)) == 2
    assert TimeSlot.objects.filter(session=session).count() == 2


def test_slots_generate_keeps_a_slot_that_holds_a_meeting(event, alice, bruno):
    last = slots_of(event)[-1]
    meeting_place(meeting_make(event, alice, bruno), last, by="staff")
    session = event.sessions.get()
    session.ends_at = session.starts_at + timedelta(minutes=40)
    session.save()
    assert slots_generate(session=session) == {"created": 0, "removed": 1, "kept": 1}
    assert TimeSlot.objects.filter(pk=last.pk).exists()


def test_slots_generate_refuses_too_many(event):
    session = event.sessions.get()
    session.meeting_minutes = 5
    session.ends_at = session.starts_at + timedelta(hours=20)
    with pytest.raises(EventError) as refused:
        slots_generate(session=session)
    assert refused.value.code == "too_many_slots"


def test_common_free_slots_are_where_both_are_available_and_free(event, alice, bruno):
    one, two, three, four = slots_of(event)
    available(alice, [one, two, three])
    available(bruno, [two, three, four])
    carla = registered(event)
    meeting_place(meeting_make(event, alice, carla), three, by="staff")
    meeting = meeting_make(event, alice, bruno)
    assert list(common_free_slots(meeting)) == [two]


def test_meeting_place_takes_the_first_free_table_by_position(event, alice, bruno):
    slot = slots_of(event)[0]
    first = meeting_place(meeting_make(event, alice, bruno), slot, by="recipient")
    assert first.table.name == "Tavolo 1" and first.placed_by == "recipient"
    assert set(MeetingSide.objects.filter(meeting=first).values_list("slot", flat=True)) == {
        slot.pk
    }
    second = meeting_place(meeting_make(event), slot, by="recipient")
    assert second.table.name == "Tavolo 2"
    with pytest.raises(EventError) as refused:
        meeting_place(meeting_make(event), slot, by="recipient")
    assert refused.value.code == "full"


def test_meeting_place_refuses_busy_unavailable_and_foreign_slots(event, alice, bruno):
    one, two = slots_of(event)[:2]
    carla = registered(event)
    meeting_place(meeting_make(event, alice, carla), one, by="staff")
    meeting = meeting_make(event, alice, bruno)
    with pytest.raises(EventError) as refused:
        meeting_place(meeting, one, by="recipient")
    assert refused.value.code == "busy"
    available(bruno, [one])
    with pytest.raises(EventError) as refused:
        meeting_place(meeting, two, by="recipient")
    assert refused.value.code == "unavailable"
    other = event_make(title="Altro")
    with pytest.raises(EventError) as refused:
        meeting_place(meeting, slots_of(other)[0], by="recipient")
    assert refused.value.code == "slot"
    meeting.refresh_from_db()
    assert meeting.slot_id is None


def test_meeting_place_moves_a_meeting_and_frees_its_old_slot(event, alice, bruno):
    one, two = slots_of(event)[:2]
    meeting = meeting_place(meeting_make(event, alice, bruno), one, by="recipient")
    meeting = meeting_place(meeting, two, by="recipient")
    assert meeting.slot == two
    assert not MeetingSide.objects.filter(slot=one).exists()


def test_meeting_pick_is_for_the_side_the_event_names(alice, bruno, event):
    slot = slots_of(event)[0]
    meeting = meeting_make(event, alice, bruno)  # alice asked, bruno accepted; recipient picks
    with pytest.raises(EventError) as refused:
        meeting_pick(meeting=meeting, slot=slot, by=alice.user)
    assert refused.value.code == "forbidden"
    assert meeting_pick(meeting=meeting, slot=slot, by=bruno.user).placed_by == "recipient"
    requester_event = event_make(title="Sceglie chi chiede", slot_choice=SlotChoice.REQUESTER)
    a, b = registered(requester_event), registered(requester_event)
    meeting = meeting_make(requester_event, a, b)
    with pytest.raises(EventError):
        meeting_pick(meeting=meeting, slot=slots_of(requester_event)[0], by=b.user)
    assert meeting_pick(meeting=meeting, slot=slots_of(requester_event)[0], by=a.user).table
    automatic = event_make(title="Automatico", slot_choice=SlotChoice.AUTOMATIC)
    meeting = meeting_make(automatic)
    with pytest.raises(EventError):
        meeting_pick(
            meeting=meeting, slot=slots_of(automatic)[0], by=meeting.request.recipient.user
        )


def test_meeting_pick_refuses_a_past_slot(alice, bruno, event):
    slot = slots_of(event)[0]
    TimeSlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() - timedelta(minutes=40),
    )
    slot.refresh_from_db()
    with pytest.raises(EventError) as refused:
        meeting_pick(meeting=meeting_make(event, alice, bruno), slot=slot, by=bruno.user)
    assert refused.value.code == "past"


def test_the_database_keeps_a_person_from_two_meetings_in_one_slot(event, alice, bruno):
    slot = slots_of(event)[0]
    meeting_place(meeting_make(event, alice, bruno), slot, by="staff")
    other = meeting_make(event, alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSide.objects.filter(meeting=other, registration=alice).update(slot=slot)


def test_the_database_keeps_a_table_from_two_meetings_in_one_slot(event, alice, bruno):
    slot = slots_of(event)[0]
    placed = meeting_place(meeting_make(event, alice, bruno), slot, by="staff")
    other = meeting_make(event)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=other.pk).update(slot=slot, table=placed.table)


@pytest.mark.django_db(transaction=True)
def test_two_pairs_racing_for_the_last_table_of_a_slot_one_wins():
    event = event_make(tables=1)
    slot = slots_of(event)[0]
    meetings = [meeting_make(event).pk, meeting_make(event).pk]

    def job(pk):
        return lambda: meeting_place(Meeting.objects.get(pk=pk), slot, by="recipient")

    outcomes = run_at_once([job(pk) for pk in meetings])
    assert sorted(outcomes) == ["full", "ok"]
    assert Meeting.objects.filter(slot=slot).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_person_racing_two_meetings_into_one_slot_gets_one():
    event = event_make(tables=3)
    slot = slots_of(event)[0]
    alice = registered(event)
    meetings = [meeting_make(event, alice).pk, meeting_make(event, alice).pk]

    def job(pk):
        return lambda: meeting_place(Meeting.objects.get(pk=pk), slot, by="recipient")

    outcomes = run_at_once([job(pk) for pk in meetings])
    assert sorted(outcomes) == ["busy", "ok"]
    assert MeetingSide.objects.filter(registration=alice, slot=slot).count() == 1


def test_no_time_is_picked_at_a_cancelled_event(alice, bruno, event):
    from community.events.models import EventStatus

    meeting = meeting_make(event, alice, bruno)
    event.__class__.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    with pytest.raises(EventError) as refused:
        meeting_pick(meeting=meeting, slot=slots_of(event)[0], by=bruno.user)
    assert refused.value.code == "cancelled"
