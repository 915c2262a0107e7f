"""The spaces' pages for each role: the list and a space's calendar (day and week) for everyone,
booking for the people allowed, a person's bookings and their .ics for them only (guessed ids
→ 404), staff's day view for staff only; bad input says why, writes nothing and is never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spaces.models import Booking, BookingStatus, Slot
from spaces.services import bookings
from tests.factories import UserFactory

from .factories import at, book, day_ahead, make_resource, make_space

pytestmark = pytest.mark.django_db
Status = BookingStatus


@pytest.fixture
def desk():
    return make_resource(make_space(name="Coworking Isola", slug="coworking-isola"))


def booking_url(resource):
    return reverse("spaces:booking_create", args=[resource.pk])


def post_booking(client, resource, *, day=None, start="10:00", minutes=60):
    day = day or day_ahead()
    return client.post(
        booking_url(resource), {"day": day.isoformat(), "start": start, "minutes": minutes}
    )


def test_list_and_space_page_are_open_to_visitors(client, desk):
    response = client.get(reverse("spaces:space_list"))
    assert response.status_code == 200 and "Coworking Isola" in response.text
    page = client.get(desk.space.get_absolute_url())
    assert page.status_code == 200 and desk.name in page.text
    week = client.get(desk.space.get_absolute_url() + "?view=week")
    assert week.status_code == 200 and 'id="week-grid"' in week.text


def test_inactive_space_is_404_except_for_staff(client, staff_client, desk):
    desk.space.is_active = False
    desk.space.save()
    assert client.get(desk.space.get_absolute_url()).status_code == 404
    assert desk.space.name not in client.get(reverse("spaces:space_list")).text
    assert staff_client.get(desk.space.get_absolute_url()).status_code == 200


def test_wrong_slug_redirects_and_unknown_space_is_404(client, desk):
    url = reverse("spaces:space_detail", args=[desk.space.pk, "altro"])
    assert client.get(url).status_code == 301
    missing = reverse("spaces:space_detail", args=[999999, "x"])
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("day", ["nonsense", "9999-12-31", "2020-02-30", "", "0001-01-01"])
def test_bad_days_in_the_calendar_read_as_today(client, desk, day):
    response = client.get(desk.space.get_absolute_url() + f"?day={day}&view=week&resource=abc")
    assert response.status_code == 200


def test_visitors_are_sent_to_log_in_to_book(client, desk):
    response = client.get(booking_url(desk))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert post_booking(client, desk).status_code == 302
    assert not Booking.objects.exists()


def test_member_books_from_the_form(member_client, member, desk):
    page = member_client.get(booking_url(desk) + f"?day={day_ahead().isoformat()}&start=10:00")
    assert page.status_code == 200
    response = post_booking(member_client, desk)
    assert response.status_code == 302 and response.url == reverse("spaces:my_bookings")
    booking = Booking.objects.get()
    assert booking.user == member and booking.status == Status.CONFIRMED
    assert timezone.localtime(booking.starts_at).hour == 10


def test_participant_refused_on_a_members_only_resource(participant_client):
    desk = make_resource(audience="members")
    response = post_booking(participant_client, desk)
    assert response.status_code == 400
    assert "soci" in response.text or "members" in response.text
    assert not Booking.objects.exists()


def test_participant_books_where_participants_are_admitted(participant_client):
    desk = make_resource(audience="all")
    assert post_booking(participant_client, desk).status_code == 302
    assert Booking.objects.get().status == Status.CONFIRMED


@pytest.mark.parametrize(
    "data",
    [
        {"day": "2020-01-01", "start": "10:00", "minutes": 60},  # past
        {"day": "DAYS:60", "start": "10:00", "minutes": 60},  # beyond the horizon
        {"day": "DAYS:2", "start": "10:00", "minutes": 600},  # not a length offered
        {"day": "DAYS:2", "start": "10:30", "minutes": 60},  # off the grid
        {"day": "DAYS:2", "start": "06:00", "minutes": 60},  # closed
        {"day": "DAYS:2", "start": "23:30", "minutes": 240},  # past midnight
        {"day": "9999-01-01", "start": "10:00", "minutes": 60},  # too far
        {"day": "x", "start": "y", "minutes": "z"},
        {"day": "DAYS:2", "start": "25:00", "minutes": 60},
        {},
    ],
)
def test_bad_booking_input_says_why_and_writes_nothing(member_client, desk, data):
    data = dict(data)
    if str(data.get("day", "")).startswith("DAYS:"):
        data["day"] = day_ahead(int(data["day"][5:])).isoformat()
    response = member_client.post(booking_url(desk), data)
    assert response.status_code == 400
    assert "is-invalid" in response.text or "alert" in response.text
    assert not Booking.objects.exists() and not Slot.objects.exists()


def test_tampered_resource_ids_are_404(member_client):
    for pk in ["999999", "99999999999999999999"]:
        response = member_client.get(f"/spaces/resources/{pk}/book/")
        assert response.status_code == 404
    inactive = make_resource(is_active=False)
    assert member_client.get(booking_url(inactive)).status_code == 404


def test_someone_elses_booking_and_ics_are_404(client, member, desk):
    booking = book(desk, member)
    other = UserFactory(member=True)
    client.force_login(other)
    assert client.get(reverse("spaces:booking_ics", args=[booking.pk])).status_code == 404
    cancel = client.post(reverse("spaces:booking_cancel", args=[booking.pk]), {"confirm": "yes"})
    assert cancel.status_code == 404
    assert client.post(reverse("spaces:booking_confirm", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_the_ics_of_a_booking(member_client, member, desk):
    booking = book(desk, member)
    response = member_client.get(reverse("spaces:booking_ics", args=[booking.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert f"UID:spaces-booking-{booking.pk}@" in body
    assert "TZID=Europe/Rome" in body and desk.name in body


def test_my_bookings_cancel_with_confirmation(member_client, member, desk):
    booking = book(desk, member)
    page = member_client.get(reverse("spaces:my_bookings"))
    assert page.status_code == 200 and f'id="booking-{booking.pk}"' in page.text
    url = reverse("spaces:booking_cancel", args=[booking.pk])
    asked = member_client.post(url)
    assert asked.status_code == 200
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED  # only asked
    from coopportal.core.confirm import CONFIRM_FIELD, CONFIRM_VALUE

    done = member_client.post(url, {CONFIRM_FIELD: CONFIRM_VALUE})
    assert done.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED


def test_cancel_after_the_cut_off_says_so(member_client, member, desk):
    from coopportal.core.confirm import CONFIRM_FIELD, CONFIRM_VALUE

    booking = book(desk, member, days=0, hour=23) if False else book(desk, member)
    Booking.objects.filter(pk=booking.pk).update(starts_at=timezone.now() + timedelta(minutes=30))
    response = member_client.post(
        reverse("spaces:booking_cancel", args=[booking.pk]),
        {CONFIRM_FIELD: CONFIRM_VALUE},
        follow=True,
    )
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_offer_confirmed_from_my_bookings(client, member, desk):
    other = UserFactory(member=True)
    held = book(desk, member)
    waiting = book(desk, other)
    bookings.booking_cancel(booking=held, by=member)
    client.force_login(other)
    page = client.get(reverse("spaces:my_bookings"))
    assert reverse("spaces:booking_confirm", args=[waiting.pk]) in page.text
    response = client.post(reverse("spaces:booking_confirm", args=[waiting.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_staff_day_is_for_staff_only(client, member_client, staff_client, member, desk):
    assert client.get(reverse("spaces:staff_day")).status_code == 302
    assert member_client.get(reverse("spaces:staff_day")).status_code == 403
    booking = book(desk, member)
    day = timezone.localtime(booking.starts_at).date().isoformat()
    page = staff_client.get(reverse("spaces:staff_day") + f"?day={day}")
    assert page.status_code == 200 and f'id="row-{booking.pk}"' in page.text
    for bad in ["x", "9999-99-99", "2020-02-30"]:
        assert (
            staff_client.get(reverse("spaces:staff_day") + f"?day={bad}&space=q").status_code == 200
        )


def test_staff_mark_a_no_show(staff_client, member_client, member, desk):
    booking = book(desk, member)
    Booking.objects.filter(pk=booking.pk).update(starts_at=timezone.now() - timedelta(minutes=10))
    url = reverse("spaces:booking_mark", args=[booking.pk])
    assert member_client.post(url, {"to": "no_show"}).status_code == 403
    assert staff_client.post(url, {"to": "bogus"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert staff_client.post(url, {"to": "no_show"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.NO_SHOW
    assert (
        staff_client.post("/spaces/staff/bookings/999999/mark/", {"to": "no_show"}).status_code
        == 404
    )


def test_limited_person_is_told_on_the_pages(member_client, member, staff, desk):
    for hour in (9, 11, 13):
        seat = book(make_resource(), member, hour=hour)
        bookings.booking_mark(
            booking=seat, by=staff, to=Status.NO_SHOW, now=seat.starts_at + timedelta(minutes=1)
        )
    assert 'id="booking-limited"' in member_client.get(reverse("spaces:my_bookings")).text
    response = post_booking(member_client, desk)
    assert response.status_code == 400 and 'id="booking-limited"' in response.text
    assert not Booking.objects.filter(resource=desk).exists()


def test_calendar_shows_free_full_and_mine(client, member, desk):
    other = UserFactory(member=True)
    day = day_ahead()
    book(desk, member, hour=10)
    client.force_login(other)
    page = client.get(desk.space.get_absolute_url() + f"?day={day.isoformat()}")
    assert "full: join the waiting list" in page.text or "lista d" in page.text
    book(desk, other, hour=10)
    page = client.get(desk.space.get_absolute_url() + f"?day={day.isoformat()}")
    assert "yours" in page.text or "tua" in page.text


def test_at_helper(desk):
    assert at(day_ahead(), 9) < at(day_ahead(), 10)


def test_my_bookings_shows_the_place_on_the_waiting_list(client, member, desk):
    book(desk, member)
    second, third = UserFactory(member=True), UserFactory(member=True)
    book(desk, second)
    book(desk, third)
    client.force_login(third)
    text = client.get(reverse("spaces:my_bookings")).text
    assert "number 2 on the waiting list" in text or "numero 2" in text
