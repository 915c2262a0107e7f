"""What training offers the board: enrolments of the period, the seats of its courses taken, the
people waiting now, attendance, certificates and the average rating — in the periodic report too,
and in a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from board.figures import period_summary
from coopportal.core.figures import Period
from tests.factories import UserFactory
from tests.helpers.queries import count_queries
from tests.training.factories_admin import make_course
from training import board_figures
from training.models import Attendance, Certificate, Enrolment, EnrolmentStatus, Feedback

pytestmark = pytest.mark.django_db
Status = EnrolmentStatus


def _period():
    today = timezone.localdate()
    return Period(today - timedelta(days=30), today)


def _seat(course, status, user=None):
    seat = Enrolment.objects.create(
        course=course,
        user=user or UserFactory(),
        status=status,
        waiting_since=timezone.now() if status == Status.WAITING else None,
    )
    if status == Status.CONFIRMED:
        course.going_count += 1
        course.save(update_fields=["going_count"])
    return seat


def _certificate(course, *, issued_at, revoked=False):
    return Certificate.objects.create(
        course=course,
        user=UserFactory(),
        holder_name="Giulia Rossi",
        course_title=course.title,
        hours=course.hours,
        attendance_rate=100,
        issued_at=issued_at,
        revoked_at=timezone.now() if revoked else None,
        revoke_reason="Errore" if revoked else "",
    )


def _data():
    started = make_course("Iniziato", capacity=4, days=-5)
    seats = [_seat(started, Status.CONFIRMED) for _n in range(3)]
    waiting = _seat(started, Status.WAITING)
    unlimited = make_course("Senza limite", days=-3)
    _seat(unlimited, Status.CONFIRMED)
    old = make_course("Vecchio", capacity=10, days=-100)
    _seat(old, Status.CONFIRMED)
    later = make_course("Futuro", capacity=2, days=20)
    _seat(later, Status.CONFIRMED)
    _seat(later, Status.CONFIRMED)
    _seat(later, Status.WAITING, user=waiting.user)  # waits twice: one person
    session = started.sessions.get()
    for seat, present in zip(seats, (True, True, False), strict=True):
        Attendance.objects.create(session=session, user=seat.user, present=present, how="register")
    old_session = old.sessions.get()
    Attendance.objects.create(
        session=old_session, user=UserFactory(), present=False, how="register"
    )
    _certificate(started, issued_at=timezone.now())
    _certificate(started, issued_at=timezone.now(), revoked=True)
    _certificate(old, issued_at=timezone.now() - timedelta(days=90))
    Feedback.objects.create(course=started, user=seats[0].user, rating=4)
    Feedback.objects.create(course=started, user=seats[1].user, rating=5)


def test_the_numbers_of_the_period():
    _data()
    items = {item.key: item for item in board_figures.figures(_period())}
    numbers = {key: item.value for key, item in items.items() if hasattr(item, "value")}
    assert numbers["course_enrolments"] == 9
    assert numbers["course_fill_rate"] == 75  # 3 of the 4 seats of the course that started
    assert numbers["course_waiting_people"] == 1
    assert numbers["course_attendance_rate"] == 67  # 2 of 3 on the period's register
    assert numbers["certificates_issued"] == 1
    assert numbers["course_feedback_rating"] == 90  # 4.5 of 5
    chart = next(item for item in board_figures.figures(_period()) if hasattr(item, "series"))
    statuses = {str(series.label): sum(series.values) for series in chart.series}
    assert statuses == {str(Status.CONFIRMED.label): 7, str(Status.WAITING.label): 2}


def test_an_empty_portal_gives_zeros():
    numbers = {
        item.key: item.value for item in board_figures.figures(_period()) if hasattr(item, "value")
    }
    assert set(numbers.values()) == {0}


def test_the_periodic_report_lists_them():
    _data()
    with translation.override("en"):
        rows = dict(period_summary(start=date.today() - timedelta(days=30), end=date.today()))
    assert rows["Enrolments in courses"] == 9
    assert rows["Seats of the courses taken (%)"] == 75
    assert rows["Certificates of attendance issued"] == 1


def test_the_figures_make_the_same_queries_with_more_data():
    def measure():
        return count_queries(lambda: board_figures.figures(_period()))

    _data()
    few = measure()
    _data()
    _data()
    assert measure() == few


def test_the_board_figures_page_shows_them(board_client):
    _data()
    response = board_client.get(reverse("board:figures"))
    assert response.status_code == 200
    numbers = response.context["figures"]["numbers"]
    assert numbers["course_enrolments"] == 9
