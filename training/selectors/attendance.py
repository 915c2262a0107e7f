"""Reads of attendance: rates (hours present / hours of the course's sessions), the register of a
session and the grid of a course (enrolled people × sessions), each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404

from .. import permissions
from ..models import Attendance, Course, CourseSession, Enrolment, EnrolmentStatus


def _hours(starts_at, ends_at) -> Decimal:
    return (Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600)).quantize(
        Decimal("0.01")
    )


def _rate(present_hours: Decimal, total_hours: Decimal) -> int:
    """A whole percentage, rounded down (74.9% does not reach 75%)."""
    if not total_hours:
        return 0
    return min(int(present_hours * 100 / total_hours), 100)


def course_hours(course) -> Decimal:
    """The hours of the course's sessions (computed here: `Course.hours` is kept elsewhere)."""
    sessions = CourseSession.objects.filter(course=course).values_list("starts_at", "ends_at")
    return sum((_hours(s, e) for s, e in sessions), Decimal("0"))


def attendance_rates_for(user, courses) -> dict[int, int]:
    """{course id: attendance %} of `user` in `courses` (objects or ids), in two queries."""
    ids = [getattr(course, "pk", course) for course in courses]
    if not ids or not getattr(user, "is_authenticated", False):
        return dict.fromkeys(ids, 0)
    total, present = defaultdict(Decimal), defaultdict(Decimal)
    hours = {}
    for pk, course_id, starts_at, ends_at in CourseSession.objects.filter(
        course_id__in=ids
    ).values_list("pk", "course_id", "starts_at", "ends_at"):
        hours[pk] = (course_id, _hours(starts_at, ends_at))
        total[course_id] += hours[pk][1]
    for session_id in Attendance.objects.filter(
        user=user, present=True, session_id__in=list(hours)
    ).values_list("session_id", flat=True):
        course_id, session_hours = hours[session_id]
        present[course_id] += session_hours
    return {pk: _rate(present[pk], total[pk]) for pk in ids}


def course_rates(course) -> dict[int, int]:
    """{user id: attendance %} of every confirmed enrollee of `course`, in three queries."""
    hours = {
        pk: _hours(s, e)
        for pk, s, e in CourseSession.objects.filter(course=course).values_list(
            "pk", "starts_at", "ends_at"
        )
    }
    total = sum(hours.values(), Decimal("0"))
    present = defaultdict(Decimal)
    for user_id, session_id in Attendance.objects.filter(
        session__course=course, present=True
    ).values_list("user_id", "session_id"):
        present[user_id] += hours.get(session_id, Decimal("0"))
    enrolled = Enrolment.objects.filter(
        course=course, status=EnrolmentStatus.CONFIRMED
    ).values_list("user_id", flat=True)
    return {user_id: _rate(present[user_id], total) for user_id in enrolled}


def enrolled_user_ids(course) -> set[int]:
    return set(
        Enrolment.objects.filter(course=course, status=EnrolmentStatus.CONFIRMED).values_list(
            "user_id", flat=True
        )
    )


def session_for_register(user, course_pk, session_pk) -> CourseSession:
    """The session whose register `user` keeps, or a 404 (as for a session that does not
    exist: nobody learns which sessions exist by guessing)."""
    session = (
        CourseSession.objects.select_related("course", "trainer")
        .filter(pk=session_pk, course_id=course_pk)
        .first()
    )
    if session is None or not permissions.can_keep_register(user, session):
        raise Http404
    return session


def session_for_checkin(user, course_pk, session_pk) -> CourseSession:
    """A session of a course the person can see (its check-in page), or a 404."""
    session = (
        CourseSession.objects.select_related("course")
        .filter(pk=session_pk, course_id=course_pk)
        .first()
    )
    if session is None or not permissions.can_view_course(user, session.course):
        raise Http404
    return session


@dataclass
class RegisterRow:
    user: object
    present: bool | None  # None: not marked yet
    how: str = ""
    cells: list = field(default_factory=list)  # present/absent/None per session of the course
    rate: int = 0


def session_register(session) -> list[RegisterRow]:
    """The register of a session: every confirmed enrollee, by name, with their mark in this
    session and a row of the course's grid (enrolled people × sessions) with their rate."""
    course = session.course
    sessions = list(CourseSession.objects.filter(course=course).order_by("starts_at", "pk"))
    hours = {s.pk: s.hours for s in sessions}
    total = sum(hours.values(), Decimal("0"))
    marks = {
        (a.user_id, a.session_id): a
        for a in Attendance.objects.filter(session__course=course).only(
            "user_id", "session_id", "present", "how"
        )
    }
    enrolments = (
        Enrolment.objects.filter(course=course, status=EnrolmentStatus.CONFIRMED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    rows = []
    for enrolment in enrolments:
        person = enrolment.user
        mine = marks.get((person.pk, session.pk))
        cells = []
        present_hours = Decimal("0")
        for each in sessions:
            mark = marks.get((person.pk, each.pk))
            cells.append(None if mark is None else mark.present)
            if mark is not None and mark.present:
                present_hours += hours[each.pk]
        rows.append(
            RegisterRow(
                user=person,
                present=None if mine is None else mine.present,
                how=mine.get_how_display() if mine is not None else "",
                cells=cells,
                rate=_rate(present_hours, total),
            )
        )
    session.course_sessions = sessions
    return rows


def is_last_session(session) -> bool:
    return not CourseSession.objects.filter(
        course_id=session.course_id, starts_at__gt=session.starts_at
    ).exists()


def last_session_started(course, now) -> bool:
    last = CourseSession.objects.filter(course=course).order_by("-starts_at").first()
    return last is not None and last.starts_at <= now


def course_of(course_or_pk) -> Course:
    return course_or_pk if isinstance(course_or_pk, Course) else Course.objects.get(pk=course_or_pk)
