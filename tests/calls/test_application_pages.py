"""The applicants' and reviewers' pages make as many queries with many rows as with few."""

import pytest
from django.urls import reverse

from calls.models import CallFollow, Criterion, Rule, SavedSearch
from calls.services import applications as services
from calls.services import reviews
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.helpers.html import as_shown

pytestmark = pytest.mark.django_db


def _fetch(client, url):
    def fetch():
        assert client.get(url).status_code == 200

    return fetch


def test_the_application_page_stays_flat(client, member, assert_flat_queries):
    call = FundingCallFactory()
    application = services.application_create(
        call=call, by=member, title="Teatro", requested_amount="100"
    )
    client.force_login(member)

    def grow(n):
        for i in range(n):
            services.budget_line_add(
                application=application, by=member, description=f"v{i}", amount="10"
            )
            services.co_applicant_invite(
                application=application, by=member, user=UserFactory(member=True)
            )
            Rule.objects.create(title=f"Regola {Rule.objects.count()}", call=call)

    assert_flat_queries.check(_fetch(client, application.get_absolute_url()), grow, many=10)


def test_my_applications_and_follows_stay_flat(client, member, staff, assert_flat_queries):
    client.force_login(member)
    Criterion.objects.create(name="Qualità")

    def grow(n):
        for _ in range(n):
            call = FundingCallFactory()
            CallFollow.objects.create(user=member, call=call)
            SavedSearch.objects.create(user=member, name="r", query=f"q=x{call.pk}")
            mine = services.application_create(call=call, by=member, title="Mia")
            other = services.application_create(
                call=call, by=UserFactory(member=True), title="A", requested_amount="5"
            )
            services.budget_line_add(application=other, by=other.lead, description="x", amount="9")
            other = services.application_submit(application=other, by=other.lead)
            reviews.review_assign(application=other, reviewer=member, by=staff)
            assert mine.pk

    for url in (reverse("calls:application_list"), reverse("calls:my_follows")):
        assert_flat_queries.check(_fetch(client, url), grow)


def test_the_review_page_stays_flat(client, member, staff, assert_flat_queries):
    call = FundingCallFactory()
    lead = UserFactory(member=True)
    application = services.application_create(call=call, by=lead, title="P", requested_amount="5")
    services.budget_line_add(application=application, by=lead, description="x", amount="9")
    application = services.application_submit(application=application, by=lead)
    review = reviews.review_assign(application=application, reviewer=member, by=staff)
    client.force_login(member)

    def grow(n):
        for i in range(n):
            Criterion.objects.create(name=f"Criterio {Criterion.objects.count()}")
            services.BudgetLine.objects.create(
                application=application, description=f"b{i}", amount=1
            )

    assert_flat_queries.check(
        _fetch(client, reverse("calls:review_detail", args=[review.pk])), grow
    )


def test_the_confirmation_pages_name_their_action_on_the_button(client, member):
    """Withdrawing and declining ask first; the button says what it does (not an address)."""
    call = FundingCallFactory()
    application = services.application_create(
        call=call, by=member, title="Teatro", requested_amount="100"
    )
    guest = UserFactory(member=True)
    services.co_applicant_invite(application=application, by=member, user=guest)
    client.force_login(member)
    url = reverse("calls:application_move", args=[application.pk, "withdraw"])
    page = client.get(url)
    assert _button(page, "Withdraw the application")
    assert f">{url}</button>" not in page.content.decode()
    client.force_login(guest)
    page = client.get(reverse("calls:co_applicant_answer", args=[application.pk, "decline"]))
    assert _button(page, "Decline the invitation")


def _button(page, label):
    """The page has a button with `label`, in the language it was served in."""
    text = as_shown(label, page.headers.get("Content-Language", "it"))
    return f">{text}</button>" in page.content.decode()
