"""A published course with sessions, a trainer and people holding confirmed seats (rows written
directly, with the course's counter kept), for the attendance and certificate tests."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from tests.factories import UserFactory
from training.models import (
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Trainer,
    TrainingArea,
)


def make_trainer(user=None, name="Giulia Formatrice"):
    return Trainer.objects.create(name=name, user=user or UserFactory())


def make_course(*, sessions=2, hours=2, trainer=None, starts_in=timedelta(days=-1), **fields):
    """A published course whose sessions are `hours` long, one a day from `starts_in` from now
    (in the past by default: the first session was yesterday)."""
    area, _ = TrainingArea.objects.get_or_create(
        slug="cooperazione", defaults={"name": "Cooperazione e governance"}
    )
    fields.setdefault("title", "Governance cooperativa")
    course = Course.objects.create(area=area, status=CourseStatus.PUBLISHED, **fields)
    start = timezone.now() + starts_in
    for n in range(sessions):
        begins = start + timedelta(days=n)
        CourseSession.objects.create(
            course=course,
            title=f"Incontro {n + 1}",
            starts_at=begins,
            ends_at=begins + timedelta(hours=hours),
            trainer=trainer,
        )
    dates = course.sessions.order_by("starts_at")
    if sessions:
        course.first_starts_at = dates.first().starts_at
        course.last_ends_at = dates.last().ends_at
        course.save(update_fields=["first_starts_at", "last_ends_at"])
    return course


def enrol_people(course, count=1, **user_fields):
    """`count` new people holding a confirmed seat in `course`."""
    people = [UserFactory(**user_fields) for _ in range(count)]
    for person in people:
        seat(course, person)
    return people


def seat(course, user, status=EnrolmentStatus.CONFIRMED):
    waiting_since = timezone.now() if status == EnrolmentStatus.WAITING else None
    enrolment = Enrolment.objects.create(
        course=course, user=user, status=status, waiting_since=waiting_since
    )
    if status == EnrolmentStatus.CONFIRMED:
        Course.objects.filter(pk=course.pk).update(going_count=F("going_count") + 1)
    return enrolment


def sessions_of(course):
    return list(course.sessions.order_by("starts_at", "pk"))
