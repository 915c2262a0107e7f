"""The hand-offs of a proposal, each person finding on their dashboard what waits for them: a
member submits a proposal → staff publish it in the admin → the coordinator sees it on the
dashboard and in the notifications and forwards it → a board member sees it on the dashboard and
answers it, choosing the answer explicitly → the author reads the answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory, board_user, staff_user
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Una mappa dei soci per territorio"


def waiting(page):
    page.goto(page.portal.url("/dashboard/"))
    return page.get_by_role("region", name="Waiting for you")


def test_a_proposal_passes_from_hand_to_hand(portal):
    page = portal
    group = WorkingGroupFactory(name="Territori", slug="territori")
    anna = UserFactory(member=True, email="anna@example.org", language="en")
    MembershipFactory(group=group, user=anna)
    MembershipFactory(
        group=group,
        coordinator=True,
        user=UserFactory(member=True, email="carla@example.org", language="en"),
    )
    staff_user(email="staff@example.org", language="en")
    board_user(email="cda@example.org", language="en")
    draft = ProposalFactory(group=group, created_by=anna, title=TITLE)

    # Anna submits her draft
    log_in(page, "anna@example.org")
    expect(waiting(page)).to_contain_text("Nothing waits for you.")
    page.goto(page.portal.url(draft.get_absolute_url()))
    page.get_by_role("button", name="Submit to the staff").click()
    expect(page.locator("#proposal-status")).to_have_text("Submitted for moderation")
    proposal_url = page.url

    # the staff find it on their dashboard, open the filtered queue and publish it
    log_in(page, "staff@example.org")
    waiting(page).get_by_role("link", name="1 proposal to moderate").click()
    page.get_by_role("row", name=re.compile(TITLE)).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Publish the selected proposals to their group"
    )
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("1 item handled.")).to_be_visible()

    # the coordinator is told, and finds it on the dashboard among the group's proposals
    log_in(page, "carla@example.org")
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(
        page.get_by_role("link", name=re.compile("you can forward it to the board"))
    ).to_be_visible()
    waiting(page).get_by_role(
        "link", name="1 proposal of “Territori” to forward to the board"
    ).click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Forward to the board").click()
    expect(page.locator("#proposal-status")).to_have_text("Forwarded to the board")
    expect(waiting(page)).to_contain_text("Nothing waits for you.")

    # the board member is told, finds it waiting and answers, choosing the answer
    log_in(page, "cda@example.org")
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(page.get_by_role("link", name=re.compile("it waits for an answer"))).to_be_visible()
    waiting(page).get_by_role("link", name="1 recommendation waiting for an answer").click()
    expect(page.get_by_label("Status")).to_have_value("waiting")
    page.get_by_role("link", name=TITLE).click()
    for radio in page.get_by_role("radio").all():
        expect(radio).not_to_be_checked()
    page.get_by_role("textbox", name=re.compile(r"^Official answer")).fill(
        "Sì: la mappa sarà pronta per l'assemblea."
    )
    page.get_by_role("button", name="Publish the answer").click()
    # nothing was chosen: the browser keeps the form (the server would say so too)
    expect(page.get_by_text("The answer is published")).to_have_count(0)
    assert page.locator("input[name=answer]").first.evaluate("el => el.validity.valueMissing")
    page.get_by_role("radio", name="Accepted", exact=True).check()
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_text("The answer is published")).to_be_visible()
    expect(waiting(page)).to_contain_text("Nothing waits for you.")

    # Anna reads the answer
    log_in(page, "anna@example.org")
    page.goto(proposal_url)
    expect(page.get_by_role("heading", name="The board's answer: Accepted")).to_be_visible()
    answer = page.get_by_role("region", name="The board's answer: Accepted")
    expect(answer).to_contain_text("la mappa sarà pronta per l'assemblea")
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(page.get_by_role("link", name=re.compile("is now: Accepted"))).to_be_visible()
