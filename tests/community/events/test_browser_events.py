"""A matching event clicked through: Bruno and Alice, two members, register to the event (each
confirms, then saves their profile at the event); Alice finds Bruno in the event's catalogue by
searching "grafica" and asks him for a meeting; Bruno finds the request, accepts it and, as the
event lets the recipient choose, picks the time: a table is assigned and both see it.

Labels change with the Italian catalogue, so the journey clicks by the pages' ids and classes."""

import pytest
from playwright.sync_api import expect

from community.events.models import Meeting, MeetingRequest, Registration
from tests.browser.conftest import log_in, portal  # noqa: F401  (the fixture)
from tests.browser.test_accessibility import violations
from tests.factories import UserFactory
from tests.matching.factories import profile_make

from .factories import event_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register(page, event):
    page.goto(page.portal.url("/community/events/"))
    assert violations(page) == []  # WCAG 2.2 AA (axe-core)
    page.locator(f"#event-{event.pk} a").first.click()
    assert violations(page) == []
    page.locator("#register").click()
    page.locator("main form button[type=submit]").first.click()  # the confirmation
    page.wait_for_url(f"**/community/events/{event.pk}/profile/")
    assert violations(page) == []
    page.locator("#registration-form button[type=submit]").click()
    page.wait_for_url(f"**/community/events/{event.pk}/catalogue/")


def test_two_members_register_one_asks_the_other_accepts_and_picks_the_time(portal):  # noqa: F811
    page = portal
    event = event_make(title="Incontri B2B a Bologna", slots=3, tables=2)
    alice = UserFactory(member=True, first_name="Alice", last_name="Rossi")
    bruno = UserFactory(member=True, first_name="Bruno", last_name="Verdi")
    profile_make(user=alice, offers=["contabilità"], presentation="Bilanci per cooperative.")
    profile_make(
        user=bruno,
        kind="enterprise",
        organisation_name="Studio Grafico Verdi",
        offers=["grafica"],
        presentation="Grafica e siti per il terzo settore.",
    )

    # 1. Bruno registers
    log_in(page, bruno.email)
    register(page, event)
    assert Registration.objects.get(user=bruno).display_name == "Studio Grafico Verdi"

    # 2. Alice registers, finds Bruno by what he offers and asks him for a meeting
    log_in(page, alice.email)
    register(page, event)
    page.locator("#catalogue-search input[name=q]").fill("grafica")
    page.locator("#catalogue-search button[type=submit]").click()
    card = page.locator("#catalogue li").filter(has_text="Studio Grafico Verdi")
    expect(card).to_have_count(1)
    assert violations(page) == []
    card.locator(".request-link").click()
    page.locator("#request-form textarea[name=message]").fill("Ci serve un nuovo sito.")
    page.locator("#request-form button[type=submit]").click()
    page.wait_for_url(f"**/community/events/{event.pk}/catalogue/")
    # the card now says the request is sent: no second request link
    expect(card.locator(".request-link")).to_have_count(0)
    expect(card.locator(".request-state")).to_have_count(1)
    assert MeetingRequest.objects.get().message == "Ci serve un nuovo sito."

    # 3. Bruno finds the request on the event's page, accepts it and picks the time
    log_in(page, bruno.email)
    page.goto(page.portal.url(f"/community/events/{event.pk}/"))
    page.locator("#requests-link").click()
    expect(page.locator("#requests")).to_contain_text("Ci serve un nuovo sito.")
    page.locator("#requests button.accept").click()
    page.wait_for_url("**/community/events/meetings/*/time/")
    assert violations(page) == []
    page.locator("#slot-form input[name=slot]").nth(1).check()
    page.locator("#slot-form button[type=submit]").click()
    page.wait_for_url(f"**/community/events/{event.pk}/requests/?tab=meetings")
    expect(page.locator("#requests .meeting-place")).to_contain_text("Tavolo 1")
    assert violations(page) == []
    meeting = Meeting.objects.get()
    assert meeting.placed_by == "recipient" and meeting.table.name == "Tavolo 1"

    # 4. Alice sees the meeting, its time and table, among hers
    log_in(page, alice.email)
    page.goto(page.portal.url(f"/community/events/{event.pk}/requests/?tab=meetings"))
    expect(page.locator("#requests")).to_contain_text("Studio Grafico Verdi")
    expect(page.locator("#requests .meeting-place")).to_contain_text("Tavolo 1")
