"""A member who cannot log in asks the staff for help: a staff member finds her in the admin and
sends her a password reset e-mail (staff cannot set passwords, nor edit a superuser's account);
she opens the link, chooses a new password and logs in."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import last_link_in_mail, log_in
from tests.factories import UserFactory, staff_user, superuser_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NEW_PASSWORD = "Ricomincio-da-capo-2026"


def test_staff_send_a_reset_email_and_the_member_chooses_a_new_password(portal):
    page = portal
    staff = staff_user(email="staff@example.org")
    member = UserFactory(member=True, email="smemorata@example.org", first_name="Anna")
    boss = superuser_user(email="capo@example.org")

    log_in(page, staff.email)
    page.goto(page.portal.url("/admin/accounts/user/"))
    page.get_by_role("textbox").first.fill(member.email)
    page.get_by_role("button", name=re.compile("^(Cerca|Search)$")).click()
    page.get_by_role("row", name=re.compile(member.email)).get_by_role("checkbox").check()
    page.get_by_label(re.compile("^(Azione|Action)")).select_option(value="send_password_reset")
    page.get_by_role("button", name=re.compile("^(Vai|Go)$")).click()
    expect(page.locator(".messagelist .success")).to_contain_text("1")

    # the superuser's page is read-only for staff, with no password to set
    page.goto(page.portal.url(f"/admin/accounts/user/{boss.pk}/change/"))
    expect(page.get_by_role("textbox", name=re.compile("^Email", re.IGNORECASE))).to_have_count(0)
    expect(page.locator('a[href$="../password/"]')).to_have_count(0)
    page.goto(page.portal.url(f"/admin/accounts/user/{boss.pk}/password/"))
    expect(
        page.get_by_role(
            "heading",
            name=re.compile(
                "403|Forbidden|Vietato|Non puoi aprire questa pagina|You cannot open this page"
            ),
        )
    ).to_be_visible()

    # Anna opens the link from the e-mail and chooses a new password
    page.context.clear_cookies()
    page.goto(last_link_in_mail(r"/accounts/password/reset/key/"))
    page.get_by_label(re.compile(r"^\s*Nuova password\*?\s*$")).fill(NEW_PASSWORD)
    page.get_by_label("Nuova password (nuovamente)").fill(NEW_PASSWORD)
    page.get_by_role(
        "button", name=re.compile("^Cambia la (tua )?password$", re.IGNORECASE)
    ).click()
    expect(page.get_by_text("Password cambiata con successo.")).to_be_visible()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)

    log_in(page, member.email, NEW_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Anna"))).to_be_visible()
