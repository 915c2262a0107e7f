"""The register of a session, the check-in code and the participants' check-in, attendance rates."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from coopportal.core.models import AuditEvent
from tests.factories import UserFactory
from tests.helpers.html import as_shown
from tests.training.factories_attendance import (
    enrol_people,
    make_course,
    make_trainer,
    seat,
    sessions_of,
)
from training.exceptions import TrainingError
from training.models import Attendance, AttendanceHow, CourseSession, EnrolmentStatus
from training.selectors.attendance import attendance_rates_for, session_register
from training.services import attendance as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def register_url(session):
    return reverse("training:session_register", args=[session.course_id, session.pk])


def checkin_url(session):
    return reverse("training:session_checkin", args=[session.course_id, session.pk])


@pytest.fixture
def setup():
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=2)
    people = enrol_people(course, 2)
    return trainer, course, sessions_of(course), people


# --- the register: who keeps it --------------------------------------------------------------


def test_register_page_for_the_session_trainer_and_staff(setup, staff):
    trainer, _, sessions, people = setup
    for user in (trainer.user, staff):
        response = client_for(user).get(register_url(sessions[0]))
        assert response.status_code == 200
        assert people[0].display_name in response.content.decode()


def test_register_page_hidden_from_others(setup, member):
    _, _course, sessions, people = setup
    other_trainer = make_trainer(name="Altro")
    make_course(trainer=other_trainer, title="Altro corso")
    for user in (other_trainer.user, member, people[0]):
        client = client_for(user)
        assert client.get(register_url(sessions[0])).status_code == 404
        response = client.post(register_url(sessions[0]), {f"mark-{people[0].pk}": "present"})
        assert response.status_code == 404
    assert not Attendance.objects.exists()
    assert Client().get(register_url(sessions[0])).status_code == 302  # visitors: log in


def test_register_guessed_urls_404(setup, staff):
    _, course, sessions, _ = setup
    other = make_course(title="Altro")
    client = client_for(staff)
    assert (
        client.get(
            reverse("training:session_register", args=[other.pk, sessions[0].pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("training:session_register", args=[course.pk, 999999])).status_code
        == 404
    )


def test_register_post_marks_present_and_absent(setup):
    trainer, _, sessions, (anna, luca) = setup
    response = client_for(trainer.user).post(
        register_url(sessions[0]), {f"mark-{anna.pk}": "present", f"mark-{luca.pk}": "absent"}
    )
    assert response.status_code == 302
    marks = dict(Attendance.objects.values_list("user_id", "present"))
    assert marks == {anna.pk: True, luca.pk: False}
    assert Attendance.objects.get(user=anna).how == AttendanceHow.REGISTER
    assert AuditEvent.objects.filter(action="training.attendance.register").count() == 1
    # correcting the register changes the mark, never a second row
    client_for(trainer.user).post(register_url(sessions[0]), {f"mark-{luca.pk}": "present"})
    assert Attendance.objects.filter(user=luca).get().present is True


def test_register_all_present(setup, staff):
    _, _, sessions, people = setup
    response = client_for(staff).post(
        register_url(sessions[0]), {"all_present": "on", f"mark-{people[0].pk}": "absent"}
    )
    assert response.status_code == 302
    assert set(Attendance.objects.filter(present=True).values_list("user_id", flat=True)) == {
        p.pk for p in people
    }


def test_register_marks_only_confirmed_enrollees(setup):
    trainer, course, sessions, (anna, _) = setup
    waiting = UserFactory()
    seat(course, waiting, status=EnrolmentStatus.WAITING)
    with pytest.raises(TrainingError) as refused:
        services.register_mark(
            session=sessions[0], by=trainer.user, marks={anna.pk: True, waiting.pk: True}
        )
    assert refused.value.code == "not_enrolled"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"mark-999999": "present"},  # unknown person
        {"mark-abc": "present"},
        {"mark-1": "yes"},  # not present/absent
        {"mark-1": "x" * 500},
        {},  # nothing
    ],
)
def test_register_bad_input_writes_nothing(setup, data):
    trainer, _, sessions, (anna, _) = setup
    if "mark-1" in data:
        data = {f"mark-{anna.pk}": data["mark-1"]}
    response = client_for(trainer.user).post(register_url(sessions[0]), data)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_register_service_refuses_non_boolean_marks(setup):
    trainer, _, sessions, (anna, _) = setup
    with pytest.raises(TrainingError):
        services.register_mark(session=sessions[0], by=trainer.user, marks={anna.pk: "yes"})
    with pytest.raises(TrainingError):
        services.register_mark(session=sessions[0], by=trainer.user, marks={"x": True})
    assert not Attendance.objects.exists()


def test_register_service_refuses_other_people(setup, member):
    _, _, sessions, (anna, _) = setup
    with pytest.raises(TrainingError) as refused:
        services.register_mark(session=sessions[0], by=member, marks={anna.pk: True})
    assert refused.value.code == "forbidden"


def test_register_page_query_count_is_flat(staff, assert_flat_queries):
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=3)
    session = sessions_of(course)[0]
    client = client_for(trainer.user)

    def grow(n):
        people = enrol_people(course, n)
        for person in people:
            for each in sessions_of(course):
                Attendance.objects.create(
                    session=each, user=person, present=True, how=AttendanceHow.REGISTER
                )

    def fetch():
        assert client.get(register_url(session)).status_code == 200

    assert_flat_queries.check(fetch, grow, few=3, many=12)


def test_session_register_selector_grid(setup):
    trainer, _course, sessions, (anna, luca) = setup
    services.register_mark(session=sessions[0], by=trainer.user, marks={anna.pk: True})
    rows = {row.user.pk: row for row in session_register(sessions[1])}
    assert rows[anna.pk].cells == [True, None]
    assert rows[anna.pk].rate == 50
    assert rows[luca.pk].cells == [None, None]


# --- the check-in code and check-in ----------------------------------------------------------


def test_checkin_code_is_short_and_unambiguous(setup):
    trainer, _, sessions, _ = setup
    code = services.checkin_code_new(session=sessions[0], by=trainer.user)
    assert len(code) == 6
    assert set(code) <= set(services.CHECKIN_ALPHABET)
    assert not set(code) & set("01OIL")
    sessions[0].refresh_from_db()
    assert sessions[0].checkin_code == code


def test_checkin_code_only_by_trainer_or_staff(setup, member):
    _, _, sessions, _ = setup
    with pytest.raises(TrainingError):
        services.checkin_code_new(session=sessions[0], by=member)
    url = reverse("training:session_checkin_code", args=[sessions[0].course_id, sessions[0].pk])
    assert client_for(member).post(url).status_code == 404
    sessions[0].refresh_from_db()
    assert sessions[0].checkin_code == ""


def test_checkin_code_shown_on_the_register(setup):
    trainer, _, sessions, _ = setup
    client = client_for(trainer.user)
    url = reverse("training:session_checkin_code", args=[sessions[0].course_id, sessions[0].pk])
    assert client.post(url).status_code == 302
    sessions[0].refresh_from_db()
    assert sessions[0].checkin_code in client.get(register_url(sessions[0])).content.decode()


def _now_session(trainer, *, starts_in=timedelta(minutes=-30), hours=2):
    course = make_course(trainer=trainer, sessions=1, starts_in=starts_in, hours=hours)
    session = sessions_of(course)[0]
    code = services.checkin_code_new(session=session, by=trainer.user)
    return course, session, code


def test_checkin_during_the_session_records_presence_once():
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    mark = services.checkin(user=anna, code=code.lower(), session=session)
    assert mark.present and mark.how == AttendanceHow.CHECKIN
    again = services.checkin(user=anna, code=code, session=session)  # idempotent
    assert again.pk == mark.pk
    assert Attendance.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.attendance.checkin").count() == 1


def test_checkin_opens_fifteen_minutes_before():
    trainer = make_trainer()
    course, _session, code = _now_session(trainer, starts_in=timedelta(minutes=10))
    (anna,) = enrol_people(course)
    assert services.checkin(user=anna, code=code).present


@pytest.mark.parametrize("offset", [timedelta(minutes=-16), timedelta(hours=2, seconds=1)])
def test_checkin_outside_the_session_refused(offset):
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    with pytest.raises(TrainingError) as refused:
        services.checkin(user=anna, code=code, session=session, now=session.starts_at + offset)
    assert refused.value.code == "closed"
    assert not Attendance.objects.exists()


def test_checkin_wrong_code_refused():
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    for attempt in (wrong, "", "x" * 500):
        with pytest.raises(TrainingError) as refused:
            services.checkin(user=anna, code=attempt, session=session)
        assert refused.value.code == "wrong_code"
        with pytest.raises(TrainingError):
            services.checkin(user=anna, code=attempt)
    assert not Attendance.objects.exists()


def test_checkin_only_for_confirmed_enrollees(member):
    trainer = make_trainer()
    _course, session, code = _now_session(trainer)
    with pytest.raises(TrainingError) as refused:
        services.checkin(user=member, code=code, session=session)
    assert refused.value.code == "not_enrolled"
    assert not Attendance.objects.exists()


def test_checkin_page_records_presence_and_refuses_bad_codes():
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    client = client_for(anna)
    assert client.get(checkin_url(session)).status_code == 200
    response = client.post(checkin_url(session), {"code": "x" * 500})
    assert response.status_code == 400
    response = client.post(
        checkin_url(session), {"code": "ZZZZZ2" if code != "ZZZZZ2" else "ZZZZZ3"}
    )
    assert response.status_code == 400
    assert as_shown("This is not the check-in code of this session: check it and try again.") in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()
    assert client.post(checkin_url(session), {"code": code}).status_code == 302
    assert Attendance.objects.get(user=anna).present


def test_generic_checkin_page_finds_the_session_by_code():
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    client = client_for(anna)
    url = reverse("training:checkin")
    assert client.get(url).status_code == 200
    assert client.post(url, {"code": f" {code[:3]}-{code[3:].lower()} "}).status_code == 302
    assert Attendance.objects.get(user=anna, session=session).present


def test_checkin_page_of_a_draft_course_404(member):
    trainer = make_trainer()
    course, session, _ = _now_session(trainer)
    course.status = "draft"
    course.save(update_fields=["status"])
    assert client_for(member).get(checkin_url(session)).status_code == 404


def test_checkin_after_absent_mark_makes_present():
    trainer = make_trainer()
    course, session, code = _now_session(trainer)
    (anna,) = enrol_people(course)
    services.register_mark(session=session, by=trainer.user, marks={anna.pk: False})
    services.checkin(user=anna, code=code, session=session)
    assert Attendance.objects.get(user=anna).present


# --- rates -----------------------------------------------------------------------------------


def test_attendance_rate_counts_hours():
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=0)
    start = timezone.now() - timedelta(days=3)
    long = CourseSession.objects.create(
        course=course, starts_at=start, ends_at=start + timedelta(hours=3), trainer=trainer
    )
    CourseSession.objects.create(
        course=course,
        starts_at=start + timedelta(days=1),
        ends_at=start + timedelta(days=1, hours=1),
    )
    (anna,) = enrol_people(course)
    assert services.attendance_rate(course, anna) == 0
    services.register_mark(session=long, by=trainer.user, marks={anna.pk: True})
    assert services.attendance_rate(course, anna) == 75


def test_attendance_rates_for_many_courses_in_two_queries(django_assert_num_queries):
    trainer = make_trainer()
    courses = [make_course(trainer=trainer, title=f"C{n}", sessions=2) for n in range(4)]
    anna = UserFactory()
    for course in courses:
        seat(course, anna)
    services.register_mark(
        session=sessions_of(courses[0])[0], by=trainer.user, marks={anna.pk: True}
    )
    with django_assert_num_queries(2):
        rates = attendance_rates_for(anna, courses)
    assert rates == {courses[0].pk: 50, courses[1].pk: 0, courses[2].pk: 0, courses[3].pk: 0}
