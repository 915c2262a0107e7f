"""The scheduler's run on an event (service) and the staff's schedule page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from community.events.models import EventStatus, Meeting, MeetingSide, PlacedBy
from community.events.services.placing import meeting_place
from community.events.services.schedule import RUN_ACTION, schedule_run
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.helpers.parallel import run_at_once

from .agenda_factories import accepted_meeting, make_event, register, slots_of, tables_of

pytestmark = pytest.mark.django_db


def test_schedule_run_places_meetings_and_their_sides(staff):
    event = make_event(slots=3, tables=1)
    a, b, c = (register(event) for _ in range(3))
    first = accepted_meeting(event, a, b)
    second = accepted_meeting(event, a, c)
    report = schedule_run(event=event, by=staff)
    assert (report.placed, report.unplaced) == (2, 0)
    slots, (table,) = slots_of(event), tables_of(event)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.slot, first.table, first.placed_by) == (slots[0], table, PlacedBy.SCHEDULER)
    assert (second.slot, second.table) == (slots[1], table)
    assert set(MeetingSide.objects.filter(meeting=second).values_list("slot", flat=True)) == {
        slots[1].pk
    }
    run = AuditEvent.objects.get(action=RUN_ACTION, object_id=str(event.pk))
    assert run.actor == staff and run.data["placed"] == 2


def test_schedule_run_keeps_placed_meetings_and_respects_availability(staff):
    event = make_event(slots=3, tables=1)
    slots, (table,) = slots_of(event), tables_of(event)
    a = register(event, available=[slots[1], slots[2]])
    b, c = register(event), register(event)
    kept = accepted_meeting(event, b, c, slot=slots[1], table=table)
    meeting = accepted_meeting(event, a, b)
    schedule_run(event=event, by=staff)
    kept.refresh_from_db()
    meeting.refresh_from_db()
    assert kept.slot == slots[1] and kept.placed_by == PlacedBy.STAFF
    assert (
        meeting.slot == slots[2]
    )  # a is not there at the first; b and the table are busy at the second


def test_schedule_run_reports_what_it_cannot_place(staff):
    event = make_event(slots=1, tables=1)
    a, b, c, d = (register(event) for _ in range(4))
    accepted_meeting(event, a, b)
    left = accepted_meeting(event, c, d)
    report = schedule_run(event=event, by=staff)
    assert (report.placed, report.unplaced) == (1, 1)
    (row,) = [r for r in report.rows if not r["placed"]]
    assert row["meeting"] == left.pk and row["reason"] == "no_table"
    left.refresh_from_db()
    assert left.slot is None


def test_schedule_run_twice_places_nothing_new(staff):
    event = make_event()
    a, b = register(event), register(event)
    meeting = accepted_meeting(event, a, b)
    schedule_run(event=event, by=staff)
    meeting.refresh_from_db()
    before = (meeting.slot_id, meeting.table_id)
    report = schedule_run(event=event, by=staff)
    meeting.refresh_from_db()
    assert report.placed == 0 and (meeting.slot_id, meeting.table_id) == before


def test_schedule_run_tells_each_person_once(staff):
    event = make_event(slots=3)
    a, b, c = (register(event) for _ in range(3))
    accepted_meeting(event, a, b)
    accepted_meeting(event, a, c)
    schedule_run(event=event, by=staff)
    sent = Notification.objects.filter(kind="community.event_agenda_scheduled")
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted(
        [a.user_id, b.user_id, c.user_id]
    )
    assert sent.get(recipient_id=a.user_id).context["count"] == 2


def test_schedule_run_skips_cancelled_meetings_and_registrations(staff):
    event = make_event()
    a, b, c = (register(event) for _ in range(3))
    gone = accepted_meeting(event, a, b)
    Meeting.objects.filter(pk=gone.pk).update(cancelled_at=event.starts_at)
    left = accepted_meeting(event, a, c)
    c.status = c.Status.CANCELLED
    c.save(update_fields=["status"])
    report = schedule_run(event=event, by=staff)
    assert report.placed == 0 and report.unplaced == 0
    left.refresh_from_db()
    assert left.slot is None


def test_schedule_run_only_staff(member):
    event = make_event()
    accepted_meeting(event, register(event), register(event))
    with pytest.raises(DomainError):
        schedule_run(event=event, by=member)
    assert not Meeting.objects.filter(slot__isnull=False).exists()


def test_schedule_run_refuses_a_past_cancelled_or_tableless_event(staff):
    past = make_event(starts_in=-timedelta(days=2))
    accepted_meeting(past, register(past), register(past))
    with pytest.raises(DomainError):
        schedule_run(event=past, by=staff)
    bare = make_event(tables=0)
    accepted_meeting(bare, register(bare), register(bare))
    with pytest.raises(DomainError):
        schedule_run(event=bare, by=staff)
    cancelled = make_event(status=EventStatus.CANCELLED)
    accepted_meeting(cancelled, register(cancelled), register(cancelled))
    with pytest.raises(DomainError):
        schedule_run(event=cancelled, by=staff)
    assert not Meeting.objects.filter(slot__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=RUN_ACTION).exists()


# -- the page -----------------------------------------------------------------------------------


def url(event):
    return reverse("community:event_schedule", args=[event.pk])


def test_schedule_page_roles(client, member_client, staff_client):
    event = make_event()
    assert client.get(url(event)).status_code == 302  # to the login page
    assert member_client.get(url(event)).status_code == 404
    assert member_client.post(url(event), {"confirm": "yes"}).status_code == 404
    assert staff_client.get(url(event)).status_code == 200
    assert staff_client.get(reverse("community:event_schedule", args=[99999])).status_code == 404


def test_schedule_page_runs_only_once_confirmed(staff_client):
    event = make_event()
    meeting = accepted_meeting(event, register(event), register(event))
    asked = staff_client.post(url(event))
    assert asked.status_code == 200 and b'name="confirm"' in asked.content
    meeting.refresh_from_db()
    assert meeting.slot is None
    done = staff_client.post(url(event), {"confirm": "yes"}, follow=True)
    meeting.refresh_from_db()
    assert meeting.slot is not None
    page = done.content.decode()
    assert 'id="run-report"' in page and 'id="schedule-grid"' in page
    assert str(meeting.request.requester) in page


def test_schedule_page_shows_a_refusal_as_a_message(staff_client):
    event = make_event(starts_in=-timedelta(days=3))
    response = staff_client.post(url(event), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_schedule_page_query_count_is_flat(staff_client, staff, assert_flat_queries):
    event = make_event(slots=12, tables=6)
    people = []

    def grow(n):
        for _ in range(n):
            people.append(register(event))
            if len(people) > 1:
                accepted_meeting(event, people[-2], people[-1])
        schedule_run(event=event, by=staff)
        accepted_meeting(event, register(event), register(event))  # one left without a time

    def fetch():
        assert staff_client.get(url(event)).status_code == 200

    assert assert_flat_queries.check(fetch, grow, few=2, many=10) <= 20


# -- in parallel --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_schedule_run_and_a_persons_pick_at_once_book_the_last_table_once(staff):
    event = make_event(slots=1, tables=1)
    (slot,) = slots_of(event)
    first = accepted_meeting(event, register(event), register(event))
    second = accepted_meeting(event, register(event), register(event))
    outcomes = run_at_once(
        [
            lambda: schedule_run(event=event, by=staff),
            lambda: meeting_place(Meeting.objects.get(pk=second.pk), slot, by=PlacedBy.RECIPIENT),
        ]
    )
    assert outcomes[0] == "ok" and outcomes[1] in ("ok", "full")
    assert Meeting.objects.filter(slot=slot).count() == 1
    placed = Meeting.objects.get(slot=slot)
    assert placed.pk == (second.pk if outcomes[1] == "ok" else first.pk)
    assert MeetingSide.objects.filter(slot=slot).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_place_each_meeting_once(staff):
    event = make_event(slots=2, tables=1)
    people = [register(event) for _ in range(4)]
    accepted_meeting(event, people[0], people[1])
    accepted_meeting(event, people[2], people[3])
    outcomes = run_at_once([lambda: schedule_run(event=event, by=staff)] * 2)
    assert outcomes == ["ok", "ok"]
    assert Meeting.objects.filter(slot__isnull=False).count() == 2
    runs = AuditEvent.objects.filter(action=RUN_ACTION).order_by("pk")
    assert [run.data["placed"] for run in runs] == [2, 0]


def test_schedule_page_explains_the_last_run(staff, staff_client):
    event = make_event(slots=1, tables=1)
    a, b, c, d = (register(event) for _ in range(4))
    accepted_meeting(event, a, b)
    accepted_meeting(event, c, d)
    schedule_run(event=event, by=staff)
    page = staff_client.get(url(event)).content.decode()
    report = page[page.index('id="run-report"') :]
    assert "unica fascia libera per entrambi" in report  # the placed meeting, in Italian
    assert "alcun tavolo libero" in report  # the other: no table free
