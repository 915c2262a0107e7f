"""Applying through the cooperative, from the search to the decision: a member searches "cultura",
opens her calls, follows one, drafts an application, invites a co-applicant who accepts, ticks the
declared rule and submits; staff assign a reviewer in the admin; the reviewer declares no conflict
of interest and scores; staff approve; the lead sees each step and its notifications, and never
the reviewer's name or score.

These people chose English; the Italian pages are walked by the other journeys."""

import re

import pytest
from playwright.sync_api import expect

from calls.models import Application, Criterion, Rule
from coopportal.accounts.models import Province, Sector
from tests.browser.conftest import log_in
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email, first_name, last_name, **fields):
    return UserFactory(
        member=True,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language="en",
        **fields,
    )


def run_admin_action(page, application, action, reason=""):
    page.goto(page.portal.url("/admin/calls/application/"))
    page.locator(f"input[name=_selected_action][value='{application.pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()
    if reason:
        page.get_by_label(re.compile("Reason")).fill(reason)
    page.get_by_role("button", name="Confirm").click()


def test_search_follow_apply_review_and_approve(portal):
    page = portal
    anna = person("anna@example.org", "Anna", "Rossi", province=Province.objects.get(sigla="RM"))
    anna.sectors.set(Sector.objects.filter(code="R"))
    person("luca@example.org", "Luca", "Bianchi")
    person("rita@example.org", "Rita", "Revisora")
    staff_user(email="staff@example.org", language="en")
    FundingCallFactory(
        title="Contributi per attività culturali",
        regions=["12"],
        sectors=["R"],
        beneficiaries=["cooperatives"],
        deadlines=(60,),
        internal_deadline_days=10,
    )
    FundingCallFactory(title="Agricoltura biologica", regions=["12"], sectors=["A"])
    Rule.objects.create(title="The project serves the cooperative's mutual purpose")
    Criterion.objects.create(name="Quality of the project")
    Criterion.objects.create(name="Impact on the territory")

    # Anna searches in Italian and finds the call on "attività culturali"
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/calls/"))
    page.get_by_role("search").get_by_label("Search").fill("cultura")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(
        page.locator("main ol").get_by_role("link", name="Contributi per attività culturali")
    ).to_be_visible()

    # her calls: the culture call first, with why; not the agriculture one
    page.goto(page.portal.url("/calls/per-me/"))
    first = page.locator("#calls-for-me > li").first
    expect(first).to_contain_text("Contributi per attività culturali")
    expect(first).to_contain_text("region Lazio")
    expect(page.get_by_role("link", name="Agricoltura biologica")).to_have_count(0)

    # she follows the call, then applies through the cooperative
    first.get_by_role("link", name="Contributi per attività culturali").click()
    page.get_by_role("button", name="Follow this call").click()
    expect(page.get_by_text("You follow this call")).to_be_visible()
    page.get_by_role("link", name="Apply through the cooperative").click()
    page.get_by_label("Project title").fill("Teatro di comunità a Tor Pignattara")
    page.get_by_label("Summary of the project").fill("Un teatro per il quartiere.")
    page.get_by_label("Amount requested (€)").fill("12000")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("#application-status")).to_have_text("Draft")
    application_url = page.url
    page.get_by_label("Item").fill("Attori e tecnici")
    page.get_by_label("Amount (€)").fill("15000")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Budget line added.")).to_be_visible()
    page.get_by_label("E-mail of the member to invite").fill("luca@example.org")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Invitation sent.")).to_be_visible()

    # Luca follows the invitation from the bell and accepts
    log_in(page, "luca@example.org")
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    page.get_by_role("link", name=re.compile("invites you to apply together")).click()
    expect(page).to_have_url(application_url)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("#co-applicants")).to_contain_text("Luca Bianchi — Accepted")

    # Anna declares the rule and submits
    log_in(page, "anna@example.org")
    page.goto(application_url)
    page.get_by_label("The project serves the cooperative's mutual purpose").check()
    page.get_by_role("button", name="Save the declarations").click()
    page.get_by_role("button", name="Submit to the cooperative").click()
    expect(page.get_by_text("Submitted: the staff will review it.")).to_be_visible()
    expect(page.locator("#application-status")).to_have_text("Submitted to the cooperative")

    # staff assign Rita as reviewer in the admin
    application = Application.objects.get()
    log_in(page, "staff@example.org")
    page.goto(page.portal.url(f"/admin/calls/application/{application.pk}/change/"))
    page.get_by_label("Assign a reviewer").select_option(label="Rita Revisora")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("Rita Revisora is asked to review it.")).to_be_visible()

    # Rita declares no conflict of interest and scores
    log_in(page, "rita@example.org")
    page.goto(page.portal.url("/calls/candidature/"))
    page.get_by_role("link", name="Teatro di comunità a Tor Pignattara").click()
    page.get_by_label(re.compile("I have no conflict of interest")).check()
    page.get_by_role("button", name="Declare").click()
    for criterion in Criterion.objects.all():  # each criterion's row of 1–5 choices
        page.locator(f"input[name=score_{criterion.pk}][value='4']").check()
    page.get_by_label("Overall comment (for the staff)").fill("Solido, ben costruito.")
    page.get_by_role("button", name="Send the review").click()
    expect(page.locator("#review-sent")).to_be_visible()

    # staff start the review and approve, with the reasons the applicants read
    log_in(page, "staff@example.org")
    run_admin_action(page, application, "start_review")
    run_admin_action(page, application, "approve", reason="Coerente con il bando.")
    expect(page.get_by_text("1 item handled.")).to_be_visible()

    # Anna sees each step and her notifications, never Rita's name or score
    log_in(page, "anna@example.org")
    page.goto(application_url)
    expect(page.locator("#application-status")).to_have_text("Approved by the cooperative")
    expect(page.locator("#decision")).to_contain_text("Coerente con il bando.")
    timeline = page.locator("#timeline")
    for step in ("Submitted to the cooperative", "In review", "Approved by the cooperative"):
        expect(timeline).to_contain_text(step)
    content = page.locator("main").inner_text()
    assert "Rita" not in content and "Revisora" not in content and "Solido" not in content
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(
        page.get_by_text(re.compile("Teatro di comunità a Tor Pignattara.*Approved"))
    ).to_be_visible()
