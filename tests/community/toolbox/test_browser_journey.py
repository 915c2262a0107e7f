"""The toolbox, clicked through: Anna, a member, suggests a guide she found useful; staff (with
their second factor) publish it in the admin, and Anna is told; a visitor then finds it by
searching the toolbox in other words (*comunita energetica* for *comunità energetiche*)."""

import re

import pytest
from playwright.sync_api import expect

from community.toolbox.models import Resource, ResourceStatus
from coopportal.notifications.models import Notification
from tests.browser.conftest import log_in
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Guida alle comunità energetiche rinnovabili"


def field(page, label):
    """A form field by its label, with or without the asterisk of the required ones."""
    return page.locator("main").get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def test_member_suggests_staff_publish_visitor_finds(portal):
    page = portal
    anna = UserFactory(member=True, email="anna@example.org", first_name="Anna", language="en")
    staff_user(email="staff@example.org", language="en")

    # 1. Anna suggests a resource from the toolbox's page
    log_in(page, anna.email)
    page.goto(page.portal.url("/community/toolbox/"))
    page.locator("main").get_by_role("link", name="Suggest a resource").click()
    page.wait_for_url("**/community/toolbox/suggest/")
    field(page, "Title").fill(TITLE)
    field(page, "Short description").fill(
        "Come costituire una comunità energetica e quali incentivi chiedere."
    )
    field(page, "Kind").select_option(label="Guide")
    field(page, "Area").select_option(label="Funding")
    field(page, "Link").fill("https://risorse.example.org/cer")
    field(page, "Tags").fill("energia, incentivi")
    page.locator("main").get_by_role("button", name="Send the suggestion").click()
    expect(page.locator("#resource-status")).to_contain_text("Suggested, waiting for staff")
    resource = Resource.objects.get(title=TITLE)
    assert resource.status == ResourceStatus.SUGGESTED and resource.suggested_by == anna

    # 2. staff publish it from the admin's queue
    log_in(page, "staff@example.org")
    page.goto(page.portal.url("/admin/community/resource/?status__exact=suggested"))
    page.get_by_role("row", name=re.compile("comunità energetiche")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Publish the selected resources in the toolbox"
    )
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("1 item handled.")).to_be_visible()
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED
    assert Notification.objects.filter(
        recipient=anna, kind="community.toolbox_suggestion_published"
    ).exists()

    # 3. a visitor finds it by searching in other words
    page.context.clear_cookies()
    page.goto(page.portal.url("/community/toolbox/"))
    search = page.locator("main form[role=search]")
    search.locator("input[name=q]").fill("comunita energetica")
    search.locator("button[type=submit]").click()
    page.locator("#resource-list").get_by_role("link", name=TITLE).click()
    expect(page.locator("main h1")).to_have_text(TITLE)
    expect(page.locator("#resource-open")).to_have_attribute(
        "href", f"/community/toolbox/{resource.pk}/open/"
    )
