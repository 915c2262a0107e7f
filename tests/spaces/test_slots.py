"""The rules of a bookable time, in the service (spaces.services.slots through booking_create):
not past, within the horizon, not too long, on the grid, inside the opening hours, and right
across the changes of the clocks (Europe/Rome, the last Sundays of March and October). A refused
time writes nothing."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coopportal.core.exceptions import DomainError
from spaces.models import Booking, Slot
from spaces.services import bookings, slots

from .factories import at, day_ahead, make_resource, make_space

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
MARCH_SUNDAY = date(2027, 3, 28)  # the clocks go forward at 02:00
OCTOBER_SUNDAY = date(2027, 10, 31)  # the clocks go back at 03:00


def refused(resource, user, starts_at, ends_at, code, now=None):
    with pytest.raises(DomainError) as caught:
        bookings.booking_create(
            resource=resource, starts_at=starts_at, ends_at=ends_at, by=user, now=now
        )
    assert caught.value.code == code, caught.value.message
    assert str(caught.value.message)
    assert not Booking.objects.exists() and not Slot.objects.exists()
    return caught.value


def test_a_time_in_the_past_is_refused(member):
    desk = make_resource()
    start = at(timezone.localdate() - timedelta(days=1), 10)
    refused(desk, member, start, start + timedelta(hours=1), "past")


def test_beyond_the_horizon_is_refused(member):
    desk = make_resource(horizon_days=7)
    start = at(day_ahead(8), 10)
    error = refused(desk, member, start, start + timedelta(hours=1), "horizon")
    assert "7" in error.message
    start = at(day_ahead(7), 10)
    booking = bookings.booking_create(
        resource=desk, starts_at=start, ends_at=start + timedelta(hours=1), by=member
    )
    assert booking.status == Booking.Status.CONFIRMED


def test_longer_than_allowed_is_refused(member):
    desk = make_resource(max_minutes=120)
    start = at(day_ahead(), 9)
    refused(desk, member, start, start + timedelta(hours=3), "too_long")


def test_off_the_grid_is_refused(member):
    desk = make_resource(slot_minutes=60)
    start = at(day_ahead(), 9, 30)
    refused(desk, member, start, start + timedelta(hours=1), "grid")
    start = at(day_ahead(), 9)
    refused(desk, member, start, start + timedelta(minutes=90), "grid")


def test_outside_the_opening_hours_is_refused(member):
    desk = make_resource(make_space(opens=time(9), closes=time(13), days=range(7)))
    start = at(day_ahead(), 12)
    refused(desk, member, start, start + timedelta(hours=2), "closed_hours")
    start = at(day_ahead(), 7)
    refused(desk, member, start, start + timedelta(hours=1), "closed_hours")


def test_a_closed_day_is_refused(member):
    day = day_ahead(3)
    open_days = [d for d in range(7) if d != day.weekday()]
    desk = make_resource(make_space(days=open_days))
    start = at(day, 10)
    refused(desk, member, start, start + timedelta(hours=1), "closed_hours")


def test_end_before_start_and_naive_times_are_refused(member):
    desk = make_resource()
    start = at(day_ahead(), 10)
    refused(desk, member, start, start - timedelta(hours=1), "length")
    naive = datetime.combine(day_ahead(), time(10))
    refused(desk, member, naive, naive + timedelta(hours=1), "invalid")


def _just_before(day):
    return datetime.combine(day - timedelta(days=2), time(12), tzinfo=slots.ROME)


@pytest.mark.parametrize("day", [MARCH_SUNDAY, OCTOBER_SUNDAY])
def test_a_slot_on_the_day_the_clocks_change_is_right(member, day):
    desk = make_resource(horizon_days=30)
    now = _just_before(day)
    start, end = slots.slot_times(desk, day=day, start=time(10), minutes=60)
    booking = bookings.booking_create(
        resource=desk, starts_at=start, ends_at=end, by=member, now=now
    )
    offset = 2 if day == MARCH_SUNDAY else 1  # summer time after March, winter after October
    assert booking.starts_at.astimezone(UTC).hour == 10 - offset
    assert booking.ends_at.astimezone(UTC) - booking.starts_at.astimezone(UTC) == timedelta(hours=1)
    saturday, _end = slots.slot_times(desk, day=day - timedelta(days=1), start=time(10), minutes=60)
    assert saturday.astimezone(UTC).hour == 10 - (1 if day == MARCH_SUNDAY else 2)


def test_the_grid_of_the_dst_days_has_the_right_hours(member):
    night = make_resource(make_space(opens=time(0), closes=time(6)), horizon_days=30)
    hours = list(night.space.hours.all())
    march = slots.grid(night, hours, MARCH_SUNDAY)
    october = slots.grid(night, hours, OCTOBER_SUNDAY)
    assert [timezone.localtime(c.starts_at).hour for c in march] == [0, 3, 4, 5]  # 02 skipped
    # 02:00–02:59 happen twice in October: the slots that start or end then are left out
    assert [timezone.localtime(c.starts_at).hour for c in october] == [0, 3, 4, 5]
    assert all(
        c.ends_at.astimezone(UTC) - c.starts_at.astimezone(UTC) == timedelta(hours=1)
        for c in march + october
    )


def test_a_time_the_clocks_skip_is_refused():
    desk = make_resource(make_space(opens=time(0), closes=time(6)))
    with pytest.raises(DomainError) as caught:
        slots.slot_times(desk, day=MARCH_SUNDAY, start=time(2, 30), minutes=60)
    assert caught.value.code == "dst"
    with pytest.raises(DomainError) as caught:
        slots.slot_times(desk, day=OCTOBER_SUNDAY, start=time(2, 0), minutes=60)
    assert caught.value.code == "dst"


def test_a_range_across_the_change_is_refused(member):
    desk = make_resource(make_space(opens=time(0), closes=time(6)), horizon_days=30)
    start = datetime(2027, 3, 28, 1, 0, tzinfo=slots.ROME)  # 01:00 CET
    end = datetime(2027, 3, 28, 3, 0, tzinfo=slots.ROME)  # 03:00 CEST: one real hour
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=1)
    refused(desk, member, start, end, "dst", now=_just_before(MARCH_SUNDAY))


def test_a_resource_not_bookable_is_refused(member):
    desk = make_resource(is_active=False)
    start = at(day_ahead(), 10)
    refused(desk, member, start, start + timedelta(hours=1), "closed")
