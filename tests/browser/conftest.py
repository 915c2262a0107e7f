import re

import pytest
from django.core import mail

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, page, settings):
    """A browser page pointed at the live portal; `portal.url(path)` builds addresses."""
    page.set_default_timeout(10_000)
    settings.SITE_URL = live_server.url  # links in e-mails lead back to this server

    class Portal:
        base = live_server.url

        def url(self, path):
            return f"{live_server.url}{path}"

    page.portal = Portal()
    return page


def last_link_in_mail(pattern):
    """The last link matching `pattern` in the e-mails sent so far (locmem backend)."""
    for message in reversed(mail.outbox):
        found = re.findall(r"https?://\S+", message.body)
        for link in found:
            if re.search(pattern, link):
                return link
    raise AssertionError(f"No link matching {pattern!r} in {len(mail.outbox)} e-mail(s)")


SIGN_IN = re.compile("^(Accedi|Sign In)$")


def log_in(page, email, password=None):
    """Log in through the login page, as a person would (Italian or English labels); when the
    portal asks for the second factor, type the code the person's authenticator app shows."""
    from tests.factories import PASSWORD, totp_code, totp_secret_of

    page.context.clear_cookies()
    page.goto(page.portal.url("/accounts/login/"))
    page.get_by_label(re.compile(r"^\s*E-mail\*?\s*$")).fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.locator("main").get_by_role("button", name=SIGN_IN).click()
    page.wait_for_url(re.compile(r"/(dashboard|accounts/2fa/authenticate)/$"))
    if "/accounts/2fa/authenticate/" in page.url:
        page.get_by_label(re.compile("Codice|Code")).fill(totp_code(totp_secret_of(email)))
        page.locator("main").get_by_role("button", name=SIGN_IN).click()
    page.wait_for_url("**/dashboard/")
