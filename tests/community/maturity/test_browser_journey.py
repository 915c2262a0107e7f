"""A member assesses their cooperative in the browser: from the community's self-assessment page
to the questionnaire, answering every question (the scales with a click, a few boxes ticked),
then the result: the radar chart with its table, and the recommendations for the weakest
dimension, which link to the course and the call that match it. Both pages pass axe (WCAG 2.2 AA).

Selectors are the page's structure and addresses, not its words: the strings are translated at
merge time (locale/pending/maturity.json)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from community.maturity.models import MaturityAssessment
from community.maturity.questionnaire import CURRENT, SCALE
from tests.browser.conftest import log_in, portal  # noqa: F401 - the fixture
from tests.browser.test_accessibility import violations
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.training.factories import CourseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_fills_in_the_self_assessment_and_sees_the_radar_and_recommendations(portal):  # noqa: F811
    page = portal
    member = UserFactory(member=True, email="elena@example.org", first_name="Elena")
    course = CourseFactory(title="Sicurezza informatica e protezione dei dati")
    call = FundingCallFactory(title="Bando per la sicurezza dei dati nelle cooperative")

    log_in(page, member.email)
    page.goto(page.portal.url(reverse("community:maturity_index")))
    page.locator(f"main a[href='{reverse('community:maturity_new')}']").first.click()
    page.wait_for_url("**/community/maturity/new/")
    assert violations(page) == []

    for question in CURRENT.questions():
        name = f"q_{question.key}"
        if question.kind == SCALE:  # everything strong but data
            value = 1 if question.key.startswith("data_") else 4
            page.locator(f"input[name='{name}'][value='{value}']").check()
        elif not question.key.startswith("data_"):
            for key in question.option_keys[:-1]:
                page.locator(f"input[name='{name}'][value='{key}']").check()
    page.locator("#maturity-form button[type='submit']").click()

    page.wait_for_url("**/community/maturity/results/*/")
    assessment = MaturityAssessment.objects.get(user=member)
    assert assessment.score_data == 8  # (0 + 0 + 1/4) / 3
    radar = page.locator("svg.maturity-radar")
    expect(radar).to_be_visible()
    expect(radar.locator("polygon.maturity-radar-now")).to_have_count(1)
    expect(page.locator("#maturity-scores tbody tr")).to_have_count(7)
    recommendations = page.locator("#maturity-recommendations")
    expect(recommendations.locator(f"a[href='{course.get_absolute_url()}']")).to_be_visible()
    expect(recommendations.locator(f"a[href='{call.get_absolute_url()}']")).to_be_visible()
    assert violations(page) == []

    recommendations.locator(f"a[href='{course.get_absolute_url()}']").click()
    page.wait_for_url(f"**{course.get_absolute_url()}")
