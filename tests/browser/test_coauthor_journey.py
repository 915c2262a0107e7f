"""Co-authoring a proposal: the author invites two members of the group from the draft's page; the
first opens the invitation from the bell, reads the draft, accepts and edits it as co-author; the
second declines and the draft is closed to her again; the author hears both answers.

These people chose English; the Italian pages are walked by the other journeys."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.workgroups.factories import MembershipFactory, ProposalFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email, first_name, last_name):
    return UserFactory(
        member=True, email=email, first_name=first_name, last_name=last_name, language="en"
    )


def open_invitation(page):
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    page.get_by_role("link", name=re.compile("invites you to co-author")).click()


def test_invite_accept_and_edit_as_coauthor_or_decline(portal):
    page = portal
    group = WorkingGroupFactory(name="Formazione", slug="formazione")
    anna = person("anna@example.org", "Anna", "Rossi")
    for someone in (
        anna,
        person("luca@example.org", "Luca", "Bianchi"),
        person("marta@example.org", "Marta", "Verdi"),
    ):
        MembershipFactory(group=group, user=someone)
    ProposalFactory(
        group=group,
        created_by=anna,
        title="Un corso sui bandi europei",
        body="Molti soci perdono opportunità per mancanza di formazione.",
    )

    # Anna opens her draft from the dashboard and invites Luca and Marta
    log_in(page, "anna@example.org")
    page.get_by_role("link", name="Un corso sui bandi europei").click()
    proposal_url = page.url
    for name in ("Luca Bianchi", "Marta Verdi"):
        page.get_by_label("Member to invite").select_option(label=name)
        page.get_by_role("button", name="Invite as co-author").click()
        expect(page.get_by_text("Invitation sent.")).to_be_visible()

    # Luca follows the invitation from the bell, reads the draft and accepts
    log_in(page, "luca@example.org")
    open_invitation(page)
    expect(page).to_have_url(proposal_url)
    expect(page.locator("#proposal-status")).to_have_text("Draft")
    expect(page.get_by_text("Molti soci perdono opportunità")).to_be_visible()
    expect(page.get_by_text("You are invited to co-author this proposal.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Thank you for your answer.")).to_be_visible()

    # … and now edits it as co-author
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("Un corso annuale sui bandi europei")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Un corso annuale sui bandi europei")).to_be_visible()
    expect(page.get_by_text("By Anna Rossi, Luca Bianchi")).to_be_visible()

    # Marta reads the draft too, declines, and the draft is closed to her again
    log_in(page, "marta@example.org")
    open_invitation(page)
    expect(page.get_by_text("Molti soci perdono opportunità")).to_be_visible()
    page.get_by_role("link", name="Decline").click()
    expect(page.get_by_text("Are you sure?")).to_be_visible()
    page.locator("main").get_by_role("button", name="Decline").click()
    expect(page.get_by_text("Thank you for your answer.")).to_be_visible()
    expect(page.get_by_role("heading", name="Formazione")).to_be_visible()
    assert page.goto(proposal_url).status == 404

    # Anna was told of both answers
    log_in(page, "anna@example.org")
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(
        page.get_by_role("link", name=re.compile(r"Luca Bianchi answered .*: accepted\."))
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"Marta Verdi answered .*: declined\."))
    ).to_be_visible()
