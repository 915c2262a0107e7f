"""Training needs and consultations, as people live them: a member suggests a topic, a second
member supports it, staff turn it into a course in the admin and both supporters find it in the
bell; then a member asks for a free consultation, staff assign a consultant in the admin and the
member sees the consultant's name.

These people chose English; the Italian pages are walked by the other journeys."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import UserFactory, staff_user
from tests.training.factories_requests import AreaFactory
from training.models import ConsultationRequest, Course, TrainingNeed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BELL = re.compile(r"^Notifications: \d+ unread")


def person(email, first_name, last_name, **fields):
    return UserFactory(
        member=True, email=email, first_name=first_name, last_name=last_name, language="en"
    )


def test_a_need_becomes_a_course_and_the_supporters_are_told(portal):
    page = portal
    person("anna@example.org", "Anna", "Rossi")
    person("luca@example.org", "Luca", "Bianchi")
    staff_user(email="staff@example.org", language="en")
    AreaFactory(name="Digital innovation", slug="digitale")

    # Anna suggests a topic
    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/training/bisogni/"))
    page.get_by_role("link", name="Suggest a topic").click()
    page.get_by_label("Topic").fill("Social media for cooperatives")
    page.get_by_label("What you would like to learn").fill("Planning posts, measuring reach.")
    page.get_by_label("Area").select_option(label="Digital innovation")
    page.get_by_role("button", name="Suggest").click()
    expect(page.locator("#needs")).to_contain_text("Social media for cooperatives")
    expect(page.locator("#needs")).to_contain_text("1 supporter")

    # Luca supports it
    log_in(page, "luca@example.org")
    page.goto(page.portal.url("/training/bisogni/"))
    page.get_by_role("button", name="I need it too").click()
    expect(page.locator("#needs")).to_contain_text("2 supporters")
    expect(page.get_by_role("button", name="Withdraw my support")).to_be_visible()

    # staff turn it into a course in the admin
    need = TrainingNeed.objects.get()
    log_in(page, "staff@example.org")
    page.goto(page.portal.url("/admin/training/trainingneed/"))
    page.locator(f"input[name=_selected_action][value='{need.pk}']").check()
    page.locator("select[name=action]").select_option("to_course")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("1 item handled.")).to_be_visible()
    course = Course.objects.get()
    assert course.from_need == need and course.title == "Social media for cooperatives"

    # both supporters find it in the bell
    for email in ("anna@example.org", "luca@example.org"):
        log_in(page, email)
        page.get_by_role("link", name=BELL).click()
        expect(
            page.get_by_text(re.compile("Social media for cooperatives.*became a course"))
        ).to_be_visible()


def test_a_member_asks_for_a_consultation_and_sees_the_consultant(portal):
    page = portal
    person("anna@example.org", "Anna", "Rossi")
    staff_user(email="staff@example.org", language="en")
    staff_user(email="carla@example.org", first_name="Carla", last_name="Consulente")

    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/training/consulenze/"))
    page.get_by_role("link", name="Ask for a free consultation").click()
    page.get_by_label("Topic").fill("Changing our statute")
    page.get_by_label("What you need").fill("We want to become a community cooperative.")
    page.get_by_label("When suits you").fill("Thursday afternoons")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("[data-status]")).to_have_text("Requested")
    expect(page.locator("[data-consultant]")).to_have_text("not assigned yet")

    consultation = ConsultationRequest.objects.get()
    log_in(page, "staff@example.org")
    page.goto(page.portal.url(f"/admin/training/consultationrequest/{consultation.pk}/change/"))
    page.get_by_label("Assign a consultant").select_option(label="Carla Consulente")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("Carla Consulente is the consultant.")).to_be_visible()

    log_in(page, "anna@example.org")
    page.goto(page.portal.url("/training/consulenze/"))
    expect(page.locator("#consultations")).to_contain_text("Carla Consulente")
    page.get_by_role("link", name="Changing our statute").click()
    expect(page.locator("[data-consultant]")).to_have_text("Carla Consulente")
    expect(page.locator("[data-status]")).to_have_text("Consultant assigned")
