"""A visitor follows a broken link, finds the way home; a participant opens the board's area, is
told it is not for them and goes to request membership verification."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_error_pages_lead_back_into_the_portal(portal):
    page = portal
    page.goto(portal.portal.url("/"))
    page.locator("#language-menu").click()  # the language menu
    page.get_by_role("button", name="English").click()
    response = page.goto(portal.portal.url("/no-such-page/"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(portal.portal.url("/"))

    UserFactory(email="paolo@example.org", language="en")
    log_in(page, "paolo@example.org")
    response = page.goto(portal.portal.url("/board/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1, name="You cannot open this page")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Request membership verification").click()
    expect(page).to_have_url(re.compile(r"/me/membership/$"))
