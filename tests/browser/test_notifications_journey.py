"""Staff verify a membership in the admin; the member sees the bell, reads the notification, marks
everything read, and later stops those e-mails from the link in the e-mail, without logging in."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import last_link_in_mail, log_in
from tests.factories import MembershipRequestFactory, UserFactory, staff_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_member_is_notified_reads_and_unsubscribes(portal, browser):
    page = portal
    person = UserFactory(email="marta@example.org", first_name="Marta", last_name="Gallo")
    MembershipRequestFactory(user=person, membership_number="SC-2024-77")
    staff_user(email="staff@example.org")

    # staff verify the membership in the admin
    log_in(page, "staff@example.org")
    page.goto(portal.portal.url("/admin/accounts/membershiprequest/?status__exact=pending"))
    page.get_by_role("row", name=re.compile("SC-2024-77")).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Verifica le adesioni selezionate")
    page.get_by_role("button", name="Vai").click()
    page.get_by_role("button", name="Conferma").click()
    expect(page.get_by_text("1 elemento gestito.")).to_be_visible()

    # the member sees the bell and reads the news
    log_in(page, "marta@example.org")
    bell = page.get_by_role("link", name="Notifiche: 1 non letta")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("link", name=re.compile("verificato la tua adesione"))).to_be_visible()
    page.get_by_role("button", name="Segna tutte come lette").click()
    expect(page.get_by_role("link", name="Notifiche: 0 non lette")).to_be_visible()
    expect(page.get_by_role("button", name="Segna come letta")).to_have_count(0)

    # later, from the e-mail: stop these e-mails, without logging in
    link = last_link_in_mail(r"/notifications/unsubscribe/")
    anonymous = browser.new_page()
    anonymous.goto(link)
    anonymous.get_by_role("button", name="Annulla iscrizione").click()
    expect(anonymous.get_by_role("status")).to_contain_text("non riceverai più e-mail")
    anonymous.close()
    assert person.notification_preferences.get().channel == "off"
