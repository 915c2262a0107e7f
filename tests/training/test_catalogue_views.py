"""The catalogue's pages: the list with its filters, search and facets, a course's page as each
person sees it, guessed addresses, and flat query counts."""

import pytest
from django.urls import reverse

from tests.factories import staff_user
from tests.training.factories import CourseFactory
from training.models import CourseStatus

pytestmark = pytest.mark.django_db
LIST = reverse("training:course_list")


def titles(response):
    return [row["course"].title for row in response.context["rows"]]


def test_the_list_shows_published_courses_and_staff_also_drafts(client):
    CourseFactory(title="Pubblicato")
    CourseFactory(title="Bozza", status=CourseStatus.DRAFT)
    assert titles(client.get(LIST)) == ["Pubblicato"]
    client.force_login(staff_user())
    assert sorted(titles(client.get(LIST))) == ["Bozza", "Pubblicato"]


def test_index_is_the_list(client):
    assert reverse("training:index") == LIST
    assert client.get(reverse("training:index")).status_code == 200
