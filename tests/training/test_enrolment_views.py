"""The enrolment pages: enrolling, joining the waiting list, cancelling with a confirmation,
confirming an offered seat, leaving the list, and "my training"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import UserFactory
from tests.training.factories import CourseFactory
from training.models import Audience, Course, Enrolment, EnrolmentStatus
from training.services import enrolment as services

pytestmark = pytest.mark.django_db
Status = EnrolmentStatus
MY = reverse("training:my_training")


def url(name, course):
    return reverse(f"training:{name}", args=[course.pk])


def levels(response):
    return [m.level_tag for m in response.context["messages"]]


def texts(response):
    return [str(m) for m in response.context["messages"]]


def in_language(user, msgid, **params):
    with translation.override(user.language):
        return gettext(msgid) % params if params else gettext(msgid)


def test_a_member_enrols_and_the_page_says_so(client):
    course = CourseFactory(capacity=2)
    member = UserFactory(member=True)
    client.force_login(member)
    response = client.post(url("course_enrol", course), follow=True)
    assert levels(response) == ["success"]
    assert Enrolment.objects.get(course=course, user=member).status == Status.CONFIRMED
    assert response.context["view"].seat.is_confirmed
    assert b'id="enrol-button"' not in response.content
    assert Course.objects.get(pk=course.pk).going_count == 1
    assert member.notifications.filter(kind="training.enrolled").count() == 1


def test_a_full_course_puts_you_on_the_waiting_list_with_your_position(client):
    course = CourseFactory(capacity=1)
    services.enrol(course=course, by=UserFactory())
    services.enrol(course=course, by=UserFactory())
    member = UserFactory(member=True)
    client.force_login(member)
    page = client.get(course.get_absolute_url()).content.decode()
    assert in_language(member, "Join the waiting list") in page
    response = client.post(url("course_enrol", course), follow=True)
    assert Enrolment.objects.get(course=course, user=member).status == Status.WAITING
    assert response.context["view"].seat.position == 2
    expected = in_language(member, "You are number %(position)s on the waiting list", position=2)
    assert expected in response.content.decode()


def test_enrolling_is_post_only_and_visitors_go_to_log_in(client):
    course = CourseFactory()
    assert client.get(url("course_enrol", course)).status_code == 405
    response = client.post(url("course_enrol", course))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Enrolment.objects.exists()
    page = client.get(course.get_absolute_url()).content.decode()
    assert 'id="login-to-enrol"' in page
    member = UserFactory(member=True)
    client.force_login(member)
    for name in ("course_cancel", "course_offer_confirm", "course_waiting_leave"):
        assert client.get(url(name, course)).status_code == 405
    assert client.get(MY).status_code == 200
    client.logout()
    assert client.get(MY).status_code == 302


def test_csrf_is_required(member_client_csrf):
    client, _member = member_client_csrf
    course = CourseFactory()
    assert client.post(url("course_enrol", course)).status_code == 403
    assert not Enrolment.objects.exists()


@pytest.fixture
def member_client_csrf():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    member = UserFactory(member=True)
    client.force_login(member)
    return client, member


def test_a_non_member_on_a_members_only_course_gets_the_refusal_and_nothing_is_written(client):
    course = CourseFactory(audience=Audience.MEMBERS)
    person = UserFactory()
    client.force_login(person)
    assert b'id="members-only"' in client.get(course.get_absolute_url()).content
    response = client.post(url("course_enrol", course), follow=True)
    assert levels(response) == ["error"]
    refusal = in_language(
        person,
        "This course is for members of the cooperative only. Ask to become a member from your "
        "membership page.",
    )
    assert texts(response) == [refusal]
    assert not Enrolment.objects.exists()


def test_cancelling_asks_first_then_frees_the_seat_for_the_next(client):
    course = CourseFactory(capacity=1)
    holder, next_one = UserFactory(member=True), UserFactory(member=True)
    services.enrol(course=course, by=holder)
    services.enrol(course=course, by=next_one)
    client.force_login(holder)
    response = client.post(url("course_cancel", course))
    assert response.status_code == 200
    assert "core/confirm.html" in [t.name for t in response.templates]
    assert Enrolment.objects.get(user=holder).status == Status.CONFIRMED  # only asked
    response = client.post(url("course_cancel", course), {"confirm": "yes"}, follow=True)
    assert levels(response) == ["success"]
    assert Enrolment.objects.get(user=holder).status == Status.CANCELLED
    assert Enrolment.objects.get(user=next_one).status == Status.OFFERED


def test_after_the_cut_off_cancelling_is_refused_with_a_message_and_the_list_can_be_left(client):
    course = CourseFactory(capacity=1, starts_in=timedelta(hours=12), cancel_hours_before=48)
    holder, waiting = UserFactory(member=True), UserFactory(member=True)
    services.enrol(course=course, by=holder)
    services.enrol(course=course, by=waiting)
    client.force_login(holder)
    page = client.get(course.get_absolute_url())
    assert not page.context["view"].can_cancel_now
    response = client.post(url("course_cancel", course), {"confirm": "yes"}, follow=True)
    assert levels(response) == ["error"]
    assert Enrolment.objects.get(user=holder).status == Status.CONFIRMED
    client.force_login(waiting)
    response = client.post(url("course_waiting_leave", course), {"confirm": "yes"}, follow=True)
    assert levels(response) == ["success"]
    assert Enrolment.objects.get(user=waiting).status == Status.CANCELLED


def test_an_offered_seat_is_confirmed_from_the_page(client):
    course = CourseFactory(capacity=1)
    holder, next_one = UserFactory(member=True), UserFactory(member=True)
    services.enrol(course=course, by=holder)
    services.enrol(course=course, by=next_one)
    services.cancel(course=course, by=holder)
    client.force_login(next_one)
    page = client.get(course.get_absolute_url())
    assert page.context["view"].seat.is_offered and b'id="offer"' in page.content
    response = client.post(url("course_offer_confirm", course), follow=True)
    assert levels(response) == ["success"]
    assert Enrolment.objects.get(user=next_one).status == Status.CONFIRMED


def test_my_training_lists_the_enrolments_by_state(client):
    me = UserFactory(member=True)
    confirmed = CourseFactory(title="Confermato")
    services.enrol(course=confirmed, by=me)
    full = CourseFactory(title="Lista d'attesa", capacity=1)
    services.enrol(course=full, by=UserFactory())
    services.enrol(course=full, by=UserFactory())
    services.enrol(course=full, by=me)
    offered = CourseFactory(title="Offerto", capacity=1)
    first = UserFactory()
    services.enrol(course=offered, by=first)
    services.enrol(course=offered, by=me)
    services.cancel(course=offered, by=first)
    past = CourseFactory(title="Passato")
    services.enrol(course=past, by=me)
    Course.objects.filter(pk=past.pk).update(
        first_starts_at=timezone.now() - timedelta(days=9),
        last_ends_at=timezone.now() - timedelta(days=8),
    )
    client.force_login(me)
    response = client.get(MY)
    mine = response.context["mine"]
    assert [e.course.title for e in mine.confirmed] == ["Confermato"]
    assert [(e.course.title, position) for e, position in mine.waiting] == [("Lista d'attesa", 2)]
    assert services.position(Enrolment.objects.get(course=full, user=me)) == 2
    assert [e.course.title for e in mine.offered] == ["Offerto"]
    assert [e.course.title for e in mine.past] == ["Passato"]
    html = response.content.decode()
    assert url("course_offer_confirm", offered) in html
    assert in_language(me, "You are number %(position)s on the waiting list", position=2) in html


def test_my_training_says_when_there_is_nothing(client):
    me = UserFactory()
    client.force_login(me)
    response = client.get(MY)
    assert response.context["mine"].is_empty
    assert in_language(me, "You are not enrolled in any course yet") in response.content.decode()


def test_my_training_makes_as_many_queries_with_many_enrolments(client, assert_flat_queries):
    me = UserFactory(member=True)
    client.force_login(me)

    def grow(n):
        for index in range(n):
            course = CourseFactory(capacity=1, sessions=1)
            if index % 2:
                services.enrol(course=course, by=UserFactory())
            services.enrol(course=course, by=me)

    assert_flat_queries.check(lambda: client.get(MY), grow, few=2, many=12)
