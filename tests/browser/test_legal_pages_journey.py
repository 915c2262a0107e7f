"""A visitor reads the privacy notice from the footer and the terms of use from the sign-up form;
staff change the terms in the admin and the public page shows the change."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_the_legal_pages_and_staff_edit_them(portal):
    page = portal
    page.goto(portal.portal.url("/"))
    page.locator("#language-menu").click()  # the language menu
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1, name="Privacy notice")).to_be_visible()
    expect(page.get_by_role("heading", name="Data controller")).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("link", name="Sign up").click()
    with page.expect_popup() as popup:
        page.locator("label[for=id_accept_terms]").get_by_role("link", name="terms of use").click()
    terms = popup.value
    expect(terms.get_by_role("heading", level=1, name="Terms of use")).to_be_visible()
    terms.close()

    staff_user(email="staff@example.org", language="en")
    log_in(page, "staff@example.org")
    page.goto(portal.portal.url("/admin/"))
    page.get_by_role("link", name="Legal pages").click()
    page.get_by_role("link", name="Terms of use").click()
    page.get_by_label("Text (English)").fill("## House rules\n\nBe kind to each other.")
    page.get_by_role("button", name=re.compile("^Save$")).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(portal.portal.url("/terms/"))
    expect(page.get_by_role("heading", name="House rules")).to_be_visible()
    expect(page.get_by_text("Be kind to each other.")).to_be_visible()
