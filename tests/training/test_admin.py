"""Staff run courses and enrolments in the admin: sessions entered in Europe/Rome keep the course's
dates, hours and search vector; the seats change through the capacity engine (never below those
taken; more seats are offered to the waiting list); staff enrol and remove people with a reason,
record payments, cancel a course with a reason that everyone holding a seat reads; other roles are
kept out and nobody deletes an enrolment."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from coopportal.core.models import AuditEvent
from coopportal.core.search import CONFIG
from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers.html import form_values
from tests.training.factories_admin import TrainingAreaFactory, fill, make_course, paid_course
from training.models import Course, CourseStatus, Enrolment, EnrolmentStatus, Payment
from training.services import enrolment as enrolment_services

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
COURSES = reverse("admin:training_course_changelist")
ENROLMENTS = reverse("admin:training_enrolment_changelist")
ENROL = reverse("admin:training_enrolment_enrol")
Status = EnrolmentStatus


def _change_url(course):
    return reverse("admin:training_course_change", args=[course.pk])


def _in_language(response, text):
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(text)


def _words(text):
    return SearchQuery(text, config=CONFIG)


def _form(response) -> dict:
    """What the browser posts for the page's form (an empty multiple choice posts nothing)."""
    data = form_values(response.content.decode())
    return {k: v for k, v in data.items() if not (k in ("skills", "trainers") and v == "")}


def _errors(response):
    context = response.context
    return [context["adminform"].form.errors] + [
        (formset.formset.errors, formset.formset.non_form_errors())
        for formset in context["inline_admin_formsets"]
    ]


def _status(*seats):
    return [Enrolment.objects.get(pk=seat.pk).status for seat in seats]


def test_staff_create_a_course_with_sessions_in_rome_time_and_its_dates_follow(staff_client, staff):
    area = TrainingAreaFactory(name="Crescere con il digitale", slug="digitale")
    data = _form(staff_client.get(reverse("admin:training_course_add")))
    data.update(
        {
            "title": "Cooperative e intelligenza artificiale",
            "slug": "cooperative-ia",
            "area": area.pk,
            "summary": "Strumenti digitali per le cooperative",
            "capacity": "20",
            "sessions-TOTAL_FORMS": "2",
            "sessions-0-starts_at_0": "2027-03-10",
            "sessions-0-starts_at_1": "09:00",
            "sessions-0-ends_at_0": "2027-03-10",
            "sessions-0-ends_at_1": "11:00",
            "sessions-1-starts_at_0": "2027-03-11",
            "sessions-1-starts_at_1": "14:00",
            "sessions-1-ends_at_0": "2027-03-11",
            "sessions-1-ends_at_1": "17:30",
        }
    )
    response = staff_client.post(reverse("admin:training_course_add"), data)
    assert response.status_code == 302, _errors(response)
    course = Course.objects.get(slug="cooperative-ia")
    assert course.status == CourseStatus.DRAFT and course.created_by == staff
    assert course.first_starts_at == datetime(2027, 3, 10, 9, 0, tzinfo=ROME)
    assert course.last_ends_at == datetime(2027, 3, 11, 17, 30, tzinfo=ROME)
    assert course.hours == Decimal("5.50")
    assert Course.objects.filter(pk=course.pk, search_vector=_words("intelligenza")).exists()

    # the change page shows them in Rome time; moving a session moves the course's dates
    url = _change_url(course)
    data = _form(staff_client.get(url))
    assert data["sessions-0-starts_at_1"].startswith("09:00")
    data["sessions-1-DELETE"] = "on"
    data["title"] = "Cooperative e dati"
    assert staff_client.post(url, data).status_code == 302
    course.refresh_from_db()
    assert course.last_ends_at == datetime(2027, 3, 10, 11, 0, tzinfo=ROME)
    assert course.hours == Decimal("2.00")
    assert Course.objects.filter(pk=course.pk, search_vector=_words("dati")).exists()


def test_a_session_that_ends_before_it_starts_is_refused(staff_client):
    course = make_course()
    url = _change_url(course)
    data = _form(staff_client.get(url))
    data["sessions-0-ends_at_0"] = data["sessions-0-starts_at_0"]
    data["sessions-0-ends_at_1"] = "00:00"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert _in_language(response, "A session ends after it starts.") in response.content.decode()


def test_fewer_seats_than_taken_is_refused_with_a_message_and_nothing_changes(staff_client):
    course = make_course(capacity=3)
    fill(course, 2)
    url = _change_url(course)
    data = _form(staff_client.get(url))
    response = staff_client.post(url, {**data, "capacity": "1", "title": "Altro titolo"})
    assert response.status_code == 200
    message = _in_language(response, "At least %(taken)d: the seats already taken or offered.")
    assert message % {"taken": 2} in response.content.decode()
    course.refresh_from_db()
    assert (course.capacity, course.going_count, course.title) == (3, 2, "Progettare insieme")


def test_more_seats_are_offered_to_the_people_waiting(staff_client):
    course = make_course(capacity=1)
    first, second, third = fill(course, 3)
    assert _status(first, second, third) == [Status.CONFIRMED, Status.WAITING, Status.WAITING]
    url = _change_url(course)
    data = _form(staff_client.get(url))
    assert staff_client.post(url, {**data, "capacity": "3"}).status_code == 302
    course.refresh_from_db()
    assert (course.capacity, course.going_count) == (3, 3)
    assert _status(second, third) == [Status.OFFERED, Status.OFFERED]
    offered = Notification.objects.filter(kind="training.seat_offered")
    assert set(offered.values_list("recipient_id", flat=True)) == {second.user_id, third.user_id}
    assert AuditEvent.objects.filter(action="training.enrolment.limit").exists()


def test_staff_enrol_a_person_with_a_reason(staff_client):
    course = make_course(capacity=1)
    person = UserFactory()
    page = staff_client.get(f"{ENROL}?course={course.pk}")
    assert page.status_code == 200
    # without a reason: refused, nothing written
    response = staff_client.post(ENROL, {"course": course.pk, "person": person.email})
    assert response.status_code == 200 and not Enrolment.objects.exists()
    # an unknown address: refused
    response = staff_client.post(
        ENROL, {"course": course.pk, "person": "nessuno@example.org", "reason": "Richiesta"}
    )
    assert response.status_code == 200 and not Enrolment.objects.exists()
    response = staff_client.post(
        ENROL, {"course": course.pk, "person": person.email, "reason": "Iscritta per telefono"}
    )
    assert response.status_code == 302
    seat = Enrolment.objects.get(course=course, user=person)
    assert seat.status == Status.CONFIRMED
    event = AuditEvent.objects.get(action="training.enrolment.override")
    assert event.data["reason"] == "Iscritta per telefono"
    # a full course puts the next one on its waiting list
    other = UserFactory()
    staff_client.post(ENROL, {"course": course.pk, "person": other.email, "reason": "Telefono"})
    assert Enrolment.objects.get(user=other).status == Status.WAITING


def test_staff_cannot_enrol_a_non_member_in_a_members_only_course(staff_client):
    course = make_course(audience="members")
    person = UserFactory()
    response = staff_client.post(
        ENROL, {"course": course.pk, "person": person.email, "reason": "Richiesta"}
    )
    assert response.status_code == 200
    assert "members of the cooperative only" in response.content.decode() or (
        "soci" in response.content.decode()
    )
    assert not Enrolment.objects.exists()


def test_staff_remove_a_person_with_a_reason_and_the_next_is_offered_the_seat(staff_client):
    course = make_course(capacity=1)
    first, second = fill(course, 2)
    data = {"action": "remove", ACTION_CHECKBOX_NAME: [first.pk], "apply": "1"}
    assert staff_client.post(ENROLMENTS, {**data, "reason": ""}).status_code == 200
    assert _status(first, second) == [Status.CONFIRMED, Status.WAITING]
    staff_client.post(ENROLMENTS, {**data, "reason": "Ha chiesto di lasciare il posto"})
    assert _status(first, second) == [Status.CANCELLED, Status.OFFERED]
    told = Notification.objects.get(kind="training.enrolment_changed")
    assert told.recipient_id == first.user_id
    assert told.context["reason"] == "Ha chiesto di lasciare il posto"
    assert Notification.objects.filter(
        kind="training.seat_offered", recipient_id=second.user_id
    ).exists()


def test_staff_record_payments_with_actions(staff_client):
    course = paid_course()
    member = UserFactory(member=True)
    seat = enrolment_services.enrol(course=course, by=member)
    assert (seat.price, seat.payment) == (Decimal("50.00"), Payment.TO_PAY)
    for action, payment in (
        ("payment_paid", Payment.PAID),
        ("payment_waived", Payment.WAIVED),
        ("payment_to_pay", Payment.TO_PAY),
    ):
        staff_client.post(ENROLMENTS, {"action": action, ACTION_CHECKBOX_NAME: [seat.pk]})
        seat.refresh_from_db()
        assert seat.payment == payment
    assert AuditEvent.objects.filter(action="training.enrolment.payment").count() == 3


def test_the_status_of_an_enrolment_is_never_edited_by_hand(staff_client):
    course = make_course()
    (seat,) = fill(course)
    url = reverse("admin:training_enrolment_change", args=[seat.pk])
    data = _form(staff_client.get(url))
    assert "status" not in data and "payment" not in data
    response = staff_client.post(
        url, {**data, "status": "cancelled", "payment": "paid", "note": "Telefonato"}
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.status, seat.payment, seat.note) == (Status.CONFIRMED, Payment.NONE, "Telefonato")


def test_cancelling_a_course_needs_a_reason_and_tells_everyone_holding_a_seat(staff_client):
    course = make_course(capacity=2)
    first, second, third, fourth = fill(course, 4)
    enrolment_services.cancel(course=course, by=second.user)  # its seat is offered to the third
    assert _status(first, second, third, fourth) == [
        Status.CONFIRMED,
        Status.CANCELLED,
        Status.OFFERED,
        Status.WAITING,
    ]
    data = {"action": "cancel", ACTION_CHECKBOX_NAME: [course.pk], "apply": "1"}
    assert staff_client.post(COURSES, {**data, "reason": ""}).status_code == 200
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    staff_client.post(COURSES, {**data, "reason": "Il docente non è disponibile"})
    course.refresh_from_db()
    assert (course.status, course.going_count) == (CourseStatus.CANCELLED, 0)
    assert course.cancel_reason == "Il docente non è disponibile"
    assert set(Enrolment.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    told = Notification.objects.filter(kind="training.course_cancelled")
    assert set(told.values_list("recipient_id", flat=True)) == {
        first.user_id,
        third.user_id,
        fourth.user_id,
    }
    assert all(n.context["reason"] == "Il docente non è disponibile" for n in told)


def test_staff_publish_a_draft_course(staff_client):
    course = make_course(status=CourseStatus.DRAFT)
    data = {"action": "publish", ACTION_CHECKBOX_NAME: [course.pk], "apply": "1", "reason": ""}
    staff_client.post(COURSES, data)
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="training.course.published").exists()


@pytest.mark.parametrize("client_name", ["client", "participant_client", "member_client"])
def test_other_roles_get_the_admin_login(request, client_name):
    client = request.getfixturevalue(client_name)
    course = make_course()
    for url in (COURSES, ENROLMENTS, ENROL, _change_url(course)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_staff_cannot_delete_enrolments_nor_a_published_course(staff_client):
    course = make_course()
    (seat,) = fill(course)
    url = reverse("admin:training_enrolment_delete", args=[seat.pk])
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    page = staff_client.get(ENROLMENTS).content.decode()
    assert "delete_selected" not in page
    assert staff_client.get(reverse("admin:training_course_delete", args=[course.pk])).status_code
    assert Enrolment.objects.filter(pk=seat.pk).exists() and Course.objects.filter(pk=course.pk)
    draft = make_course("Bozza", status=CourseStatus.DRAFT)
    response = staff_client.post(
        reverse("admin:training_course_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 302 and not Course.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("model", ["trainingarea", "skill", "trainer", "course", "enrolment"])
def test_staff_reach_every_list_of_the_catalogue(staff_client, model):
    make_course()
    assert staff_client.get(reverse(f"admin:training_{model}_changelist")).status_code == 200
    if model not in ("enrolment",):
        assert staff_client.get(reverse(f"admin:training_{model}_add")).status_code == 200


def test_the_lists_of_courses_and_enrolments_make_flat_queries(staff_client, assert_flat_queries):
    area = TrainingAreaFactory()

    def grow(n):
        for index in range(n):
            course = make_course(f"Corso {index}", capacity=1, area=area)
            fill(course, 2)

    def fetch():
        assert staff_client.get(COURSES).status_code == 200
        assert staff_client.get(ENROLMENTS).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=6)


def test_the_lists_show_seats_waiting_and_the_place_in_line(staff_client):
    course = make_course(capacity=1)
    fill(course, 3)
    page = staff_client.get(COURSES).content.decode()
    assert "1 / 1" in page
    response = staff_client.get(f"{ENROLMENTS}?course__id__exact={course.pk}&status__exact=waiting")
    places = [row._position for row in response.context["cl"].result_list]
    assert sorted(places) == [1, 2]
