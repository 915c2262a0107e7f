"""The rules of enrolment (training.services.enrolment): who may enrol, when, cancelling until the
cut-off, staff acting with a reason, more seats offered to the people waiting, the deadlines of
offers, and what each person pays; and the course services other parts call
(training.services.courses)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopportal.core.models import AuditEvent
from tests.factories import UserFactory, staff_user
from tests.training.factories import CourseFactory, CourseSessionFactory
from training.exceptions import TrainingError
from training.filters import CourseFilter
from training.models import Audience, Course, Enrolment, EnrolmentStatus, Payment
from training.services import enrolment
from training.services.courses import course_dates_refresh, course_text_refresh

pytestmark = pytest.mark.django_db
Status = EnrolmentStatus


def refused(code, call, **kwargs):
    with pytest.raises(TrainingError) as error:
        call(**kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def test_a_members_only_course_refuses_others_clearly_and_writes_nothing():
    course = CourseFactory(audience=Audience.MEMBERS)
    error = refused("members_only", enrolment.enrol, course=course, by=UserFactory())
    assert "members" in error.message.lower() or "soci" in error.message.lower()
    assert not Enrolment.objects.exists()
    assert enrolment.enrol(course=course, by=UserFactory(member=True)).status == Status.CONFIRMED


def test_enrolment_outside_the_window_is_refused():
    not_yet = CourseFactory(enrolment_opens_at=timezone.now() + timedelta(days=1))
    refused("closed", enrolment.enrol, course=not_yet, by=UserFactory(member=True))
    over = CourseFactory(enrolment_closes_at=timezone.now() - timedelta(hours=1))
    refused("closed", enrolment.enrol, course=over, by=UserFactory(member=True))
    started = CourseFactory(starts_in=timedelta(hours=-1))
    refused("closed", enrolment.enrol, course=started, by=UserFactory(member=True))
    assert not Enrolment.objects.exists()


def test_a_confirmed_seat_cannot_be_cancelled_after_the_cut_off_but_the_list_can_be_left():
    course = CourseFactory(capacity=1, starts_in=timedelta(hours=24), cancel_hours_before=48)
    holder, waiting = UserFactory(member=True), UserFactory(member=True)
    enrolment.enrol(course=course, by=holder)
    enrolment.enrol(course=course, by=waiting)
    error = refused("cutoff", enrolment.cancel, course=course, by=holder)
    assert "staff" in error.message or "personale" in error.message
    assert Enrolment.objects.get(user=holder).status == Status.CONFIRMED
    enrolment.cancel(course=course, by=waiting)
    assert Enrolment.objects.get(user=waiting).status == Status.CANCELLED


def test_staff_enrol_and_remove_outside_the_rules_with_a_reason_only():
    course = CourseFactory(enrolment_closes_at=timezone.now() - timedelta(hours=1))
    person, staff = UserFactory(member=True), staff_user()
    refused("forbidden", enrolment.enrol, course=course, by=UserFactory(), user=person,
            override=True, reason="x")  # fmt: skip
    refused("reason_required", enrolment.enrol, course=course, by=staff, user=person,
            override=True, reason="  ")  # fmt: skip
    assert not Enrolment.objects.exists()
    seat = enrolment.enrol(course=course, by=staff, user=person, override=True, reason="Richiesta")
    assert seat.status == Status.CONFIRMED
    event = AuditEvent.objects.get(action="training.enrolment.override")
    assert event.data["reason"] == "Richiesta" and event.data["person"] == person.pk
    # the audience still binds staff
    members = CourseFactory(audience=Audience.MEMBERS)
    refused("members_only", enrolment.enrol, course=members, by=staff, user=UserFactory(),
            override=True, reason="Richiesta")  # fmt: skip
    # after the cut-off, staff remove with a reason
    soon = CourseFactory(starts_in=timedelta(hours=2))
    other = UserFactory(member=True)
    enrolment.enrol(course=soon, by=staff, user=other, override=True, reason="Ultimo momento")
    refused("cutoff", enrolment.cancel, course=soon, by=other)
    refused("reason_required", enrolment.cancel, course=soon, by=staff, user=other)
    enrolment.cancel(course=soon, by=staff, user=other, reason="Malattia")
    assert Enrolment.objects.get(course=soon, user=other).status == Status.CANCELLED


def test_more_seats_are_offered_to_the_people_waiting():
    course = CourseFactory(capacity=1)
    people = [UserFactory(member=True) for _ in range(4)]
    for person in people:
        enrolment.enrol(course=course, by=person)
    enrolment.seats_change(course=course, by=staff_user(), capacity=3)
    offered = Enrolment.objects.filter(course=course, status=Status.OFFERED)
    assert sorted(offered.values_list("user_id", flat=True)) == [people[1].pk, people[2].pk]
    assert Course.objects.get(pk=course.pk).going_count == 3
    assert enrolment.position(Enrolment.objects.get(user=people[3])) == 1
    refused("forbidden", enrolment.seats_change, course=course, by=people[0], capacity=10)


def offer_after_a_cancellation(**course_kwargs):
    course = CourseFactory(capacity=1, cancel_hours_before=0, **course_kwargs)
    first, second = UserFactory(member=True), UserFactory(member=True)
    enrolment.enrol(course=course, by=first)
    enrolment.enrol(course=course, by=second)
    enrolment.cancel(course=course, by=first)
    return course, Enrolment.objects.get(course=course, user=second)


def test_an_offer_waits_48_hours_or_less_near_the_start_and_none_in_the_last_hour():
    now = timezone.now()
    _course, seat = offer_after_a_cancellation(starts_in=timedelta(days=10))
    assert seat.status == Status.OFFERED
    assert now + timedelta(hours=47, minutes=59) < seat.offer_expires_at
    assert seat.offer_expires_at <= timezone.now() + timedelta(hours=48)

    course, seat = offer_after_a_cancellation(starts_in=timedelta(hours=20))
    assert seat.status == Status.OFFERED
    assert seat.offer_expires_at == course.first_starts_at - timedelta(hours=1)

    course, seat = offer_after_a_cancellation(starts_in=timedelta(minutes=90))
    assert (seat.status, seat.offer_expires_at) == (Status.WAITING, None)
    assert Course.objects.get(pk=course.pk).going_count == 0  # simply free: first come
    assert enrolment.enrol(course=course, by=seat.user).status == Status.CONFIRMED


def test_members_pay_the_member_price_others_the_public_price_free_is_nothing_to_pay():
    course = CourseFactory(member_price=Decimal("10.00"), public_price=Decimal("30.00"))
    member = enrolment.enrol(course=course, by=UserFactory(member=True))
    other = enrolment.enrol(course=course, by=UserFactory())
    assert (member.price, member.payment) == (Decimal("10.00"), Payment.TO_PAY)
    assert (other.price, other.payment) == (Decimal("30.00"), Payment.TO_PAY)
    free = enrolment.enrol(course=CourseFactory(), by=UserFactory())
    assert (free.price, free.payment) == (Decimal("0.00"), Payment.NONE)


def test_the_course_dates_and_hours_follow_the_sessions():
    course = CourseFactory(sessions=0)
    assert course_dates_refresh(course).first_starts_at is None
    start = timezone.now() + timedelta(days=3)
    CourseSessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=3))
    later = start + timedelta(days=7)
    CourseSessionFactory(course=course, starts_at=later, ends_at=later + timedelta(minutes=90))
    course_dates_refresh(course)
    stored = Course.objects.get(pk=course.pk)
    assert stored.first_starts_at == start
    assert stored.last_ends_at == later + timedelta(minutes=90)
    assert stored.hours == Decimal("4.50")


def test_the_search_finds_a_course_once_its_text_is_refreshed():
    course = CourseFactory(title="Corso generico", summary="Un incontro.")

    def found(text):
        return list(CourseFilter({"q": text}, queryset=Course.objects.all()).qs)

    assert found("bilancio") == []
    Course.objects.filter(pk=course.pk).update(summary="Il bilancio sociale")
    assert found("bilancio") == []  # the stored vector still holds the old text
    assert course_text_refresh([course.pk]) == 1
    assert found("bilancio") == [course]
