"""Your data: a member downloads the archive of their data, then deletes their account."""

import json
import re
import zipfile

import pytest

from tests.browser.conftest import SIGN_IN, log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def test_download_my_data_then_delete_my_account(portal, transactional_db):
    member = UserFactory(
        member=True, email="ada.lovelace@example.org", first_name="Ada", last_name="Lovelace"
    )
    log_in(portal, member.email)

    portal.goto(portal.portal.url("/me/data/"))
    portal.get_by_role("button", name=re.compile("Prepara il mio archivio")).click()
    portal.wait_for_url("**/me/data/")
    link = portal.get_by_role("link", name=re.compile("Archivio del"))
    with portal.expect_download() as download_info:
        link.click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["sections"]["accounts.User"][0]["email"] == "ada.lovelace@example.org"

    portal.get_by_role("link", name="Elimina il mio account").click()
    portal.get_by_label(re.compile("La tua password")).fill(PASSWORD)
    portal.get_by_label(re.compile("Ho capito")).check()
    portal.get_by_role("button", name="Elimina il mio account").click()
    portal.wait_for_url(re.compile(r"/$"))

    portal.goto(portal.portal.url("/accounts/login/"))
    portal.get_by_label(re.compile(r"^\s*E-mail\*?\s*$")).fill("ada.lovelace@example.org")
    portal.get_by_label("Password").fill(PASSWORD)
    portal.locator("main").get_by_role("button", name=SIGN_IN).click()
    assert "/accounts/login/" in portal.url
    assert (
        portal.get_by_role("alert").count() or portal.locator(".alert-danger, .errorlist").count()
    )
