"""A visitor looks for funding for culture: searches "cultura", finds the call on "attività
culturali", narrows the list to Lazio, opens the call and sees how long is left — the countdown
the page renders and its script keeps current, under the Content-Security-Policy.

This visitor chose English with the language switcher."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.calls.factories import FundingCallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_and_opens_a_call(portal):
    page = portal
    now = timezone.now()
    FundingCallFactory(
        title="Contributi per attività culturali",
        funder="Regione Lazio",
        regions=["12"],
        deadlines=[now + timedelta(days=12, hours=3)],
    )
    FundingCallFactory(title="Cultura e territorio in Lombardia", regions=["03"])
    FundingCallFactory(title="Agricoltura biologica", regions=["12"])
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": page.portal.base}]
    )

    page.goto(page.portal.url("/"))
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Funding calls"
    ).click()
    page.get_by_role("search").get_by_label("Search").fill("cultura")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    results = page.locator("main ol")
    expect(results.get_by_role("link", name="Contributi per attività culturali")).to_be_visible()
    expect(results.get_by_role("link", name="Cultura e territorio in Lombardia")).to_be_visible()
    expect(results.get_by_role("link", name="Agricoltura biologica")).to_have_count(0)

    # the sidebar counts the calls per region; Lazio keeps one of them
    filters = page.get_by_role("complementary", name="Filters")
    expect(filters.get_by_role("listitem").filter(has_text="Lazio")).to_contain_text("(1)")
    assert violations(page) == []  # WCAG 2.2 AA (axe-core)
    filters.get_by_role("link", name="Lazio").click()
    expect(page.locator("#results-count")).to_have_text("1 call found")
    expect(results.get_by_role("link", name="Cultura e territorio in Lombardia")).to_have_count(0)

    results.get_by_role("link", name="Contributi per attività culturali").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contributi per attività culturali")
    countdown = page.locator("#countdown")
    expect(countdown).to_be_visible()
    expect(countdown.locator("[data-countdown-days]")).to_have_text("12")
    expect(countdown.locator("[data-countdown-hours]")).to_have_text(re.compile(r"^[23]$"))
    expect(page.get_by_text("Through the cooperative:")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
