"""A member's calendar and feedback: she opens her calendar settings from the account menu, copies
the feed's address, the address serves her session as text/calendar; she makes a new address and
the old one is gone. After a course ends, an attendee follows the notification's link and rates it.

These people chose English; the strings of this part reach the Italian catalogue at the merge."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.training.factories_calendar import attend, enrol, make_course, make_ended_course
from training.models import Feedback
from training.services import feedback as feedback_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_subscribes_to_her_calendar_and_renews_the_address(portal):
    page = portal
    anna = UserFactory(member=True, email="anna@example.org", first_name="Anna", language="en")
    enrol(make_course(title="Governance cooperativa", sessions=1), anna)
    log_in(page, anna.email)

    page.locator("#account-menu").click()
    page.get_by_role("link", name="My calendar").click()
    expect(page.get_by_role("heading", name="My calendar")).to_be_visible()
    address = page.get_by_label("The address of your calendar")
    old_url = address.input_value()
    assert re.search(r"/calendario/[\w-]{40,}\.ics$", old_url)

    calendar_app = page.context.browser.new_context()  # a calendar app: no session, the URL only
    response = calendar_app.request.get(old_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert "BEGIN:VEVENT" in body and "Governance cooperativa" in body

    page.get_by_role("link", name="Make a new address").click()
    expect(
        page.get_by_role("heading", name="Make a new address for your calendar?")
    ).to_be_visible()
    page.get_by_role("button", name="Make a new address").click()
    expect(page.get_by_text("Your calendar has a new address")).to_be_visible()
    new_url = page.get_by_label("The address of your calendar").input_value()
    assert new_url != old_url
    assert calendar_app.request.get(old_url).status == 404
    assert calendar_app.request.get(new_url).status == 200
    calendar_app.close()


def test_attendee_gives_feedback_from_the_notification(portal):
    page = portal
    luca = UserFactory(email="luca@example.org", first_name="Luca", language="en")
    course = make_ended_course(title="Bilancio sociale")
    enrol(course, luca)
    attend(course, luca)
    assert feedback_services.feedback_request(course_id=course.pk) == 1  # the hourly beat job
    log_in(page, luca.email)

    page.goto(page.portal.url("/notifications/"))
    page.get_by_role("link", name=re.compile("Bilancio sociale")).click()
    expect(page.get_by_role("heading", name="Your feedback")).to_be_visible()
    page.get_by_label("4 — very good").check()
    page.get_by_label("Comments").fill("Chiaro e utile.")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("Thank you for your feedback.")).to_be_visible()
    feedback = Feedback.objects.get(course=course, user=luca)
    assert (feedback.rating, feedback.comments) == (4, "Chiaro e utile.")
