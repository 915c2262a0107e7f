"""The whole journey of a matching event whose organisers place the meetings, clicked through in
one go: two members register, one finds the other in the catalogue and asks for a meeting, the
other accepts; staff run the scheduler; both find the meeting in their agenda and download its
`.ics`, which holds the other person and the time the scheduler chose."""

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from community.events.models import Meeting, SlotChoice
from tests.browser.conftest import log_in, portal  # noqa: F401  (the fixture)
from tests.factories import UserFactory, staff_user
from tests.matching.factories import profile_make

from .factories import event_make
from .test_browser_events import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_ask_accept_schedule_and_both_download_the_agenda(portal):  # noqa: F811
    page = portal
    event = event_make(
        title="Incontri B2B a Roma", slots=3, tables=2, slot_choice=SlotChoice.AUTOMATIC
    )
    alice = UserFactory(member=True, first_name="Alice", last_name="Rossi", language="en")
    bruno = UserFactory(member=True, first_name="Bruno", last_name="Verdi", language="en")
    profile_make(user=alice, offers=["contabilità"], presentation="Bilanci per cooperative.")
    profile_make(
        user=bruno,
        kind="enterprise",
        organisation_name="Studio Grafico Verdi",
        offers=["grafica"],
        presentation="Grafica e siti per il terzo settore.",
    )
    organiser = staff_user(email="organizza@example.org", language="en")

    log_in(page, bruno.email)
    register(page, event)
    log_in(page, alice.email)
    register(page, event)
    page.locator("#catalogue-search input[name=q]").fill("grafica")
    page.locator("#catalogue-search button[type=submit]").click()
    card = page.locator("#catalogue li").filter(has_text="Studio Grafico Verdi")
    card.locator(".request-link").click()
    page.locator("#request-form textarea[name=message]").fill("Parliamo del vostro sito?")
    page.locator("#request-form button[type=submit]").click()
    page.wait_for_url(f"**/community/events/{event.pk}/catalogue/")

    log_in(page, bruno.email)
    page.goto(page.portal.url(f"/community/events/{event.pk}/"))
    page.locator("#requests-link").click()
    page.locator("#requests button.accept").click()
    expect(page.locator("#requests button.accept")).to_have_count(0)
    meeting = Meeting.objects.get()
    assert meeting.slot is None  # the organisers' scheduler places it

    log_in(page, organiser.email)
    page.goto(page.portal.url(f"/community/events/{event.pk}/"))
    page.locator("#schedule-link").click()
    page.get_by_role("button", name="Run the scheduler").click()
    page.get_by_role("button", name="Run the scheduler").click()  # the confirmation
    expect(page.get_by_text("1 meetings placed, 0 not placed")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.slot is not None and meeting.placed_by == "scheduler"

    for person, other in ((alice, "Studio Grafico Verdi"), (bruno, "Alice Rossi")):
        log_in(page, person.email)
        page.goto(page.portal.url(f"/community/events/{event.pk}/"))
        page.locator("#agenda-link").click()
        expect(page.locator("#agenda")).to_contain_text(other)
        expect(page.locator("#agenda")).to_contain_text(meeting.table.name)
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile(r"\.ics")).click()
        (entry,) = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
        assert other in str(entry["summary"])
        assert entry.decoded("dtstart") == meeting.slot.starts_at
