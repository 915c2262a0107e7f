"""The waiting list of full meetings (workgroups/services/seats.py on coopportal/core/capacity.py):
on real parallel PostgreSQL connections no seat is ever given twice, the list keeps the order of
arrival, freed seats are offered to the next people once each, and lapsed offers move on (also
through the beat job on a real Celery worker)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from coopportal.celery import app
from coopportal.core.capacity import seat_release
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import staff_user
from tests.helpers.html import form_values
from tests.helpers.parallel import run_at_once
from tests.workgroups.factories import MeetingFactory, MembershipFactory, WorkingGroupFactory
from workgroups import tasks
from workgroups.models import GroupMembership, Meeting, MeetingRSVP
from workgroups.services import groups as group_services
from workgroups.services import meetings as meeting_services
from workgroups.services import seats

User = get_user_model()
Answer = MeetingRSVP.Answer


def answer(meeting_id, user_id, what="going"):
    return lambda: seats.meeting_rsvp(
        meeting=Meeting.objects.get(pk=meeting_id), by=User.objects.get(pk=user_id), answer=what
    )


def people_in(meeting, status):
    """The user ids with this answer; waiting ones in waiting-list order."""
    rows = MeetingRSVP.objects.filter(meeting=meeting, answer=status)
    return list(rows.order_by("waiting_since", "pk").values_list("user_id", flat=True))


def arrivals(meeting, status):
    """The people in the order the engine recorded them (audit events follow the lock order)."""
    events = AuditEvent.objects.filter(
        action=f"workgroups.meeting_seat.{status}", object_id=str(meeting.pk)
    ).order_by("pk")
    return [event.data["person"] for event in events]


def offers_to(user_id):
    return Notification.objects.filter(recipient_id=user_id, kind="workgroups.seat_offered").count()


def full_meeting(seats_count=1, waiting=1):
    """A meeting with its seats taken and `waiting` people on its list; returns (meeting,
    going ids, waiting ids in order)."""
    group = WorkingGroupFactory()
    meeting = MeetingFactory(group=group, capacity=seats_count)
    people = [MembershipFactory(group=group).user for _ in range(seats_count + waiting)]
    for person in people:
        seats.meeting_rsvp(meeting=meeting, by=person, answer="going")
    ids = [p.pk for p in people]
    return meeting, ids[:seats_count], ids[seats_count:]


# --- parallel: the numbers ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_ten_seats_then_ten_cancel_at_once():
    group = WorkingGroupFactory()
    meeting = MeetingFactory(group=group, capacity=10)
    people = [MembershipFactory(group=group).user.pk for _ in range(50)]

    assert run_at_once([answer(meeting.pk, pk) for pk in people]) == ["ok"] * 50
    meeting.refresh_from_db()
    going, waiting = people_in(meeting, Answer.GOING), people_in(meeting, Answer.WAITING)
    assert meeting.going_count == len(going) == 10
    assert len(waiting) == 40 and set(going + waiting) == set(people)
    assert sorted(going) == sorted(arrivals(meeting, "going"))  # the first ten to arrive
    assert waiting == arrivals(meeting, "waiting")  # the list keeps the order of arrival
    positions = [
        seats.position(MeetingRSVP.objects.get(meeting=meeting, user=pk)) for pk in waiting
    ]
    assert positions == list(range(1, 41))

    # the ten going cancel at the same moment: the next ten are offered a seat, once each
    assert run_at_once([answer(meeting.pk, pk, "not_going") for pk in going]) == ["ok"] * 10
    meeting.refresh_from_db()
    offered = people_in(meeting, Answer.OFFERED)
    assert sorted(offered) == sorted(waiting[:10])
    assert meeting.going_count == 10  # the offered seats are kept for them
    assert people_in(meeting, Answer.WAITING) == waiting[10:]
    assert [offers_to(pk) for pk in waiting[:11]] == [1] * 10 + [0]
    assert sorted(arrivals(meeting, "offered")) == sorted(offered)  # each offered once


@pytest.mark.django_db(transaction=True)
def test_simultaneous_confirmations_and_cancellations_never_overbook():
    meeting, going, waiting = full_meeting(seats_count=3, waiting=6)
    jobs = [answer(meeting.pk, pk, "not_going") for pk in going]
    jobs += [answer(meeting.pk, pk) for pk in waiting[3:]]  # pressing again changes nothing
    assert run_at_once(jobs) == ["ok"] * len(jobs)
    offered = people_in(meeting, Answer.OFFERED)
    assert offered == waiting[:3]
    confirm = [answer(meeting.pk, pk) for pk in offered]
    confirm += [answer(meeting.pk, pk, "not_going") for pk in waiting[3:5]]
    assert run_at_once(confirm) == ["ok"] * 5
    meeting.refresh_from_db()
    assert people_in(meeting, Answer.GOING) == sorted(offered)
    assert people_in(meeting, Answer.WAITING) == waiting[5:]
    assert meeting.going_count == 3


# --- offers -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_freed_seat_is_offered_until_a_deadline_and_confirmed():
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    offer = MeetingRSVP.objects.get(meeting=meeting, user=second)
    assert offer.answer == Answer.OFFERED
    assert timezone.now() + timedelta(hours=23) < offer.offer_expires_at
    assert offer.offer_expires_at <= timezone.now() + timedelta(hours=24)
    notice = Notification.objects.get(recipient_id=second, kind="workgroups.seat_offered")
    assert notice.email == Notification.Email.IMMEDIATE  # urgent: e-mail at once
    assert notice.context["meeting"] == meeting.title
    assert seats.position(MeetingRSVP.objects.get(meeting=meeting, user=third)) == 1

    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=second), answer="going")
    confirmed = MeetingRSVP.objects.get(meeting=meeting, user=second)
    assert (confirmed.answer, confirmed.offer_expires_at) == (Answer.GOING, None)
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1


@pytest.mark.django_db
def test_letting_an_offer_go_passes_it_to_the_next():
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=second), answer="not_going")
    assert people_in(meeting, Answer.OFFERED) == [third]
    assert people_in(meeting, Answer.NOT_GOING) == sorted([first, second])


@pytest.mark.django_db
def test_an_expired_offer_moves_on_when_the_beat_job_runs():
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    past = timezone.now() - timedelta(minutes=1)
    MeetingRSVP.objects.filter(meeting=meeting, user=second).update(offer_expires_at=past)
    assert list(seats.meetings_with_lapsed_offers()) == [meeting]

    assert seats.expire_offers(meeting_id=meeting.pk) == 1
    assert people_in(meeting, Answer.NOT_GOING) == sorted([first, second])
    assert people_in(meeting, Answer.OFFERED) == [third]
    lapsed = Notification.objects.filter(recipient_id=second, kind="workgroups.offer_lapsed")
    assert lapsed.count() == 1
    assert offers_to(third) == 1
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1
    assert seats.expire_offers(meeting_id=meeting.pk) == 0  # nothing more has lapsed
    assert list(seats.meetings_with_lapsed_offers()) == []


@pytest.mark.django_db
def test_confirming_too_late_puts_you_back_at_the_end_of_the_list():
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    past = timezone.now() - timedelta(seconds=1)
    MeetingRSVP.objects.filter(meeting=meeting, user=second).update(offer_expires_at=past)
    late = seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=second), answer="going")
    assert late.answer == Answer.WAITING
    assert people_in(meeting, Answer.OFFERED) == [third]
    assert people_in(meeting, Answer.WAITING) == [second]


@pytest.mark.django_db
def test_no_offers_close_to_the_start_a_freed_seat_is_simply_free():
    meeting, [first], [second] = full_meeting(seats_count=1, waiting=1)
    soon = timezone.now() + timedelta(minutes=10)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=soon, ends_at=soon + timedelta(hours=1))
    meeting.refresh_from_db()
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    assert people_in(meeting, Answer.WAITING) == [second]
    assert Meeting.objects.get(pk=meeting.pk).going_count == 0
    # whoever comes first takes it, the person waiting included
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=second), answer="going")
    assert people_in(meeting, Answer.GOING) == [second]


@pytest.mark.django_db
def test_more_seats_go_to_the_people_waiting_and_fewer_than_taken_are_refused():
    meeting, _going, waiting = full_meeting(seats_count=2, waiting=3)
    coordinator = staff_user()
    seats.meeting_seats_change(meeting=meeting, by=coordinator, capacity=4)
    assert people_in(meeting, Answer.OFFERED) == waiting[:2]
    assert Meeting.objects.get(pk=meeting.pk).going_count == 4
    with pytest.raises(Exception) as error:
        seats.meeting_seats_change(meeting=meeting, by=coordinator, capacity=3)
    assert error.value.code == "below_taken"
    assert Meeting.objects.get(pk=meeting.pk).capacity == 4


@pytest.mark.django_db
def test_leaving_the_group_frees_the_seat_for_the_next_person():
    meeting, [first], [second] = full_meeting(seats_count=1, waiting=1)
    membership = GroupMembership.objects.get(group=meeting.group, user_id=first)
    group_services.group_leave(group=meeting.group, by=membership.user)
    assert not MeetingRSVP.objects.filter(meeting=meeting, user_id=first).exists()
    assert people_in(meeting, Answer.OFFERED) == [second]
    assert Meeting.objects.get(pk=meeting.pk).going_count == 1


@pytest.mark.django_db
def test_a_cancelled_meeting_tells_the_waiting_list_and_offers_nothing_more():
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    meeting_services.meeting_cancel(meeting=meeting, by=staff_user(), reason="Sala non disponibile")
    told = set(
        Notification.objects.filter(kind="workgroups.meeting_changed").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {second, third}  # the offered and the waiting (first is not going)
    past = timezone.now() - timedelta(minutes=1)
    MeetingRSVP.objects.filter(meeting=meeting, user=second).update(offer_expires_at=past)
    assert seats.expire_offers(meeting_id=meeting.pk) == 1
    assert people_in(meeting, Answer.OFFERED) == []  # no new offer for a cancelled meeting
    assert not Notification.objects.filter(kind="workgroups.offer_lapsed").exists()


@pytest.mark.django_db
def test_the_database_refuses_offers_without_deadline_and_a_second_answer():
    meeting, [first], [second] = full_meeting(seats_count=1, waiting=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRSVP.objects.filter(meeting=meeting, user=second).update(answer=Answer.OFFERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRSVP.objects.filter(meeting=meeting, user=second).update(waiting_since=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRSVP.objects.create(meeting=meeting, user_id=first, answer=Answer.NOT_GOING)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRSVP.objects.filter(meeting=meeting, user=second).update(answer="maybe")


@pytest.mark.django_db(transaction=True)
def test_the_engine_refuses_to_run_outside_a_transaction():
    meeting, [first], _ = full_meeting(seats_count=1, waiting=0)
    with pytest.raises(RuntimeError):
        seat_release(seats.SEATS, meeting, user=User.objects.get(pk=first))


# --- the beat job on a real worker ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_beat_entry_moves_lapsed_offers_on_through_a_real_worker(start_worker):
    meeting, [first], [second, third] = full_meeting(seats_count=1, waiting=2)
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    past = timezone.now() - timedelta(minutes=1)
    MeetingRSVP.objects.filter(meeting=meeting, user=second).update(offer_expires_at=past)
    start_worker()
    entry = PeriodicTask.objects.get(task="workgroups.expire_seat_offers")
    assert entry.enabled and entry.interval.every == 10
    app.send_task(entry.task)
    app.send_task(entry.task)  # beat firing twice: the offer still moves once

    deadline = timezone.now() + timedelta(seconds=60)
    while timezone.now() < deadline and people_in(meeting, Answer.OFFERED) != [third]:
        time.sleep(0.2)
    assert people_in(meeting, Answer.OFFERED) == [third]
    assert offers_to(third) == 1


def test_the_fan_out_sends_one_task_per_meeting_with_a_lapsed_offer(
    db, django_capture_on_commit_callbacks
):
    meeting, [first], [second] = full_meeting(seats_count=1, waiting=1)
    full_meeting(seats_count=1, waiting=1)  # another meeting, nothing lapsed
    seats.meeting_rsvp(meeting=meeting, by=User.objects.get(pk=first), answer="not_going")
    past = timezone.now() - timedelta(minutes=1)
    MeetingRSVP.objects.filter(meeting=meeting, user=second).update(offer_expires_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_seat_offers() == 1
    assert people_in(meeting, Answer.NOT_GOING) == sorted([first, second])


# --- the admin: the seats go through the engine -----------------------------------------------


def test_staff_raising_the_seats_in_the_admin_offer_them_and_lowering_below_taken_is_refused(
    client, db
):
    meeting, _going, waiting = full_meeting(seats_count=2, waiting=2)
    client.force_login(staff_user())
    url = reverse("admin:workgroups_meeting_change", args=[meeting.pk])
    data = form_values(client.get(url).content.decode())
    assert data["capacity"] == "2"

    response = client.post(url, {**data, "capacity": "1"})
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["capacity"]
    assert Meeting.objects.get(pk=meeting.pk).capacity == 2

    response = client.post(url, {**data, "capacity": "3"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).capacity == 3
    assert people_in(meeting, Answer.OFFERED) == waiting[:1]
    assert offers_to(waiting[0]) == 1


def test_the_meeting_page_of_someone_waiting_stays_flat_as_the_list_grows(
    client, db, assert_flat_queries
):
    meeting, _going, [me] = full_meeting(seats_count=1, waiting=1)
    client.force_login(User.objects.get(pk=me))

    def grow(n):
        for _ in range(n):
            person = MembershipFactory(group=meeting.group).user
            seats.meeting_rsvp(meeting=meeting, by=person, answer="going")

    def fetch():
        response = client.get(meeting.get_absolute_url())
        assert response.context["position"] == 1
        assert (
            response.context["waiting_count"]
            == MeetingRSVP.objects.filter(meeting=meeting, answer=Answer.WAITING).count()
        )

    assert_flat_queries.check(fetch, grow, few=2, many=20)
