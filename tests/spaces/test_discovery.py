"""What the spaces offer the rest of the portal through coopportal.core.discovery: the personal
calendar feed, the dashboard panel and what waits, the board's figures, and the demo data
(idempotent, every state)."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from coopportal.core.figures import Chart, Figure, Period, Ranking
from spaces import board_figures, dashboard
from spaces import calendar as spaces_calendar
from spaces.models import Booking, BookingStatus, Space
from spaces.seed import seed
from spaces.services import bookings
from tests.factories import UserFactory

from .factories import book, make_resource

pytestmark = pytest.mark.django_db
Status = BookingStatus


def test_the_personal_feed_has_the_persons_confirmed_bookings(member):
    desk = make_resource()
    mine = book(desk, member, hour=9)
    cancelled = book(desk, member, hour=12)
    bookings.booking_cancel(booking=cancelled, by=member)
    book(desk, UserFactory(member=True), hour=14)
    entries = spaces_calendar.events_for(member, base_url="https://x", host="x")
    assert [e.uid for e in entries] == [f"spaces-booking-{mine.pk}@x"]
    assert entries[0].location.endswith(desk.space.city)


def test_the_feed_query_count_is_flat(member, django_assert_num_queries):
    desk = make_resource(max_active=20)
    for hour in range(8, 12):
        book(desk, member, hour=hour)
    with django_assert_num_queries(1):
        assert len(spaces_calendar.events_for(member)) == 4


def test_dashboard_panel_and_waiting(member):
    desk = make_resource()
    other = UserFactory(member=True)
    held = book(desk, member)
    book(desk, other)
    request = RequestFactory().get("/")
    request.user = member
    assert dashboard.panel(request)["upcoming"] == [held]
    bookings.booking_cancel(booking=held, by=member)
    (item,) = dashboard.waiting(other)
    assert item.count == 1 and item.entries
    assert dashboard.waiting(member)[0].count == 0


def test_board_figures_count_bookings_and_no_shows(member, staff):
    desk = make_resource(max_active=5)
    seats = [book(desk, member, hour=h) for h in (9, 11)]
    bookings.booking_mark(
        booking=seats[0], by=staff, to=Status.NO_SHOW, now=seats[0].starts_at + timedelta(1)
    )
    bookings.booking_mark(
        booking=seats[1], by=staff, to=Status.ATTENDED, now=seats[1].starts_at + timedelta(1)
    )
    today = timezone.localdate()
    period = Period(today - timedelta(days=30), today + timedelta(days=30))
    items = board_figures.figures(period)
    numbers = {i.key: i.value for i in items if isinstance(i, Figure)}
    assert numbers == {"spaces_bookings": 2, "spaces_no_show_rate": 50}
    (chart,) = [i for i in items if isinstance(i, Chart)]
    assert sum(sum(s.values) for s in chart.series) == 2
    (ranking,) = [i for i in items if isinstance(i, Ranking)]
    assert ranking.rows == [(desk.space.name, 2)]
    people = board_figures.active_people(period.since, period.until)
    assert list(people[0]) == [member.pk, member.pk]


def test_board_figures_with_no_bookings_still_draw():
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    (chart,) = [i for i in board_figures.figures(period) if isinstance(i, Chart)]
    assert chart.series and chart.series[0].values == [0, 0, 0]


def test_the_demo_data_has_every_state_and_is_idempotent():
    for email in ("socia@demo.coop", "coordinatore@demo.coop", "cda@demo.coop"):
        UserFactory(email=email, member=True)  # as coopportal.accounts.seed makes them
    seed()
    counts = Booking.objects.count()
    states = set(Booking.objects.values_list("status", flat=True))
    assert {
        Status.CONFIRMED,
        Status.CANCELLED,
        Status.WAITING,
        Status.OFFERED,
        Status.NO_SHOW,
        Status.ATTENDED,
    } <= states
    assert Space.objects.count() == 2
    seed()
    assert Booking.objects.count() == counts and Space.objects.count() == 2


def test_the_portal_feed_gathers_the_bookings(member):
    from coopportal.web.calendar import feed_entries

    seat = book(make_resource(), member)
    uids = [e.uid for e in feed_entries(member, base_url="https://x", host="x")]
    assert f"spaces-booking-{seat.pk}@x" in uids


def test_the_dashboard_shows_the_spaces_panel(member_client, member):
    book(make_resource(), member)
    response = member_client.get("/dashboard/")
    assert response.status_code == 200 and 'id="my-spaces-heading"' in response.text


def test_the_demo_data_follows_the_accounts_demo_people():
    from coopportal.accounts.seed import seed as accounts_seed

    accounts_seed()
    seed()
    socia = Booking.objects.filter(user__email="socia@demo.coop")
    assert socia.filter(status=Status.CONFIRMED).exists()
    assert socia.filter(status=Status.OFFERED).exists()
