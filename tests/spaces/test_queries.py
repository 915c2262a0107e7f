"""The spaces' pages make as many queries with many spaces, resources and bookings as with few
(tests/helpers/queries.py): the list, a space's calendar (day and week), my bookings and the
staff's day."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .factories import book, day_ahead, make_resource, make_space

pytestmark = pytest.mark.django_db


def test_space_list_is_flat(client, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            make_resource(make_space())

    def fetch():
        assert client.get(reverse("spaces:space_list")).status_code == 200

    assert_flat_queries.check(fetch, grow)


@pytest.mark.parametrize("view", ["", "view=week&"])
def test_space_calendar_is_flat(member_client, member, assert_flat_queries, view):
    space = make_space()
    resources = [make_resource(space, capacity=3, kind="room", max_active=50)]
    url = space.get_absolute_url() + f"?{view}day={day_ahead().isoformat()}"
    hours = iter(range(8, 20))

    def grow(n):
        resources.append(make_resource(space, max_active=50))
        for _ in range(min(n, 4)):
            hour = next(hours, None)
            if hour is None:
                return
            book(resources[0], UserFactory(member=True), hour=hour)
            book(resources[-1], member, hour=hour)

    def fetch():
        assert member_client.get(url).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=4)


def test_my_bookings_is_flat(member_client, member, assert_flat_queries):
    hours = iter(range(8, 20))

    def grow(n):
        for _ in range(min(n, 5)):
            hour = next(hours)
            desk = make_resource()
            book(desk, member, hour=hour)
            book(desk, UserFactory(member=True), hour=hour)
            taken = make_resource()
            book(taken, UserFactory(member=True), hour=hour)
            book(taken, member, hour=hour)  # waiting: a position to show

    def fetch():
        assert member_client.get(reverse("spaces:my_bookings")).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=5)


def test_staff_day_is_flat(staff_client, assert_flat_queries):
    day = day_ahead()
    url = reverse("spaces:staff_day") + f"?day={day.isoformat()}"
    hours = iter(range(8, 20))

    def grow(n):
        for _ in range(min(n, 5)):
            hour = next(hours)
            book(make_resource(), UserFactory(member=True), hour=hour)

    def fetch():
        assert staff_client.get(url).status_code == 200

    assert_flat_queries.check(fetch, grow, few=2, many=5)
