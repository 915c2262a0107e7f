"""The pages lead to what each person may do: the register for the trainer and staff, the
check-in while a session is on for the people holding a seat, the attendance rate and the
certificates on "my training" — and to nothing else."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.training.factories_attendance import make_course, make_trainer, seat, sessions_of
from training.models import Attendance, AttendanceHow, EnrolmentStatus
from training.services import certificates

pytestmark = pytest.mark.django_db


def _page(client, user, course):
    client.force_login(user)
    return client.get(course.get_absolute_url()).content.decode()


def test_the_register_link_is_for_the_trainer_and_staff_only(client, member, staff):
    teacher = UserFactory()
    course = make_course(trainer=make_trainer(user=teacher), starts_in=timedelta(days=3))
    first = sessions_of(course)[0]
    register = reverse("training:session_register", args=[course.pk, first.pk])
    seat(course, member)
    assert register in _page(client, teacher, course)
    assert register in _page(client, staff, course)
    assert register not in _page(client, member, course)
    assert register not in _page(client, UserFactory(), course)


def test_the_check_in_link_shows_while_the_session_is_on_for_a_seat_only(client, member):
    course = make_course(sessions=1, starts_in=timedelta(minutes=-10))
    session = sessions_of(course)[0]
    checkin = reverse("training:session_checkin", args=[course.pk, session.pk])
    waiting = UserFactory()
    seat(course, waiting, status=EnrolmentStatus.WAITING)
    assert checkin not in _page(client, member, course)  # no seat
    assert checkin not in _page(client, waiting, course)
    seat(course, member)
    assert checkin in _page(client, member, course)
    later = make_course(sessions=1, starts_in=timedelta(days=2), title="Più avanti")
    seat(later, member)
    later_session = sessions_of(later)[0]
    page = _page(client, member, later)
    assert reverse("training:session_checkin", args=[later.pk, later_session.pk]) not in page


def test_my_training_shows_the_attendance_rate_and_the_certificates(client, member, staff):
    course = make_course(sessions=2, starts_in=timedelta(days=-3))
    seat(course, member)
    first, second = sessions_of(course)
    Attendance.objects.create(session=first, user=member, present=True, how=AttendanceHow.REGISTER)
    client.force_login(member)
    url = reverse("training:my_training")
    page = client.get(url).content.decode()
    assert "50%" in page
    assert reverse("training:certificate_download", args=["X"]).rsplit("/", 1)[0] not in page
    Attendance.objects.create(session=second, user=member, present=True, how=AttendanceHow.REGISTER)
    (certificate,) = certificates.certificates_issue_now(course=course, by=staff)
    page = client.get(url).content.decode()
    assert "100%" in page
    assert reverse("training:certificate_download", args=[certificate.code]) in page
    certificates.certificate_revoke(certificate=certificate, by=staff, reason="Errore")
    page = client.get(url).content.decode()
    assert reverse("training:certificate_download", args=[certificate.code]) not in page


def test_my_training_stays_flat_with_certificates_and_rates(
    client, member, staff, assert_flat_queries
):
    client.force_login(member)
    url = reverse("training:my_training")

    def fetch():
        assert client.get(url).status_code == 200

    def grow(n):
        for i in range(n):
            course = make_course(sessions=2, starts_in=timedelta(days=-5), title=f"Corso {i}")
            seat(course, member)
            for session in sessions_of(course):
                Attendance.objects.create(
                    session=session, user=member, present=True, how=AttendanceHow.REGISTER
                )
            certificates.certificates_issue_now(course=course, by=staff)

    assert_flat_queries.check(fetch, grow, many=6)
