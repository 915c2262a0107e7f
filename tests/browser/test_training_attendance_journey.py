"""Attendance and certificates, from the register to a revoked certificate: the trainer opens the
register of a course's sessions and marks a participant present, then shows the check-in code of
the last session; another participant types it on the check-in page and is recorded; the first
participant downloads her certificate from its notification; a visitor verifies it; staff revoke
it in the admin with a reason, and the verification page then says it is revoked.

These people chose English; the Italian pages are walked by the other journeys."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory, staff_user
from tests.training.factories_attendance import make_course, make_trainer, seat, sessions_of
from training.models import Attendance, Certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(email, first_name, last_name):
    return UserFactory(email=email, first_name=first_name, last_name=last_name, language="en")


def test_register_checkin_certificate_verify_and_revoke(portal):
    page = portal
    trainer = make_trainer(
        user=person("giulia@example.org", "Giulia", "Formatrice"), name="Giulia Formatrice"
    )
    # two sessions of two hours: yesterday's, and one that started ten minutes ago (the last)
    course = make_course(
        trainer=trainer,
        sessions=2,
        starts_in=timedelta(days=-1, minutes=-10),
        title="Governance cooperativa",
    )
    anna = person("anna@example.org", "Anna", "Rossi")
    luca = person("luca@example.org", "Luca", "Bianchi")
    for someone in (anna, luca):
        seat(course, someone)
    staff_user(email="staff@example.org", language="en")
    yesterday, today = sessions_of(course)

    # the trainer keeps the register of yesterday's session: both were there
    log_in(page, "giulia@example.org")
    page.goto(page.portal.url(f"/training/corsi/{course.pk}/sessioni/{yesterday.pk}/registro/"))
    expect(page.get_by_role("heading", name=re.compile("Register"))).to_be_visible()
    page.get_by_role("button", name="Everybody present").click()
    expect(page.get_by_text("Register saved.")).to_be_visible()

    # today's (the last): Anna is present; then the trainer shows the check-in code
    page.goto(page.portal.url(f"/training/corsi/{course.pk}/sessioni/{today.pk}/registro/"))
    page.get_by_label("Anna Rossi present").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_text("Register saved.")).to_be_visible()
    page.get_by_role("button", name="Show the check-in code").click()
    code = page.get_by_test_id("checkin-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{6}", code)

    # Luca types the code on the check-in page and is recorded present
    log_in(page, "luca@example.org")
    page.goto(page.portal.url("/training/check-in/"))
    page.get_by_label("Check-in code").fill("WRONG1")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("No session open for check-in has this code")).to_be_visible()
    page.get_by_label("Check-in code").fill(code.lower())
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("You are recorded as present.")).to_be_visible()
    assert Attendance.objects.get(session=today, user=luca).present

    # Anna downloads her certificate from its notification
    certificate = Certificate.objects.get(course=course, user=anna)
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/notifications/"))
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Your certificate for")).click()
    pdf = download.value
    assert pdf.suggested_filename == f"attestato-{certificate.code}.pdf"
    with open(pdf.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # a visitor (the portal speaks Italian to them) verifies the code, typed without dashes
    page.context.clear_cookies()
    page.goto(page.portal.url("/training/verifica/"))
    page.get_by_label(re.compile("Codice di verifica|Verification code")).fill(
        certificate.code.replace("-", "").lower()
    )
    page.get_by_role("button", name=re.compile("^(Verifica|Verify)$")).click()
    expect(page.get_by_test_id("verdict")).to_contain_text(re.compile("Valido|Valid"))
    expect(page.locator("main")).to_contain_text("Anna Rossi")
    expect(page.locator("main")).not_to_contain_text("anna@example.org")

    # staff revoke it in the admin with a reason
    log_in(page, "staff@example.org")
    page.goto(page.portal.url("/admin/training/certificate/"))
    page.locator(f"input[name=_selected_action][value='{certificate.pk}']").check()
    page.locator("select[name=action]").select_option("revoke")
    page.get_by_role("button", name="Go").click()
    page.get_by_label(re.compile("Reason")).fill("Attendance recorded by mistake")
    page.get_by_role("button", name="Confirm").click()
    certificate.refresh_from_db()
    assert certificate.is_revoked

    # the verification page now says it is revoked
    page.context.clear_cookies()
    page.goto(page.portal.url(certificate.get_verify_url()))
    expect(page.get_by_test_id("verdict")).to_contain_text(re.compile("Revocato|Revoked"))
    expect(page.locator("main")).not_to_contain_text("recorded by mistake")
