"""The toolbox's pages make as many queries with many resources, tags, bookmarks and links as
with few."""

import pytest
from django.urls import reverse

from community.toolbox import services
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory

from .factories import resource_make

pytestmark = pytest.mark.django_db

LIST = reverse("community:toolbox_list")


def _grow(member=None, **fields):
    def grow(n):
        for i in range(n):
            resource = resource_make(
                title=f"Guida digitale {i}", tags=[f"tag {i}", "comune"], area="digital", **fields
            )
            if member is not None:
                services.bookmark_set(resource=resource, by=member, on=True)

    return grow


@pytest.mark.parametrize(
    "params", [{}, {"q": "guida"}, {"area": "digital", "kind": "guide", "tag": "comune"}]
)
def test_the_list_is_flat_for_visitors(client, assert_flat_queries, params):
    def fetch():
        assert client.get(LIST, params).status_code == 200

    assert_flat_queries.check(fetch, _grow())


@pytest.mark.parametrize("params", [{}, {"q": "digitale", "language": "it"}])
def test_the_list_is_flat_for_members(member_client, member, assert_flat_queries, params):
    def fetch():
        assert member_client.get(LIST, params).status_code == 200

    assert_flat_queries.check(fetch, _grow(member))


def test_the_detail_is_flat(member_client, member, assert_flat_queries):
    resource = resource_make(title="Guida con molti legami")

    def grow(n):
        for i in range(n):
            resource.courses.add(CourseFactory(sessions=0))
            resource.groups.add(WorkingGroupFactory())
            resource_make(title=f"Altra {i}")
            tag = resource_make(tags=[f"t{i}"]).tags.get()
            resource.tags.add(tag)

    def fetch():
        assert member_client.get(resource.get_absolute_url()).status_code == 200

    assert_flat_queries.check(fetch, grow)


def test_the_bookmarks_are_flat(member_client, member, assert_flat_queries):
    def fetch():
        assert member_client.get(reverse("community:toolbox_bookmarks")).status_code == 200

    assert_flat_queries.check(fetch, _grow(member))


def test_my_suggestions_are_flat(member_client, member, assert_flat_queries):
    def fetch():
        assert member_client.get(reverse("community:toolbox_suggestions")).status_code == 200

    assert_flat_queries.check(fetch, _grow(status="suggested", suggested_by=member))
