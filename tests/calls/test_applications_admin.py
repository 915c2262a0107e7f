"""Staff's side of applications in the admin: bulk decisions with reasons, reviewers assigned on
the application's page, reviews with scores, exports as CSV and XLSX; other roles are kept out."""

import io
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from calls.models import Application, Criterion, Review
from calls.services import applications as services
from calls.services import reviews
from coopportal.notifications.models import Notification
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.helpers.html import form_values


def staff_client_language(response):
    return response.wsgi_request.LANGUAGE_CODE


pytestmark = pytest.mark.django_db
Status = Application.Status
CHANGELIST = reverse("admin:calls_application_changelist")


def _submitted(title="Teatro", *, lead=None, amount="1000", co_applicant=None):
    lead = lead or UserFactory(member=True)
    application = services.application_create(
        call=FundingCallFactory(title=f"Bando {title}"),
        by=lead,
        title=title,
        requested_amount=amount,
    )
    services.budget_line_add(application=application, by=lead, description="Costi", amount="1500")
    if co_applicant is not None:
        invitation = services.co_applicant_invite(
            application=application, by=lead, user=co_applicant
        )
        services.co_applicant_accept(invitation=invitation, by=co_applicant)
    return services.application_submit(application=application, by=lead)


def test_staff_decide_in_bulk_with_the_reasons_the_applicants_read(staff_client):
    first, second = _submitted("Uno"), _submitted("Due")
    data = {"action": "start_review", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "apply": "1"}
    staff_client.post(CHANGELIST, data)
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "apply": "1"}
    assert staff_client.post(CHANGELIST, {**data, "reason": ""}).status_code == 200  # required
    assert set(Application.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
    staff_client.post(CHANGELIST, {**data, "reason": "Fuori dal tema del bando"})
    for application in (first, second):
        application.refresh_from_db()
        assert application.status == Status.REJECTED
        assert application.decision_reason == "Fuori dal tema del bando"
        assert Notification.objects.filter(
            kind="calls.application_status",
            recipient=application.lead,
            context__reason="Fuori dal tema del bando",
        ).exists()


def test_staff_assign_a_reviewer_on_the_application_page(staff_client):
    application = _submitted()
    reviewer = UserFactory(member=True)
    url = reverse("admin:calls_application_change", args=[application.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = form_values(page.content.decode())
    response = staff_client.post(url, {**data, "new_reviewer": reviewer.pk, "_continue": "1"})
    assert response.status_code == 302
    assert Review.objects.filter(application=application, reviewer=reviewer).exists()
    # the lead cannot review their own application: refused with a message, nothing written
    response = staff_client.post(url, {**data, "new_reviewer": application.lead.pk}, follow=True)
    with translation.override(staff_client_language(response)):
        refusal = gettext("An applicant cannot review their own application.")
    assert refusal in response.content.decode()
    assert Review.objects.count() == 1


def test_staff_see_the_reviews_scores_and_averages(staff_client, staff):
    application = _submitted()
    Criterion.objects.create(name="Qualità")
    reviewer = UserFactory(member=True, first_name="Rita", last_name="Revisora")
    review = reviews.review_assign(application=application, reviewer=reviewer, by=staff)
    reviews.review_declare(review=review, by=reviewer, conflict=False)
    reviews.review_submit(
        review=review, by=reviewer, scores={c.pk: 4 for c in Criterion.objects.all()}
    )
    listing = staff_client.get(CHANGELIST).content.decode()
    assert "4.00" in listing
    page = staff_client.get(reverse("admin:calls_review_change", args=[review.pk]))
    assert "Rita Revisora" in page.content.decode()


def test_exports_as_csv_and_xlsx_of_the_selected_rows(staff_client, staff):
    from openpyxl import load_workbook

    partner = UserFactory(member=True, first_name="Paola", last_name="Partner")
    wanted = _submitted('=HYPERLINK("x")', amount="700", co_applicant=partner)
    _submitted("Altro")
    data = {"action": "export_csv", ACTION_CHECKBOX_NAME: [wanted.pk]}
    response = staff_client.post(CHANGELIST, data)
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2  # the header and the selected row only
    assert "'=HYPERLINK" in lines[1]  # never a formula
    assert "1500" in lines[1] and "700" in lines[1] and "Paola Partner" in lines[1]
    response = staff_client.post(CHANGELIST, {**data, "action": "export_xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == wanted.pk
    assert Decimal(str(rows[1][8])) == Decimal("1500")


def test_the_export_makes_the_same_queries_for_more_rows(staff):
    from calls import exports
    from tests.helpers.queries import count_queries

    _submitted("Uno")
    few = count_queries(lambda: list(exports.application_rows(Application.objects.all())))
    for n in range(6):
        _submitted(f"Altro {n}")
    many = count_queries(lambda: list(exports.application_rows(Application.objects.all())))
    assert few == many


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_other_roles_are_kept_out_of_the_applications_admin(role, request):
    from django.test import Client

    client = Client()
    client.force_login(request.getfixturevalue(role))
    for url in (CHANGELIST, reverse("admin:calls_review_changelist")):
        assert client.get(url).status_code == 302
