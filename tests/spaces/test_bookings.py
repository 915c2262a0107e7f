"""Booking through the service (spaces.services.bookings on the capacity engine): confirmed at
once while places remain, the waiting list of a full slot, offers confirmed or lapsing, the
cut-off, the rules of the resource, the no-show limit and the reminders sent once."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from spaces.models import Booking, BookingStatus, Slot
from spaces.services import bookings
from tests.factories import UserFactory

from .factories import at, book, day_ahead, make_resource

pytestmark = pytest.mark.django_db
Status = BookingStatus


def notes(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind).count()


def test_booking_is_confirmed_while_places_remain_then_waits(member):
    room = make_resource(capacity=2, kind="room")
    people = [UserFactory(member=True) for _ in range(3)]
    seats = [book(room, person) for person in people]
    assert [s.status for s in seats] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]
    slot = Slot.objects.get()
    assert slot.going_count == 2 and slot.capacity == 2
    assert bookings.position(seats[2]) == 1


def test_booking_the_same_slot_twice_changes_nothing(member):
    desk = make_resource()
    first = book(desk, member)
    again = book(desk, member)
    assert first.pk == again.pk and Booking.objects.count() == 1


def test_cancel_offers_the_place_and_the_offer_is_confirmed(member):
    desk = make_resource()
    other = UserFactory(member=True)
    held = book(desk, member)
    waiting = book(desk, other)
    assert waiting.status == Status.WAITING
    bookings.booking_cancel(booking=held, by=member)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED and waiting.offer_expires_at is not None
    assert notes(other, "spaces.place_offered") == 1
    confirmed = bookings.booking_confirm(booking=waiting, by=other)
    assert confirmed.status == Status.CONFIRMED
    assert Slot.objects.get().going_count == 1


def test_an_offer_nobody_confirms_passes_on(member):
    desk = make_resource()
    second, third = UserFactory(member=True), UserFactory(member=True)
    held = book(desk, member)
    offered = book(desk, second)
    later = book(desk, third)
    bookings.booking_cancel(booking=held, by=member)
    offered.refresh_from_db()
    slot = Slot.objects.get()
    assert list(bookings.slots_with_lapsed_offers()) == []
    after = offered.offer_expires_at + timedelta(seconds=1)
    assert list(bookings.slots_with_lapsed_offers(after)) == [slot]
    assert bookings.expire_offers(slot_id=slot.pk, now=after) == 1
    offered.refresh_from_db()
    later.refresh_from_db()
    assert offered.status == Status.EXPIRED and later.status == Status.OFFERED
    assert notes(second, "spaces.offer_lapsed") == 1
    assert bookings.expire_offers(slot_id=slot.pk, now=after) == 0  # a second run: nothing


def test_confirming_without_an_offer_is_refused(member):
    desk = make_resource()
    seat = book(desk, member)
    with pytest.raises(DomainError) as refused:
        bookings.booking_confirm(booking=seat, by=member)
    assert refused.value.code == "no_offer"


def test_cancel_closes_before_the_start(member):
    desk = make_resource(cancel_hours_before=2)
    seat = book(desk, member)
    late = seat.starts_at - timedelta(hours=1)
    with pytest.raises(DomainError) as refused:
        bookings.booking_cancel(booking=seat, by=member, now=late)
    assert refused.value.code == "cutoff"
    seat.refresh_from_db()
    assert seat.status == Status.CONFIRMED


def test_someone_else_cannot_cancel_a_booking(member):
    seat = book(make_resource(), member)
    with pytest.raises(DomainError):
        bookings.booking_cancel(booking=seat, by=UserFactory(member=True))
    seat.refresh_from_db()
    assert seat.status == Status.CONFIRMED


def test_members_only_resource_refuses_participants(participant, member):
    desk = make_resource(audience="members")
    with pytest.raises(DomainError) as refused:
        book(desk, participant)
    assert refused.value.code == "members_only"
    assert not Booking.objects.exists() and not Slot.objects.exists()
    assert book(desk, member).status == Status.CONFIRMED


def test_participants_book_where_allowed(participant):
    assert book(make_resource(audience="all"), participant).status == Status.CONFIRMED


def test_at_most_max_active_bookings_at_once(member):
    desk = make_resource(max_active=2)
    book(desk, member, hour=9)
    book(desk, member, hour=11)
    with pytest.raises(DomainError) as refused:
        book(desk, member, hour=14)
    assert refused.value.code == "too_many"
    assert Booking.objects.count() == 2


def test_an_overlapping_range_of_a_taken_desk_is_refused(member):
    desk = make_resource()
    book(desk, member, hour=9, hours=2)
    with pytest.raises(DomainError) as refused:
        book(desk, UserFactory(member=True), hour=10, hours=2)
    assert refused.value.code == "overlap"
    assert Booking.objects.count() == 1


def test_overlapping_bookings_of_a_room_stay_within_its_capacity(member):
    room = make_resource(capacity=2, kind="room")
    book(room, member, hour=9, hours=2)
    book(room, UserFactory(member=True), hour=10, hours=2)
    with pytest.raises(DomainError) as refused:
        book(room, UserFactory(member=True), hour=10, hours=1)
    assert refused.value.code == "overlap"


def test_own_overlapping_booking_is_refused(member):
    room = make_resource(capacity=5, kind="room")
    book(room, member, hour=9, hours=2)
    with pytest.raises(DomainError) as refused:
        book(room, member, hour=10, hours=1)
    assert refused.value.code == "overlap_mine"


def _no_show(user, days_ago, staff):
    desk = make_resource()
    seat = book(desk, user)
    now = seat.starts_at + timedelta(minutes=30)
    bookings.booking_mark(booking=seat, by=staff, to=Status.NO_SHOW, now=now)
    Booking.objects.filter(pk=seat.pk).update(
        starts_at=timezone.now() - timedelta(days=days_ago),
        marked_at=timezone.now() - timedelta(days=days_ago),
    )
    return seat


def test_three_no_shows_in_sixty_days_limit_booking_for_thirty_days(member, staff):
    _no_show(member, 20, staff)
    _no_show(member, 10, staff)
    assert bookings.limited_until(member) is None
    assert notes(member, "spaces.booking_limited") == 0
    _no_show(member, 1, staff)
    until = bookings.limited_until(member)
    assert until is not None
    assert abs(until - (timezone.now() + timedelta(days=29))) < timedelta(minutes=5)
    with pytest.raises(DomainError) as refused:
        book(make_resource(), member)
    assert refused.value.code == "limited"
    assert str(timezone.localtime(until).year) in refused.value.message  # says until when
    assert bookings.limited_until(member, timezone.now() + timedelta(days=30)) is None


def test_the_limit_is_told_to_the_person_once(member, staff):
    desk = make_resource(max_active=5)
    seats = [book(desk, member, hour=h) for h in (9, 11, 13)]
    now = seats[-1].starts_at + timedelta(minutes=5)
    for seat in seats:
        bookings.booking_mark(booking=seat, by=staff, to=Status.NO_SHOW, now=now)
    assert notes(member, "spaces.booking_limited") == 1


def test_marking_needs_staff_and_a_started_booking(member, staff):
    seat = book(make_resource(), member)
    with pytest.raises(DomainError) as refused:
        bookings.booking_mark(booking=seat, by=member, to=Status.NO_SHOW)
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as refused:
        bookings.booking_mark(booking=seat, by=staff, to=Status.NO_SHOW)
    assert refused.value.code == "not_started"
    seat.refresh_from_db()
    assert seat.status == Status.CONFIRMED


def test_reminders_go_out_once_the_day_before(member):
    desk = make_resource()
    seat = book(desk, member, days=1, hour=10)
    Booking.objects.filter(pk=seat.pk).update(created_at=timezone.now() - timedelta(days=2))
    soon = seat.starts_at - timedelta(hours=20)
    early = seat.starts_at - timedelta(hours=30)
    assert list(bookings.bookings_to_remind(early)) == []
    assert list(bookings.bookings_to_remind(soon)) == [seat]
    assert bookings.booking_remind(booking_id=seat.pk, now=soon) is True
    assert bookings.booking_remind(booking_id=seat.pk, now=soon) is False
    assert list(bookings.bookings_to_remind(soon)) == []
    assert notes(member, "spaces.reminder") == 1


def test_a_booking_made_just_before_gets_no_reminder(member):
    seat = book(make_resource(), member, days=1, hour=10)
    assert seat.created_at > seat.starts_at - timedelta(hours=48)
    Booking.objects.filter(pk=seat.pk).update(created_at=seat.starts_at - timedelta(hours=2))
    assert list(bookings.bookings_to_remind(seat.starts_at - timedelta(hours=1))) == []


def test_a_cancelled_booking_gets_no_reminder(member):
    seat = book(make_resource(), member, days=1)
    Booking.objects.filter(pk=seat.pk).update(created_at=timezone.now() - timedelta(days=2))
    bookings.booking_cancel(booking=seat, by=member)
    assert bookings.booking_remind(booking_id=seat.pk) is False


def test_at_builds_rome_times():
    day = day_ahead()
    assert timezone.localtime(at(day, 10)).hour == 10


def test_a_waiting_person_booking_again_a_freed_but_overlapped_slot_is_refused(member, monkeypatch):
    """A place freed too close to the start is not offered; meanwhile someone booked an
    overlapping range: the person waiting cannot take the freed place (it would overlap)."""
    # "too close for an offer", whatever the real time (the engine reads the clock itself)
    monkeypatch.setattr(bookings, "SEATS", replace(bookings.SEATS, offer_until=lambda s, n: None))
    desk = make_resource(cancel_hours_before=0)
    waiter, other = UserFactory(member=True), UserFactory(member=True)
    held = book(desk, member, hour=10, hours=2)
    waiting = book(desk, waiter, hour=10, hours=2)
    close = held.starts_at - timedelta(minutes=20)  # too late for an offer
    bookings.booking_cancel(booking=held, by=member, now=close)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
    day = timezone.localtime(held.starts_at).date()
    bookings.booking_create(
        resource=desk, starts_at=at(day, 11), ends_at=at(day, 12), by=other, now=close
    )
    with pytest.raises(DomainError) as refused:
        bookings.booking_create(
            resource=desk,
            starts_at=held.starts_at,
            ends_at=held.ends_at,
            by=waiter,
            now=close,
        )
    assert refused.value.code == "overlap"
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
