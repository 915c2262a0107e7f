"""Enrolling in a course, clicked through: member A enrols and sees the confirmation and the
notification in the bell; member B finds the course full, joins the waiting list and sees her
position; A cancels (after the confirmation page); B finds the offer in the bell, opens the course,
confirms the seat and is enrolled.

These people chose English; the Italian of these pages arrives with the merge of the catalogue's
translations."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.training.factories import CourseFactory
from training.models import Enrolment, EnrolmentStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email):
    return UserFactory(member=True, email=email, language="en")


def test_enrol_wait_cancel_and_confirm_the_offered_seat(portal):
    page = portal
    person("anna@example.org")
    person("bice@example.org")
    course = CourseFactory(title="Contabilità cooperativa", capacity=1)

    # Anna finds the course in the catalogue and enrols
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/training/"))
    page.get_by_role("search").get_by_label("Search").fill("contabilità")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.locator("#course-list").get_by_role("link", name="Contabilità cooperativa").click()
    page.wait_for_url(f"**{course.get_absolute_url()}")
    expect(page.locator("#seats-left")).to_contain_text("1 seat left")
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator("#enrolment-state")).to_contain_text("You are enrolled in this course.")
    expect(page.locator("#seats-left")).to_contain_text("Full")
    bell = page.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.locator("main")).to_contain_text("You are enrolled in “Contabilità cooperativa”")

    # Bice finds it full and joins the waiting list
    log_in(page, "bice@example.org")
    page.goto(page.portal.url(course.get_absolute_url()))
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("#waiting-position")).to_have_text("You are number 1 on the waiting list")

    # Anna cannot come after all: she cancels, after the confirmation page
    log_in(page, "anna@example.org")
    page.goto(page.portal.url(course.get_absolute_url()))
    page.get_by_role("button", name="Cancel my enrolment").click()
    expect(page.locator("#confirm-heading")).to_contain_text("Cancel your seat")
    page.get_by_role("button", name="Yes, cancel my enrolment").click()
    page.wait_for_url(f"**{course.get_absolute_url()}")
    expect(page.locator("#enrol-button")).to_be_visible()  # she may enrol again; the seat is kept
    assert Enrolment.objects.get(user__email="anna@example.org").status == "cancelled"

    # Bice sees the offer in the bell, follows it and confirms the seat
    log_in(page, "bice@example.org")
    bell = page.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    page.get_by_role("link", name=re.compile("A seat in “Contabilità cooperativa”")).click()
    page.wait_for_url(f"**{course.get_absolute_url()}")
    expect(page.locator("#offer")).to_contain_text("A seat is free for you")
    page.get_by_role("button", name="Confirm my seat").click()
    expect(page.locator("#enrolment-state")).to_contain_text("You are enrolled in this course.")
    bice = Enrolment.objects.get(user__email="bice@example.org")
    assert (bice.status, bice.offer_expires_at) == (EnrolmentStatus.CONFIRMED, None)

    # her training page lists it
    page.goto(page.portal.url("/training/mie/"))
    expect(page.locator("#confirmed")).to_contain_text("Contabilità cooperativa")
