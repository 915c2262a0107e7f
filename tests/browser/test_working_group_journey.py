"""The portal's core journey: a member joins a group, starts a discussion, drafts and submits a
proposal; staff publish it in the admin; another member endorses it; the coordinator forwards
it to the board; the author sees the timeline and got the notifications.

These people chose English; the Italian pages are walked by the other journeys."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory, staff_user
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_discuss_propose_moderate_endorse_forward(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    MembershipFactory(
        group=group,
        coordinator=True,
        user=UserFactory(member=True, email="carla@example.org", language="en"),
    )
    MembershipFactory(
        group=group, user=UserFactory(member=True, email="luca@example.org", language="en")
    )
    UserFactory(member=True, email="anna@example.org", first_name="Anna", language="en")
    staff_user(email="staff@example.org", language="en")

    # Anna joins the group and starts a discussion
    log_in(page, "anna@example.org")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Working groups"
    ).click()
    page.get_by_role("link", name="Formazione").click()
    page.get_by_role("button", name="Join the group").click()
    expect(page.get_by_text("Welcome to the group!")).to_be_visible()
    page.get_by_role("link", name="Start a discussion").click()
    page.get_by_label("Title").fill("Corsi sui bandi europei")
    page.get_by_label("First message").fill("Chi è interessato a un corso sui bandi?")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Chi è interessato a un corso sui bandi?")).to_be_visible()

    # … then drafts a proposal and submits it to the staff
    page.goto(portal.portal.url(group.get_absolute_url()))
    page.get_by_role("link", name="Write a proposal").click()
    page.get_by_label("Title").fill("Un corso sui bandi europei per i soci")
    page.get_by_label("Summary").fill("Chiediamo al CdA un corso annuale sui bandi europei.")
    page.get_by_label("Text").fill("Molti soci perdono opportunità per mancanza di formazione.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("#proposal-status")).to_have_text("Draft")
    page.get_by_role("button", name="Submit to the staff").click()
    expect(page.locator("#proposal-status")).to_have_text("Submitted for moderation")
    proposal_url = page.url

    # staff publish it from the moderation queue in the admin
    log_in(page, "staff@example.org")
    page.goto(portal.portal.url("/admin/workgroups/proposal/?status__exact=submitted"))
    page.get_by_role("row", name=re.compile("Un corso sui bandi europei")).get_by_role(
        "checkbox"
    ).check()
    page.locator("select[name=action]").select_option(
        label="Publish the selected proposals to their group"
    )
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("1 item handled.")).to_be_visible()

    # another member of the group endorses it
    log_in(page, "luca@example.org")
    page.goto(proposal_url)
    page.get_by_role("button", name="Endorse this proposal").click()
    expect(page.locator("#endorsements-count")).to_have_text("1 endorsement")

    # the coordinator forwards it to the board
    log_in(page, "carla@example.org")
    page.goto(proposal_url)
    page.get_by_role("button", name="Forward to the board").click()
    expect(page.locator("#proposal-status")).to_have_text("Forwarded to the board")

    # the author sees the whole story and was told at each step
    log_in(page, "anna@example.org")
    page.goto(proposal_url)
    timeline = page.get_by_role("region", name="Timeline")
    for step in (
        "Draft created",
        "Submitted for moderation",
        "Published",
        "Forwarded to the board",
    ):
        expect(timeline).to_contain_text(step)
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(page.get_by_role("link", name=re.compile("is now: Published"))).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("is now: Forwarded to the board"))
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("endorsed it"))).to_be_visible()
