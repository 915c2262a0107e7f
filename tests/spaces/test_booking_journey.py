"""Booking a desk on a phone, clicked through (390×844): Anna finds the coworking, picks the
10:00 slot of a desk in the day view, books it, downloads its .ics and sees it in her bookings;
Bice finds the slot full and joins the waiting list; Anna cancels (after the confirmation page);
Bice finds the offer in her bookings and confirms it.

These people chose English; the Italian arrives with the merge of locale/pending/spaces.json."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from spaces.models import Booking, BookingStatus
from tests.browser.conftest import log_in, portal  # noqa: F401 - the live portal's page
from tests.factories import UserFactory

from .factories import day_ahead, make_resource, make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email):
    return UserFactory(member=True, email=email, language="en")


def test_book_a_desk_on_a_phone_wait_cancel_and_confirm_the_offer(portal):  # noqa: F811
    page = portal
    page.set_viewport_size({"width": 390, "height": 844})
    person("anna@example.org")
    person("bice@example.org")
    space = make_space(name="Coworking Isola", slug="coworking-isola")
    make_resource(space, name="Scrivania 1")
    day = day_ahead(2).isoformat()

    # Anna finds the coworking and books the 10:00 slot of the desk
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/spaces/"))
    page.locator("#space-list").get_by_role("link", name="Coworking Isola").click()
    page.wait_for_url(f"**{space.get_absolute_url()}")
    page.goto(page.portal.url(f"{space.get_absolute_url()}?day={day}"))
    slot = page.locator("#day-grid").get_by_role("link", name=re.compile(r"^10:00–11:00 · free"))
    expect(slot).to_be_visible()
    slot.click()
    expect(page.get_by_label("Start")).to_have_value("10:00")
    page.get_by_label("Length").select_option("60")
    page.get_by_role("button", name="Book", exact=True).click()
    page.wait_for_url("**/spaces/mine/")
    expect(page.locator(".alert-success")).to_contain_text("Booked:")
    booking = Booking.objects.get(user__email="anna@example.org")
    expect(page.locator(f"#booking-{booking.pk}")).to_contain_text("Scrivania 1")

    # … and downloads the .ics for her calendar app
    with page.expect_download() as info:
        page.locator(f"#booking-{booking.pk}").get_by_role(
            "link", name="Add to calendar (.ics)"
        ).click()
    ics = Path(info.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and f"spaces-booking-{booking.pk}@" in ics

    # Bice finds the slot full and joins the waiting list
    log_in(page, "bice@example.org")
    page.goto(page.portal.url(f"{space.get_absolute_url()}?day={day}"))
    page.locator("#day-grid").get_by_role(
        "link", name=re.compile(r"^10:00–11:00 · full: join the waiting list")
    ).click()
    page.get_by_role("button", name="Book", exact=True).click()
    page.wait_for_url("**/spaces/mine/")
    expect(page.locator(".alert-success")).to_contain_text("number 1")
    bice = Booking.objects.get(user__email="bice@example.org")
    assert bice.status == BookingStatus.WAITING

    # Anna cannot come after all: she cancels, after the confirmation page
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/spaces/mine/"))
    page.locator(f"#booking-{booking.pk}").get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Yes, cancel the booking").click()
    page.wait_for_url("**/spaces/mine/")
    expect(page.locator(".alert-success")).to_contain_text("Your booking is cancelled.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED

    # Bice finds the place offered in her bookings and confirms it
    log_in(page, "bice@example.org")
    page.goto(page.portal.url("/spaces/mine/"))
    row = page.locator(f"#booking-{bice.pk}")
    expect(row).to_contain_text("confirm by")
    row.get_by_role("button", name="Confirm the place").click()
    expect(page.locator(".alert-success")).to_contain_text("Booked:")
    bice.refresh_from_db()
    assert (bice.status, bice.offer_expires_at) == (BookingStatus.CONFIRMED, None)
