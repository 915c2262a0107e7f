"""Seats through the real HTTP server: gunicorn (2 processes × 4 threads) on the test database,
people posting at the same moment from their own browsers (sessions and CSRF tokens of their own).

What the unit-level tests (tests/training/test_enrolment_concurrency.py) prove on parallel
connections holds through the whole stack: middleware, sessions, CSRF, the view, its transaction.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.faults.conftest import at_once
from tests.training.factories import CourseFactory
from training.models import Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db(transaction=True)

Status = EnrolmentStatus
ROUNDS = 20


def statuses(course):
    return list(Enrolment.objects.filter(course=course).values_list("status", flat=True))


def test_fifty_enrol_at_once_in_ten_seats_twenty_times_over(portal):
    people = [UserFactory(member=True) for _ in range(50)]
    browsers = [portal.session_for(person) for person in people]
    for _ in range(ROUNDS):
        course = CourseFactory(capacity=10, sessions=1)
        path = reverse("training:course_enrol", args=[course.pk])
        responses = at_once([lambda b=b: portal.post(b, path) for b in browsers])
        codes = {str(getattr(r, "status_code", r)) for r in responses}
        assert codes == {"302"}, "".join(portal.log[-40:])  # no 5xx, no timeout, no deadlock
        seats = statuses(course)
        assert seats.count(Status.CONFIRMED) == 10
        assert seats.count(Status.WAITING) == 40 and len(seats) == 50
        course.refresh_from_db()
        assert course.going_count == 10


def test_ten_cancel_at_once_and_each_waiting_person_is_promoted_once(portal):
    from coopportal.notifications.models import Notification
    from training.services import enrolment

    course = CourseFactory(capacity=10, sessions=1)
    confirmed = [UserFactory(member=True) for _ in range(10)]
    waiting = [UserFactory(member=True) for _ in range(10)]
    for person in confirmed + waiting:
        enrolment.enrol(course=course, by=person)
    browsers = [portal.session_for(person) for person in confirmed]
    path = reverse("training:course_cancel", args=[course.pk])

    responses = at_once([lambda b=b: portal.post(b, path, {"confirm": "yes"}) for b in browsers])
    assert {str(getattr(r, "status_code", r)) for r in responses} == {"302"}, "".join(portal.log[-60:])
    for person in confirmed:
        assert Enrolment.objects.get(course=course, user=person).status == Status.CANCELLED
    for person in waiting:  # every freed seat went to one waiting person, each offered once
        seat = Enrolment.objects.get(course=course, user=person)
        assert seat.status in (Status.OFFERED, Status.CONFIRMED), seat.status
        offers = Notification.objects.filter(recipient=person, kind="training.seat_offered")
        assert offers.count() == (1 if seat.status == Status.OFFERED else 0)
    course.refresh_from_db()
    assert course.going_count == 10  # the offered seats are held for the people offered them
