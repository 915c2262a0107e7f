"""Simultaneous bookings on real parallel PostgreSQL connections, and the database's own guard:
twenty people asking for the last desk of a slot at once give one confirmed booking and a
waiting list in order of arrival; two overlapping bookings of a desk cannot exist even when
written straight into the table (the exclusion constraint), nor a slot counter above its limit."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from spaces.models import Booking, BookingStatus, Resource, Slot
from spaces.services import bookings
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once

from .factories import at, book, day_ahead, make_resource

User = get_user_model()
Status = BookingStatus


def booking_job(resource_id, user_id, starts_at, ends_at):
    return lambda: bookings.booking_create(
        resource=Resource.objects.get(pk=resource_id),
        starts_at=starts_at,
        ends_at=ends_at,
        by=User.objects.get(pk=user_id),
    )


@pytest.mark.django_db(transaction=True)
def test_twenty_people_book_the_last_desk_at_once():
    desk = make_resource()
    people = [UserFactory(member=True).pk for _ in range(20)]
    start = at(day_ahead(), 10)
    end = start + timedelta(hours=1)

    outcomes = run_at_once([booking_job(desk.pk, pk, start, end) for pk in people])

    assert outcomes == ["ok"] * 20
    slot = Slot.objects.get()
    assert slot.going_count == 1
    assert Booking.objects.filter(status=Status.CONFIRMED).count() == 1
    waiting = Booking.objects.filter(status=Status.WAITING).order_by("waiting_since", "pk")
    assert waiting.count() == 19
    positions = [bookings.position(b) for b in waiting]
    assert positions == list(range(1, 20))


@pytest.mark.django_db(transaction=True)
def test_overlapping_ranges_at_once_give_the_desk_to_one():
    desk = make_resource()
    people = [UserFactory(member=True).pk for _ in range(10)]
    day = day_ahead()
    jobs = [
        booking_job(desk.pk, pk, at(day, 9 + n % 3), at(day, 11 + n % 3))
        for n, pk in enumerate(people)
    ]

    outcomes = run_at_once(jobs)

    assert set(outcomes) <= {"ok", "overlap"}
    held = list(Booking.objects.filter(status=Status.CONFIRMED))
    for a in held:
        for b in held:
            assert a.pk == b.pk or a.ends_at <= b.starts_at or b.ends_at <= a.starts_at


@pytest.mark.django_db
def test_an_overlapping_booking_written_directly_is_refused_by_the_database(member):
    desk = make_resource()
    held = book(desk, member, hour=9, hours=2)
    other = UserFactory(member=True)
    start, end = held.starts_at + timedelta(hours=1), held.ends_at + timedelta(hours=1)
    slot = Slot.objects.create(resource=desk, starts_at=start, ends_at=end, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            slot=slot,
            resource=desk,
            user=other,
            status=Status.CONFIRMED,
            starts_at=start,
            ends_at=end,
            exclusive=True,
        )
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_adjacent_and_waiting_bookings_are_not_overlaps(member):
    desk = make_resource()
    held = book(desk, member, hour=9, hours=1)
    slot = Slot.objects.create(
        resource=desk, starts_at=held.ends_at, ends_at=held.ends_at + timedelta(hours=1), capacity=1
    )
    Booking.objects.create(  # 10–11 right after 9–10: allowed
        slot=slot,
        resource=desk,
        user=UserFactory(),
        status=Status.CONFIRMED,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        exclusive=True,
    )
    Booking.objects.create(  # waiting for 9–10: holds nothing
        slot=held.slot,
        resource=desk,
        user=UserFactory(),
        status=Status.WAITING,
        waiting_since=held.created_at,
        starts_at=held.starts_at,
        ends_at=held.ends_at,
        exclusive=True,
    )
    assert Booking.objects.count() == 3


@pytest.mark.django_db
def test_a_slot_counter_above_its_limit_is_refused_by_the_database(member):
    held = book(make_resource(), member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=held.slot_id).update(going_count=2)
