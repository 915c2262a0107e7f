"""The seats of a course on real parallel PostgreSQL connections (training.services.enrolment on
coopportal/core/capacity.py): no seat is ever given twice, the waiting list keeps the order of
arrival, freed seats are offered to the next people once each, and a lapsed offer moves on once
even when two runs of the job meet (also through the beat task on a real Celery worker)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from coopportal.celery import app
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once
from tests.training.factories import CourseFactory
from training.models import Course, Enrolment, EnrolmentStatus
from training.services import enrolment

User = get_user_model()
Status = EnrolmentStatus


def enrol(course_id, user_id):
    return lambda: enrolment.enrol(
        course=Course.objects.get(pk=course_id), by=User.objects.get(pk=user_id)
    )


def cancel(course_id, user_id):
    return lambda: enrolment.cancel(
        course=Course.objects.get(pk=course_id), by=User.objects.get(pk=user_id)
    )


def people_in(course, status):
    """The user ids with this status; waiting ones in waiting-list order."""
    rows = Enrolment.objects.filter(course=course, status=status)
    return list(rows.order_by("waiting_since", "pk").values_list("user_id", flat=True))


def arrivals(course, status):
    """The people in the order the engine recorded them (audit events follow the lock order)."""
    events = AuditEvent.objects.filter(
        action=f"training.enrolment.{status}", object_id=str(course.pk)
    ).order_by("pk")
    return [event.data["person"] for event in events]


def offers_to(user_id):
    return Notification.objects.filter(recipient_id=user_id, kind="training.seat_offered").count()


def full_course(seats=1, waiting=1):
    course = CourseFactory(capacity=seats)
    people = [UserFactory(member=True) for _ in range(seats + waiting)]
    for person in people:
        enrolment.enrol(course=course, by=person)
    ids = [p.pk for p in people]
    return course, ids[:seats], ids[seats:]


@pytest.mark.django_db(transaction=True)
def test_fifty_enrol_at_once_in_ten_seats_then_ten_cancel_at_once():
    course = CourseFactory(capacity=10)
    people = [UserFactory(member=True).pk for _ in range(50)]

    assert run_at_once([enrol(course.pk, pk) for pk in people]) == ["ok"] * 50
    course.refresh_from_db()
    confirmed, waiting = people_in(course, Status.CONFIRMED), people_in(course, Status.WAITING)
    assert course.going_count == len(confirmed) == 10
    assert len(waiting) == 40 and set(confirmed + waiting) == set(people)
    assert sorted(confirmed) == sorted(arrivals(course, "confirmed"))  # the first ten to arrive
    assert waiting == arrivals(course, "waiting")  # the list keeps the order of arrival
    positions = [
        enrolment.position(Enrolment.objects.get(course=course, user=pk)) for pk in waiting
    ]
    assert positions == list(range(1, 41))

    # the ten with a seat cancel at the same moment: the next ten are offered one, once each
    assert run_at_once([cancel(course.pk, pk) for pk in confirmed]) == ["ok"] * 10
    course.refresh_from_db()
    offered = people_in(course, Status.OFFERED)
    assert sorted(offered) == sorted(waiting[:10])
    assert course.going_count == 10  # the offered seats are kept for them
    assert people_in(course, Status.WAITING) == waiting[10:]
    assert [offers_to(pk) for pk in waiting[:11]] == [1] * 10 + [0]
    assert sorted(arrivals(course, "offered")) == sorted(offered)  # each offered once
    assert sorted(people_in(course, Status.CANCELLED)) == sorted(confirmed)


@pytest.mark.django_db(transaction=True)
def test_an_expired_offer_moves_on_once_when_two_runs_meet():
    course, [first], [second, third, fourth] = full_course(seats=1, waiting=3)
    enrolment.cancel(course=course, by=User.objects.get(pk=first))
    assert people_in(course, Status.OFFERED) == [second]
    past = timezone.now() - timedelta(minutes=1)
    Enrolment.objects.filter(course=course, user=second).update(offer_expires_at=past)

    lapsed = []
    job = lambda: lapsed.append(enrolment.expire_offers(course_id=course.pk))  # noqa: E731
    assert run_at_once([job, job]) == ["ok", "ok"]
    assert sorted(lapsed) == [0, 1]  # one run moved it, the other found nothing left
    assert people_in(course, Status.EXPIRED) == [second]
    assert people_in(course, Status.OFFERED) == [third]
    assert people_in(course, Status.WAITING) == [fourth]
    assert offers_to(third) == 1
    assert (
        Notification.objects.filter(recipient_id=second, kind="training.offer_lapsed").count() == 1
    )
    assert Course.objects.get(pk=course.pk).going_count == 1


@pytest.mark.django_db(transaction=True)
def test_the_beat_entry_moves_lapsed_offers_on_through_a_real_worker(start_worker):
    course, [first], [second, third] = full_course(seats=1, waiting=2)
    enrolment.cancel(course=course, by=User.objects.get(pk=first))
    past = timezone.now() - timedelta(minutes=1)
    Enrolment.objects.filter(course=course, user=second).update(offer_expires_at=past)
    start_worker()
    entry = PeriodicTask.objects.get(task="training.expire_seat_offers")
    assert entry.enabled and entry.interval.every == 10
    app.send_task(entry.task)
    app.send_task(entry.task)  # beat firing twice: the offer still moves once

    deadline = timezone.now() + timedelta(seconds=60)
    while timezone.now() < deadline and people_in(course, Status.OFFERED) != [third]:
        time.sleep(0.2)
    assert people_in(course, Status.OFFERED) == [third]
    time.sleep(1)  # give the second run its chance to go wrong
    assert people_in(course, Status.OFFERED) == [third]
    assert people_in(course, Status.EXPIRED) == [second]
    assert offers_to(third) == 1
