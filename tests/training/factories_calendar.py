"""A published course with sessions, confirmed seats and attendance, made directly (the catalogue
and enrolment services are other parts' work): what the calendar and feedback tests need."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from training.models import (
    Attendance,
    AttendanceHow,
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Trainer,
    TrainingArea,
)


def make_area():
    area, _ = TrainingArea.objects.get_or_create(
        slug="cooperazione", defaults={"name": "Cooperazione e governance"}
    )
    return area


def make_course(
    *,
    title="Governance cooperativa",
    sessions=2,
    starts_at=None,
    status=CourseStatus.PUBLISHED,
    online_url="https://meet.example.org/governance-segreto",
    place="Sede di Bologna, via Rossi 1",
    trainer=None,
    **fields,
):
    """A course with `sessions` sessions a week apart (from `starts_at`, a week ahead by default),
    two hours each; first_starts_at and last_ends_at kept as the services keep them."""
    starts_at = starts_at or timezone.now() + timedelta(days=7)
    course = Course.objects.create(
        area=make_area(), title=title, status=status, capacity=20, **fields
    )
    if trainer is not None:
        course.trainers.add(trainer)
    for index in range(sessions):
        start = starts_at + timedelta(days=7 * index)
        CourseSession.objects.create(
            course=course,
            title=f"Incontro {index + 1}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place=place,
            online_url=online_url,
            trainer=trainer,
        )
    refresh_times(course)
    return course


def add_sessions(course, count, *, starts_at=None):
    """`count` more sessions after the course's last one."""
    start = starts_at or (course.last_ends_at or timezone.now()) + timedelta(days=1)
    CourseSession.objects.bulk_create(
        CourseSession(
            course=course,
            starts_at=start + timedelta(days=index),
            ends_at=start + timedelta(days=index, hours=2),
            place="Aula 2",
            online_url="https://meet.example.org/altro-segreto",
        )
        for index in range(count)
    )
    refresh_times(course)


def refresh_times(course):
    sessions = list(course.sessions.order_by("starts_at"))
    if sessions:
        course.first_starts_at = sessions[0].starts_at
        course.last_ends_at = max(s.ends_at for s in sessions)
        course.save(update_fields=["first_starts_at", "last_ends_at"])
    return course


def make_trainer(*, user=None, name="Giulia Bianchi"):
    return Trainer.objects.create(name=name, user=user)


def enrol(course, user, *, status=EnrolmentStatus.CONFIRMED):
    """An Enrolment row made directly; a confirmed one takes a seat (going_count)."""
    waiting_since = timezone.now() if status == EnrolmentStatus.WAITING else None
    enrolment = Enrolment.objects.create(
        course=course, user=user, status=status, waiting_since=waiting_since
    )
    if status == EnrolmentStatus.CONFIRMED:
        Course.objects.filter(pk=course.pk).update(going_count=F("going_count") + 1)
        course.refresh_from_db(fields=["going_count"])
    return enrolment


def attend(course, user, *, present=True, sessions=None):
    """An Attendance row for each of the course's sessions (or the first `sessions`)."""
    rows = list(course.sessions.order_by("starts_at"))
    if sessions is not None:
        rows = rows[:sessions]
    Attendance.objects.bulk_create(
        Attendance(session=session, user=user, present=present, how=AttendanceHow.REGISTER)
        for session in rows
    )


def make_ended_course(*, title="Bilancio sociale", days_ago=1, **kwargs):
    """A published course whose last session ended `days_ago` days ago."""
    starts_at = timezone.now() - timedelta(days=days_ago, hours=3)
    return make_course(title=title, sessions=1, starts_at=starts_at, **kwargs)
