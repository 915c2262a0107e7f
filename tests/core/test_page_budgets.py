"""Flat query counts within budget (≤ 15 queries for a list, ≤ 25 for a detail page) for the
pages that had no query-count test of their own: the same count with one row as with many.
The other pages have theirs next to their feature's tests."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from community.practices.models import Practice
from tests.community.practices.factories import PracticeFactory
from tests.community.toolbox.factories import resource_make
from tests.factories import UserFactory
from tests.training.factories_attendance import enrol_people, make_course, make_trainer, sessions_of
from tests.training.factories_requests import ConsultationFactory
from training.models import Certificate
from training.services import attendance

pytestmark = pytest.mark.django_db

LIST, DETAIL = 15, 25


def _ok(client, url):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return fetch


def test_my_practices_list_is_flat(member_client, member, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            PracticeFactory(proposer=member)
            PracticeFactory(proposer=member, returned=True)

    url = reverse("community:practice_mine")
    assert assert_flat_queries.check(_ok(member_client, url), grow) <= LIST


def test_practices_to_review_list_is_flat(client, assert_flat_queries):
    from django.contrib.auth.models import Permission

    from tests.factories import staff_user

    reviewer = staff_user()
    reviewer.user_permissions.add(Permission.objects.get(codename="change_practice"))
    client.force_login(reviewer)

    def grow(n):
        for _ in range(n):
            PracticeFactory(submitted=True)

    url = reverse("community:practice_review")
    assert assert_flat_queries.check(_ok(client, url), grow) <= LIST


def test_community_hub_is_flat(member_client, assert_flat_queries):
    def grow(n):
        for index in range(n):
            PracticeFactory(published=True)
            resource_make(title=f"Risorsa {index}")

    url = reverse("community:index")
    assert assert_flat_queries.check(_ok(member_client, url), grow) <= LIST


def test_consultation_page_is_flat(member_client, member, assert_flat_queries):
    consultation = ConsultationFactory(member=member, assigned=True)

    def grow(n):
        for _ in range(n):
            ConsultationFactory(member=member)
            ConsultationFactory()

    url = reverse("training:consultation_detail", args=[consultation.pk])
    assert assert_flat_queries.check(_ok(member_client, url), grow) <= DETAIL


def test_certificate_verification_page_is_flat(assert_flat_queries):
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=2, starts_in=timedelta(days=-10))
    people = enrol_people(course, 2)

    def grow(n):  # more people certified for the same course
        others = enrol_people(course, n)
        for session in sessions_of(course):
            attendance.register_mark(
                session=session, by=trainer.user, marks={p.pk: True for p in others}
            )

    for session in sessions_of(course):
        attendance.register_mark(
            session=session, by=trainer.user, marks={p.pk: True for p in people}
        )
    certificate = Certificate.objects.filter(course=course).first()
    assert certificate is not None
    url = reverse("training:certificate_verify", args=[certificate.code])
    assert assert_flat_queries.check(_ok(Client(), url), grow) <= DETAIL


def test_calendar_settings_page_is_flat(member_client, member, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            UserFactory(member=True)
            PracticeFactory(proposer=member, status=Practice.Status.DRAFT)

    url = reverse("core:calendar_settings")
    assert assert_flat_queries.check(_ok(member_client, url), grow) <= DETAIL
