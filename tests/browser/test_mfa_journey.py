"""A staff member turns on the second factor the first time they open the admin, then logs in
with it: password, then the code their authenticator app shows.

She chose English; the Italian pages of the second factor are checked in
tests/accounts/test_second_factor.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SIGN_IN, log_in
from tests.browser.test_accessibility import violations
from tests.factories import PASSWORD, staff_user, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_the_administration(page):
    page.locator("#account-menu").click()
    page.get_by_role("link", name="Administration").click()


def test_staff_enrol_an_authenticator_app_then_log_in_with_a_code(portal):
    page = portal
    staff_user(enrol=False, email="stefania@example.org", first_name="Stefania", language="en")

    # Stefania has no second factor yet: the portal lets her in with her password alone …
    log_in(page, "stefania@example.org")
    # … but the admin first asks her to turn one on (after confirming her password)
    open_the_administration(page)
    expect(page.get_by_text("first turn on two-factor authentication")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^[A-Z2-7]{32}$"))).to_be_visible()  # QR

    assert violations(page) == []

    # she scans the QR code: her app now knows the secret shown beside it, and shows a code
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    # the recovery codes, for the day she loses her phone
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10
    assert all(re.fullmatch(r"\d{8}", code) for code in codes)
    assert violations(page) == []
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Moderation and management")).to_be_visible()

    # she logs out, and back in (the login page speaks Italian until she is known again): the
    # password, then a fresh code from her app
    page.get_by_role("button", name="Log out").click()
    page.goto(portal.portal.url("/accounts/login/"))
    page.get_by_label(re.compile(r"^\s*E-mail\*?\s*$")).fill("stefania@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=SIGN_IN).click()
    expect(
        page.get_by_role("heading", name=re.compile("Autenticazione a due fattori", re.IGNORECASE))
    ).to_be_visible()
    assert violations(page) == []
    mistyped = "000000" if totp_code(secret, peek=True) != "000000" else "111111"
    page.get_by_label("Codice").fill(mistyped)  # a mistyped code is refused
    page.locator("main").get_by_role("button", name=SIGN_IN).click()
    expect(page.get_by_text("Codice errato.")).to_be_visible()
    page.get_by_label("Codice").fill(totp_code(secret))
    page.locator("main").get_by_role("button", name=SIGN_IN).click()
    page.wait_for_url("**/dashboard/")

    # the admin opens straight away now
    open_the_administration(page)
    expect(page.get_by_role("heading", name="Moderation and management")).to_be_visible()
