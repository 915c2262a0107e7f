"""The matching event's journey, continued: the organisers run the scheduler (the event leaves
the times to them), and both members find the meeting in their agenda, from the notification,
and download it for their calendar.

These people chose English; the strings of this part reach the Italian catalogue at the merge."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from community.events.models import FeedbackStage, Meeting, MeetingSide
from community.events.services.outcomes import feedback_ask
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.community.events.agenda_factories import (
    accepted_meeting,
    make_event,
    register,
    slots_of,
)
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_schedule_and_both_members_see_their_meeting(portal):
    page = portal
    event = make_event(title="Business meetings of the cooperatives", slots=3, tables=2)
    anna = UserFactory(member=True, email="anna@example.org", first_name="Anna", language="en")
    luca = UserFactory(member=True, email="luca@example.org", first_name="Luca", language="en")
    accepted_meeting(
        event,
        register(event, anna, name="Anna Bianchi", organisation="Cooperativa Alfa"),
        register(event, luca, name="Luca Verdi", organisation="Cooperativa Beta"),
    )
    organiser = staff_user(email="staff@example.org", language="en")

    log_in(page, organiser.email)
    page.goto(page.portal.url(f"/community/events/{event.pk}/schedule/"))
    expect(page.get_by_role("heading", name="Schedule of the meetings")).to_be_visible()
    expect(page.locator("#unplaced")).to_contain_text("Anna Bianchi")
    assert violations(page) == []  # WCAG 2.2 AA (axe-core)
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.get_by_role("heading", name=re.compile("Run the scheduler on"))).to_be_visible()
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.get_by_text("1 meetings placed, 0 not placed")).to_be_visible()
    expect(page.locator("#schedule-grid")).to_contain_text("Anna Bianchi")
    expect(page.locator("#run-report")).to_contain_text("Luca Verdi")
    assert violations(page) == []
    meeting = Meeting.objects.get()
    assert meeting.slot is not None and meeting.table.name == "Tavolo 1"

    for person, other in ((anna, "Luca Verdi"), (luca, "Anna Bianchi")):
        log_in(page, person.email)
        page.goto(page.portal.url("/notifications/"))
        page.get_by_role("link", name=re.compile("New meetings in your agenda")).first.click()
        expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
        expect(page.locator("#agenda")).to_contain_text(other)
        expect(page.locator("#agenda")).to_contain_text("Tavolo 1")
        assert violations(page) == []
        with page.expect_download() as download:
            page.get_by_role("link", name="Add to my calendar (.ics)").click()
        content = Path(download.value.path()).read_bytes()
        (entry,) = Calendar.from_ical(content).walk("VEVENT")
        assert other in str(entry["summary"])
        assert entry.decoded("dtstart") == meeting.slot.starts_at


def test_after_the_event_a_member_says_the_meeting_took_place(portal):
    page = portal
    event = make_event(title="Past business meetings", starts_in=-timedelta(hours=3), slots=2)
    anna = UserFactory(member=True, email="anna@example.org", first_name="Anna", language="en")
    mine = register(event, anna, name="Anna Bianchi")
    other = register(event, name="Luca Verdi")
    meeting = accepted_meeting(
        event, mine, other, slot=slots_of(event)[0], table=event.tables.order_by("position")[0]
    )
    assert feedback_ask(event_id=event.pk, stage=FeedbackStage.AFTER) == 2  # the hourly job

    log_in(page, anna.email)
    page.goto(page.portal.url("/notifications/"))
    page.get_by_role("link", name=re.compile("How did your meeting with Luca Verdi")).click()
    expect(page.get_by_role("heading", name="How did the meeting go?")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("Yes, we met").check()
    page.get_by_label("An agreement was reached").check()
    page.get_by_label("Comment").fill("Firmato un accordo di fornitura.")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    expect(page.locator("#agenda")).to_contain_text("Meeting held")
    side = MeetingSide.objects.get(meeting=meeting, registration=mine)
    assert side.held is True
    assert side.feedback.get().outcome == "agreement"
