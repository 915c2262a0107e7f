"""A board member opens the participation figures from the board area, reads the numbers and a
chart, then looks at another period and sees other figures; the page passes the WCAG checks on a
desktop and on a phone."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.factories import UserFactory, board_user
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Endorsement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def endorsements(proposal, *moments):
    for moment in moments:
        endorsement = Endorsement.objects.create(proposal=proposal, user=UserFactory())
        Endorsement.objects.filter(pk=endorsement.pk).update(created_at=moment)


def figure(page, label):
    """The number shown under a headline label."""
    card = page.locator("dl").filter(has=page.locator("dt", has_text=re.compile(f"^{label}$")))
    return card.locator("dd")


def date_input(page, label):
    return page.get_by_role("textbox", name=re.compile(f"^{label}"))


def test_board_reads_the_participation_figures(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione")
    MembershipFactory(group=group)
    proposal = ProposalFactory(group=group, published=True)
    now = timezone.now()
    march = timezone.make_aware(datetime(2025, 3, 10, 18))
    endorsements(proposal, now, now - timedelta(days=1), now - timedelta(days=2), march)
    board_user(email="cda@example.org", language="en")

    log_in(page, "cda@example.org")
    page.goto(page.portal.url("/board/"))
    page.get_by_role("navigation", name="Board area").get_by_role(
        "link", name="Participation"
    ).click()
    expect(page.get_by_role("heading", name="Participation figures", level=1)).to_be_visible()
    expect(figure(page, "Endorsements")).to_have_text("3")
    expect(figure(page, "Active group memberships")).to_have_text("1")
    expect(page.get_by_role("img", name="Endorsements by month")).to_be_visible()
    expect(page.get_by_role("img", name="Active members by working group")).to_be_visible()
    assert violations(page) == []

    date_input(page, "From").fill("2025-03-01")
    date_input(page, "To").fill("2025-03-31")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name=re.compile(r"^From 1 March 2025 to"))).to_be_visible()
    expect(figure(page, "Endorsements")).to_have_text("1")
    chart = page.get_by_role("region", name="Endorsements by month")
    chart.get_by_text("Show the figures as a table").click()
    expect(chart.get_by_role("row", name=re.compile("March 2025"))).to_contain_text("1")

    page.set_viewport_size({"width": 390, "height": 844})
    assert violations(page) == []

    date_input(page, "To").fill("2025-02-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("The end of the period comes before")
    expect(figure(page, "Endorsements")).to_have_text("3")
