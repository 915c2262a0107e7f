"""The showcase of good practices, as people live it: a member proposes the case of her
community cooperative and submits it; staff (with their second factor) open it from the
validation page and publish it; a visitor finds it by searching in Italian ("cooperative" finds
"cooperativa") and reads it.

(Kept with the part's tests; the `portal` fixture comes from tests/browser/conftest.py through
this directory's conftest. The lead may move it to tests/browser/.)"""

import re

import pytest
from playwright.sync_api import expect

from community.practices.models import Practice
from coopportal.notifications.models import Notification
from tests.browser.conftest import log_in
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "La cooperativa di comunità di Monte Verde"


def test_a_member_proposes_staff_publish_a_visitor_finds_it(portal):
    page = portal
    UserFactory(
        member=True, email="anna@example.org", first_name="Anna", last_name="Rossi", language="en"
    )
    staff_user(email="staff@example.org", language="en")

    # Anna proposes the case and submits it
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/community/practices/"))
    page.locator("#propose-practice").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option("community")
    page.locator("#id_summary").fill("I residenti riaprono l'emporio e l'ostello del paese.")
    page.locator("#id_organisation").fill("Cooperativa Monte Verde")
    page.locator("#id_region").select_option(label="Emilia-Romagna")
    page.locator("#id_year").fill("2018")
    page.locator("#id_problem").fill("Il paese aveva perso l'ultimo **negozio**.")
    page.locator("#id_actions").fill("Un'assemblea pubblica ha raccolto novanta soci.")
    page.locator("#id_results").fill("Sei posti di lavoro, duemila pernottamenti.")
    page.locator("#practice-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("#practice-status")).to_be_visible()
    page.locator("#submit-practice").click()
    expect(page.locator("#submit-practice")).to_have_count(0)
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.SUBMITTED

    # staff validate it from the portal's page
    log_in(page, "staff@example.org")
    page.goto(page.portal.url("/community/practices/review/"))
    page.locator("#review-list").get_by_role("link", name=TITLE).click()
    page.locator("#decide-form button[value=published]").click()
    expect(page.locator("#practice-status")).to_have_count(0)
    practice.refresh_from_db()
    assert practice.is_published
    assert Notification.objects.filter(
        kind="community.practice_decided", recipient=practice.proposer
    ).exists()

    # a visitor finds it by searching
    page.context.clear_cookies()
    page.goto(page.portal.url("/community/practices/"))
    search = page.get_by_role("search")
    search.locator("input[name=q]").fill("cooperative appennino ostello")
    search.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=cooperative"))
    page.locator("#practice-list").get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".markdown strong")).to_have_text("negozio")
