"""The waiting list of a full meeting, clicked through: a member joins the list and sees her
position; the person holding the last seat gives it up; the member finds the offer in the bell,
follows it to the meeting and confirms her seat."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.workgroups.factories import MeetingFactory, MembershipFactory, WorkingGroupFactory
from workgroups.models import MeetingRSVP
from workgroups.services import seats

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_waits_gets_the_offer_in_the_bell_and_confirms(portal):
    page = portal
    group = WorkingGroupFactory(name="Agricoltura sociale")
    meeting = MeetingFactory(group=group, title="Visita all'orto condiviso", capacity=1)
    anna = MembershipFactory(group=group, user=UserFactory(email="anna@example.org", member=True))
    MembershipFactory(group=group, user=UserFactory(email="marta@example.org", member=True))
    seats.meeting_rsvp(meeting=meeting, by=anna.user, answer="going")  # the only seat

    # Marta finds the meeting full and joins its waiting list
    log_in(page, "marta@example.org")
    page.goto(page.portal.url(meeting.get_absolute_url()))
    box = page.locator("#meeting-rsvp")
    expect(box).to_contain_text("L'incontro è al completo.")
    box.get_by_role("button", name="Mettiti in lista d'attesa").click()
    expect(box.locator("#waiting-position")).to_have_text("Sei al numero 1 della lista d'attesa")
    expect(box.get_by_role("button", name="Esci dalla lista d'attesa")).to_be_visible()

    # Anna cannot come after all: her seat frees
    log_in(page, "anna@example.org")
    page.goto(page.portal.url(meeting.get_absolute_url()))
    page.locator("#meeting-rsvp").get_by_role("button", name="Non parteciperò").click()
    expect(page.locator("#meeting-rsvp")).to_contain_text("Non partecipi")

    # Marta sees the offer in the bell, follows it and confirms the seat
    log_in(page, "marta@example.org")
    bell = page.get_by_role("link", name="Notifiche: 1 non letta")
    expect(bell).to_be_visible()
    bell.click()
    page.get_by_role("link", name=re.compile("C'è un posto libero per te")).click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    box = page.locator("#meeting-rsvp")
    expect(box.locator("#seat-offer")).to_contain_text("confermalo entro")
    box.get_by_role("button", name="Confermo il mio posto").click()
    expect(box).to_contain_text("Partecipi")
    expect(box).to_contain_text("1 partecipanti su 1 posti")
    marta = MeetingRSVP.objects.get(meeting=meeting, user__email="marta@example.org")
    assert (marta.answer, marta.offer_expires_at) == ("going", None)
