"""Meetings: services (workflow, permissions, bad input), the RSVP race, .ics, reminders."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from icalendar import Calendar

from coopportal.accounts.models import Province
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.workgroups.factories import MeetingFactory, MembershipFactory, WorkingGroupFactory
from workgroups import notifications as kinds
from workgroups import tasks
from workgroups.exceptions import WorkgroupError
from workgroups.models import AgendaItem, Meeting, MeetingRSVP
from workgroups.services import meetings as services
from workgroups.services import seats
from workgroups.views.meetings import meeting_calendar

pytestmark = pytest.mark.django_db

User = get_user_model()


def soon(days=7, hours=0):
    return timezone.now() + timedelta(days=days, hours=hours)


def meeting_data(**overrides):
    data = {
        "title": "Incontro di Bologna",
        "description": "Parliamo di **formazione**.",
        "starts_at": soon(),
        "ends_at": soon(hours=2),
        "place": "Sede di Bologna",
        "online_url": "",
        "capacity": None,
        "agenda": "Benvenuto\n\n  Proposte sui bandi  \nVarie",
        "province": None,
    }
    return {**data, **overrides}


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def coordinator(group):
    return MembershipFactory(group=group, coordinator=True).user


@pytest.fixture
def group_member(group):
    return MembershipFactory(group=group).user


@pytest.fixture
def province():
    return Province.objects.select_related("region").first()


def notified(kind, user=None):
    found = Notification.objects.filter(kind=kind.name)
    if user is not None:
        found = found.filter(recipient=user)
    return found


# --- scheduling -------------------------------------------------------------------------------


def test_meeting_schedule_publishes_with_agenda_and_tells_the_group(
    group, coordinator, group_member
):
    outsider = UserFactory(member=True)
    meeting = services.meeting_schedule(group=group, by=coordinator, **meeting_data())
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.kind == Meeting.Kind.SCHEDULED
    assert list(meeting.agenda_items.values_list("position", "title")) == [
        (0, "Benvenuto"),
        (1, "Proposte sui bandi"),
        (2, "Varie"),
    ]
    assert notified(kinds.MEETING_PUBLISHED, group_member).count() == 1
    assert not notified(kinds.MEETING_PUBLISHED, outsider).exists()
    assert not notified(kinds.MEETING_PUBLISHED, coordinator).exists()  # the actor
    assert AuditEvent.objects.filter(action="workgroups.meeting.published").exists()


def test_meeting_schedule_is_for_coordinators_and_staff_only(group, group_member, staff):
    with pytest.raises(WorkgroupError) as error:
        services.meeting_schedule(group=group, by=group_member, **meeting_data())
    assert error.value.code == "forbidden"
    assert services.meeting_schedule(group=group, by=staff, **meeting_data()).pk


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "starts_at"),
        ({"ends_at": soon(hours=-1)}, "ends_at"),
        ({"ends_at": None}, "ends_at"),
        ({"place": " ", "online_url": ""}, "place"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"agenda": "\n".join(f"Punto {i}" for i in range(40))}, "agenda"),
        ({"agenda": "x" * 301}, "agenda"),
    ],
)
def test_meeting_schedule_refuses_bad_data_and_writes_nothing(group, coordinator, overrides, code):
    with pytest.raises(WorkgroupError) as error:
        services.meeting_schedule(group=group, by=coordinator, **meeting_data(**overrides))
    assert error.value.code == code
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()
    assert not Notification.objects.exists()


def test_an_online_link_alone_is_enough(group, coordinator):
    meeting = services.meeting_schedule(
        group=group, by=coordinator, **meeting_data(place="", online_url="https://meet.example")
    )
    assert meeting.online_url == "https://meet.example"


# --- self-organised meetings ------------------------------------------------------------------


def test_meeting_propose_waits_for_staff_then_approval_tells_everyone(
    group, group_member, coordinator, staff, province
):
    meeting = services.meeting_propose(
        group=group, by=group_member, **meeting_data(province=province)
    )
    assert (meeting.kind, meeting.status) == (Meeting.Kind.SELF_ORGANISED, Meeting.Status.PROPOSED)
    assert notified(kinds.MEETING_PROPOSED, staff).count() == 1
    assert not notified(kinds.MEETING_PUBLISHED).exists()

    services.meeting_approve(meeting=meeting, by=staff)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert (meeting.moderated_by, meeting.moderated_at is not None) == (staff, True)
    assert notified(kinds.MEETING_DECIDED, group_member).count() == 1
    assert notified(kinds.MEETING_PUBLISHED, coordinator).count() == 1
    event = AuditEvent.objects.get(action="workgroups.meeting.published", actor=staff)
    assert event.data["from"] == "proposed"


def test_meeting_propose_needs_a_verified_member_of_the_group_and_a_province(
    group, province, participant
):
    MembershipFactory(group=group, user=participant)
    with pytest.raises(WorkgroupError) as error:
        services.meeting_propose(group=group, by=participant, **meeting_data(province=province))
    assert error.value.code == "forbidden"
    outsider = UserFactory(member=True)
    with pytest.raises(WorkgroupError):
        services.meeting_propose(group=group, by=outsider, **meeting_data(province=province))
    member = MembershipFactory(group=group).user
    with pytest.raises(WorkgroupError) as error:
        services.meeting_propose(group=group, by=member, **meeting_data(province=None))
    assert error.value.code == "province"
    assert not Meeting.objects.exists()


def test_meeting_reject_needs_a_reason_and_tells_the_proposer(group, group_member, staff, province):
    meeting = services.meeting_propose(
        group=group, by=group_member, **meeting_data(province=province)
    )
    with pytest.raises(WorkgroupError) as error:
        services.meeting_reject(meeting=meeting, by=staff, reason="  ")
    assert error.value.code == "reason"
    services.meeting_reject(meeting=meeting, by=staff, reason="Troppo vicino ad altro incontro")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REJECTED
    assert meeting.moderation_reason == "Troppo vicino ad altro incontro"
    message = notified(kinds.MEETING_DECIDED, group_member).get()
    assert "Troppo vicino" in message.context["reason"]


def test_only_staff_moderate_and_illegal_moves_are_refused(group, coordinator, staff):
    proposed = MeetingFactory(group=group, status=Meeting.Status.PROPOSED)
    with pytest.raises(WorkgroupError) as error:
        services.meeting_approve(meeting=proposed, by=coordinator)
    assert error.value.code == "forbidden"
    published = MeetingFactory(group=group)
    with pytest.raises(WorkgroupError) as error:
        services.meeting_approve(meeting=published, by=staff)
    assert error.value.code == "illegal_transition"
    cancelled = MeetingFactory(group=group, status=Meeting.Status.CANCELLED)
    with pytest.raises(WorkgroupError) as error:
        services.meeting_cancel(meeting=cancelled, by=staff)
    assert error.value.code == "illegal_transition"


def test_meeting_cancel_tells_the_people_going(group, coordinator, group_member):
    meeting = MeetingFactory(group=group)
    other = MembershipFactory(group=group).user
    seats.meeting_rsvp(meeting=meeting, by=group_member, answer="going")
    seats.meeting_rsvp(meeting=meeting, by=other, answer="not_going")
    with pytest.raises(WorkgroupError):
        services.meeting_cancel(meeting=meeting, by=group_member)
    services.meeting_cancel(meeting=meeting, by=coordinator, reason="Sede chiusa")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED
    assert list(notified(kinds.MEETING_CHANGED).values_list("recipient", flat=True)) == [
        group_member.pk
    ]


# --- RSVP -------------------------------------------------------------------------------------


def test_meeting_rsvp_counts_and_respects_capacity(group, group_member):
    meeting = MeetingFactory(group=group, capacity=1)
    other = MembershipFactory(group=group).user
    seats.meeting_rsvp(meeting=meeting, by=group_member, answer="going")
    seats.meeting_rsvp(meeting=meeting, by=group_member, answer="going")  # twice: once
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1
    # full: the next person waits (the waiting list replaced the "full" refusal)
    assert seats.meeting_rsvp(meeting=meeting, by=other, answer="going").answer == "waiting"
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1
    seats.meeting_rsvp(meeting=meeting, by=group_member, answer="not_going")
    assert MeetingRSVP.objects.get(meeting=meeting, user=other).answer == "offered"
    seats.meeting_rsvp(meeting=meeting, by=other, answer="going")  # confirms the offer
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1
    assert dict(MeetingRSVP.objects.filter(meeting=meeting).values_list("user", "answer")) == {
        group_member.pk: "not_going",
        other.pk: "going",
    }


def test_meeting_rsvp_refuses_outsiders_past_and_unpublished_meetings(group, group_member):
    outsider = UserFactory(member=True)
    for meeting, person in [
        (MeetingFactory(group=group), outsider),
        (MeetingFactory(group=group, status=Meeting.Status.PROPOSED), group_member),
        (
            MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=1)),
            group_member,
        ),
    ]:
        with pytest.raises(WorkgroupError):
            seats.meeting_rsvp(meeting=meeting, by=person, answer="going")
    with pytest.raises(WorkgroupError):
        seats.meeting_rsvp(meeting=MeetingFactory(group=group), by=group_member, answer="x")
    assert not MeetingRSVP.objects.exists()


def test_the_database_refuses_overbooking_even_without_the_service(group):
    meeting = MeetingFactory(group=group, capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(going_count=3)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_rsvps_never_take_more_seats_than_there_are():
    """Eight people press "I will attend" at the same moment for three seats."""
    group = WorkingGroupFactory()
    meeting = MeetingFactory(group=group, capacity=3)
    people = [MembershipFactory(group=group).user for _ in range(8)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(person_id):
        try:
            barrier.wait()
            seats.meeting_rsvp(
                meeting=Meeting.objects.get(pk=meeting.pk),
                by=User.objects.get(pk=person_id),
                answer="going",
            )
            outcomes.append("ok")
        except WorkgroupError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p.pk,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["ok"] * 8  # the five late ones wait
    meeting.refresh_from_db()
    assert meeting.going_count == 3
    assert MeetingRSVP.objects.filter(meeting=meeting, answer="going").count() == 3
    assert MeetingRSVP.objects.filter(meeting=meeting, answer="waiting").count() == 5


# --- minutes ----------------------------------------------------------------------------------


def test_minutes_after_the_start_by_coordinators_tell_the_group_once(
    group, coordinator, group_member
):
    future = MeetingFactory(group=group)
    with pytest.raises(WorkgroupError):
        services.meeting_record_minutes(meeting=future, by=coordinator, minutes="x", outcomes="")
    past = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=1))
    with pytest.raises(WorkgroupError):
        services.meeting_record_minutes(meeting=past, by=group_member, minutes="x", outcomes="")
    with pytest.raises(WorkgroupError) as error:
        services.meeting_record_minutes(meeting=past, by=coordinator, minutes=" ", outcomes="")
    assert error.value.code == "minutes"
    services.meeting_record_minutes(
        meeting=past, by=coordinator, minutes="Presenti 12.", outcomes="Serve un corso."
    )
    services.meeting_record_minutes(
        meeting=past, by=coordinator, minutes="Presenti 13.", outcomes="Serve un corso."
    )
    past.refresh_from_db()
    assert (past.minutes, past.outcomes) == ("Presenti 13.", "Serve un corso.")
    assert notified(kinds.MINUTES_RECORDED, group_member).count() == 1


# --- .ics -------------------------------------------------------------------------------------


def test_meeting_calendar_parses_with_times_place_and_link(group):
    meeting = MeetingFactory(
        group=group,
        title="Incontro: bandi europei",
        description="Porta le idee",
        online_url="https://meet.example/abc",
    )
    parsed = Calendar.from_ical(
        meeting_calendar(meeting, url="https://portal.example/m/1/", host="portal.example")
    )
    (event,) = parsed.walk("VEVENT")
    assert str(event["uid"]) == f"workgroups-meeting-{meeting.pk}@portal.example"
    assert str(event["summary"]) == "Incontro: bandi europei"
    assert str(event["location"]) == meeting.place
    assert str(event["url"]) == "https://meet.example/abc"
    assert str(event["description"]) == "Porta le idee"
    start = event.decoded("dtstart")
    assert start == meeting.starts_at.replace(microsecond=0)
    assert str(start.tzinfo) == "Europe/Rome"
    assert event.decoded("dtend") == meeting.ends_at.replace(microsecond=0)
    assert parsed.walk("VTIMEZONE")


# --- reminders --------------------------------------------------------------------------------


def test_reminders_go_once_to_people_going_for_meetings_in_the_window(
    group, group_member, monkeypatch, django_capture_on_commit_callbacks
):
    tomorrow = MeetingFactory(group=group, starts_at=soon(days=1, hours=6))
    next_week = MeetingFactory(group=group, starts_at=soon(days=7))
    in_an_hour = MeetingFactory(group=group, starts_at=soon(days=0, hours=1))
    cancelled = MeetingFactory(
        group=group, starts_at=soon(days=1, hours=6), status=Meeting.Status.CANCELLED
    )
    for meeting in (tomorrow, next_week, in_an_hour):
        seats.meeting_rsvp(meeting=meeting, by=group_member, answer="going")
    queued = []
    monkeypatch.setattr(tasks.send_meeting_reminder, "delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):  # tasks leave after commit
        assert tasks.send_meeting_reminders() == 1
    assert queued == [tomorrow.pk]
    assert tasks.send_meeting_reminder(tomorrow.pk) is True
    assert tasks.send_meeting_reminder(tomorrow.pk) is False  # a retried task: nothing twice
    assert tasks.send_meeting_reminder(cancelled.pk) is False
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_meeting_reminders() == 0  # the next hour: already done
    assert queued == []
    reminders = notified(kinds.MEETING_CHANGED)
    assert list(reminders.values_list("recipient", flat=True)) == [group_member.pk]
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None


def test_the_beat_job_for_reminders_exists():
    from django_celery_beat.models import PeriodicTask

    job = PeriodicTask.objects.get(task="workgroups.send_meeting_reminders")
    assert (job.interval.every, job.interval.period) == (1, "hours")
