"""Applications through the cooperative: drafts, co-applicants, rules, the internal deadline,
staff's decisions, and who sees what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from calls.models import Application, CoApplicant, Criterion, Review, Rule
from calls.services import applications as services
from calls.services import reviews
from coopportal.core.exceptions import DomainError
from coopportal.notifications.models import Notification
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Application.Status


def _refused(code, service, *args, **kwargs):
    with pytest.raises(DomainError) as refused:
        service(*args, **kwargs)
    assert refused.value.code == code, refused.value.message
    return refused.value


@pytest.fixture
def call():
    return FundingCallFactory(title="Bando cultura", deadlines=(40,), internal_deadline_days=10)


@pytest.fixture
def draft(call, member):
    application = services.application_create(
        call=call,
        by=member,
        title="Teatro di comunità",
        summary="Un teatro per il quartiere",
        requested_amount="12000",
    )
    services.budget_line_add(
        application=application, by=member, description="Attori", amount="15000"
    )
    return application


def test_only_members_apply_and_only_to_open_calls(call, participant, member):
    _refused("forbidden", services.application_create, call=call, by=participant, title="X")
    closed = FundingCallFactory(deadlines=(-1,))
    _refused("closed", services.application_create, call=closed, by=member, title="X")
    # its internal deadline passed 5 days ago
    late = FundingCallFactory(deadlines=(5,), internal_deadline_days=10)
    refusal = _refused("deadline", services.application_create, call=late, by=member, title="X")
    assert "internal deadline" in refusal.message
    _refused("title", services.application_create, call=call, by=member, title="   ")
    _refused(
        "requested_amount",
        services.application_create,
        call=call,
        by=member,
        title="X",
        requested_amount="-5",
    )
    assert not Application.objects.exists()


def test_submission_a_minute_after_the_internal_deadline_is_refused(draft, member):
    internal = draft.call.deadlines.get().closes_at - timedelta(days=10)
    late = internal + timedelta(minutes=1)
    refusal = _refused(
        "deadline", services.application_submit, application=draft, by=member, now=late
    )
    assert "internal deadline" in refusal.message
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    on_time = internal - timedelta(minutes=1)
    assert services.application_submit(application=draft, by=member, now=on_time).status == (
        Status.SUBMITTED
    )


def test_a_failing_rule_is_named_and_declared_rules_must_be_declared(draft, member):
    Rule.objects.create(
        title="Massimo 10.000 euro", kind=Rule.Kind.BUDGET_CAP, value=Decimal("10000")
    )
    declared = Rule.objects.create(title="Il progetto coinvolge almeno due soci", call=draft.call)
    refusal = _refused("rule", services.application_submit, application=draft, by=member)
    assert "Massimo 10.000 euro" in refusal.message
    services.application_update(
        application=draft, by=member, title=draft.title, requested_amount="9000"
    )
    refusal = _refused("rule", services.application_submit, application=draft, by=member)
    assert "Il progetto coinvolge almeno due soci" in refusal.message
    services.rules_declare(application=draft, by=member, rule_ids=[declared.pk])
    draft.refresh_from_db()
    assert all(check.ok for check in services.rule_checks(draft))
    services.application_submit(application=draft, by=member)


def test_seniority_open_applications_and_cofinancing_rules(call, draft, member):
    member.member_since = timezone.localdate() - timedelta(days=100)
    member.save(update_fields=["member_since"])
    Rule.objects.create(title="Soci da almeno 6 mesi", kind=Rule.Kind.SENIORITY, value=6)
    assert _refused("rule", services.application_submit, application=draft, by=member)
    Rule.objects.filter(kind=Rule.Kind.SENIORITY).update(value=3)
    Rule.objects.create(title="Cofinanziamento 20%", kind=Rule.Kind.COFINANCING, value=20)
    checks = {check.rule.title: check for check in services.rule_checks(draft)}
    assert checks["Soci da almeno 6 mesi"].ok  # 3 months now
    assert checks["Cofinanziamento 20%"].ok  # 3,000 of 15,000 = 20%
    Rule.objects.create(title="Una candidatura aperta", kind=Rule.Kind.OPEN_APPLICATIONS, value=1)
    services.application_submit(application=draft, by=member)
    second = services.application_create(call=call, by=member, title="Altro", requested_amount=1)
    services.budget_line_add(application=second, by=member, description="x", amount="10")
    refusal = _refused("rule", services.application_submit, application=second, by=member)
    assert "Una candidatura aperta" in refusal.message


def test_co_applicants_accept_decline_and_pending_invitations_expire(draft, member):
    one, two, three = UserFactory.create_batch(3, member=True)
    _refused(
        "user", services.co_applicant_invite, application=draft, by=member, user=UserFactory()
    )  # not a member
    _refused("user", services.co_applicant_invite, application=draft, by=member, user=member)
    invitations = [
        services.co_applicant_invite(application=draft, by=member, user=person)
        for person in (one, two, three)
    ]
    _refused("user", services.co_applicant_invite, application=draft, by=member, user=one)
    _refused("forbidden", services.co_applicant_invite, application=draft, by=one, user=two)
    assert Notification.objects.filter(kind="calls.co_applicant_invited").count() == 3
    services.co_applicant_accept(invitation=invitations[0], by=one)
    services.co_applicant_decline(invitation=invitations[1], by=two)
    _refused("forbidden", services.co_applicant_accept, invitation=invitations[2], by=one)
    assert (
        Notification.objects.filter(kind="calls.co_applicant_answered", recipient=member).count()
        == 2
    )
    services.application_submit(application=draft, by=member)
    statuses = dict(draft.co_applicants.values_list("user_id", "status"))
    assert statuses == {
        one.pk: CoApplicant.Status.ACCEPTED,
        two.pk: CoApplicant.Status.DECLINED,
        three.pk: CoApplicant.Status.EXPIRED,
    }
    # the lead and the co-applicant who accepted are told of the submission, not the others
    told = set(
        Notification.objects.filter(kind="calls.application_status").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {member.pk, one.pk}


def test_the_workflow_to_funding_and_withdrawal_until_review_ends(draft, member, staff):
    services.application_submit(application=draft, by=member)
    _refused(
        "forbidden", services.application_move, application=draft, by=member, to=Status.IN_REVIEW
    )
    services.application_move(application=draft, by=staff, to=Status.IN_REVIEW)
    _refused("reason", services.application_move, application=draft, by=staff, to=Status.REJECTED)
    services.application_move(
        application=draft, by=staff, to=Status.CHANGES_REQUESTED, reason="Il budget va dettagliato"
    )
    draft.refresh_from_db()
    assert draft.decision_reason == "Il budget va dettagliato"
    services.application_submit(application=draft, by=member)
    services.application_move(application=draft, by=staff, to=Status.IN_REVIEW)
    services.application_move(application=draft, by=staff, to=Status.APPROVED)
    _refused("illegal_transition", services.application_withdraw, application=draft, by=member)
    services.application_move(application=draft, by=staff, to=Status.SUBMITTED_TO_FUNDER)
    services.application_move(application=draft, by=staff, to=Status.FUNDED, funded_amount="11000")
    draft.refresh_from_db()
    assert draft.status == Status.FUNDED and draft.funded_amount == Decimal("11000")
    other = services.application_create(call=draft.call, by=member, title="Ritirata")
    services.application_withdraw(application=other, by=member)
    assert Application.objects.get(pk=other.pk).status == Status.WITHDRAWN


def test_attachments_are_checked_by_their_content(draft, member):
    fake = SimpleUploadedFile("progetto.pdf", b"<html><script>x</script></html>")
    _refused("file", services.attachment_add, application=draft, by=member, title="P", file=fake)
    real = SimpleUploadedFile("progetto.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    attachment = services.attachment_add(application=draft, by=member, title="Progetto", file=real)
    assert attachment.content_type == "application/pdf"
    assert draft.attachments.count() == 1


@pytest.fixture
def submitted(draft, member):
    Criterion.objects.create(name="Qualità del progetto")
    Criterion.objects.create(name="Impatto sul territorio")
    return services.application_submit(application=draft, by=member)


def test_reviewers_declare_no_conflict_then_score_every_criterion(submitted, member, staff):
    reviewer = UserFactory(member=True)
    _refused("reviewer", reviews.review_assign, application=submitted, reviewer=member, by=staff)
    _refused(
        "forbidden", reviews.review_assign, application=submitted, reviewer=reviewer, by=member
    )
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    assert Notification.objects.filter(kind="calls.review_assigned", recipient=reviewer).exists()
    criteria = list(reviews.criteria_for(submitted.call))
    scores = {c.pk: (4, "buono") for c in criteria}
    _refused("conflict", reviews.review_submit, review=review, by=reviewer, scores=scores)
    _refused("forbidden", reviews.review_declare, review=review, by=staff, conflict=False)
    reviews.review_declare(review=review, by=reviewer, conflict=False)
    _refused(
        "scores",
        reviews.review_submit,
        review=review,
        by=reviewer,
        scores={criteria[0].pk: (9, "")},
    )
    reviews.review_submit(
        review=review,
        by=reviewer,
        scores={criteria[0].pk: (4, "buono"), criteria[1].pk: 5},
        comment="Solido",
    )
    review.refresh_from_db()
    assert review.average == Decimal("4.50")
    _refused("done", reviews.review_submit, review=review, by=reviewer, scores=scores)


def test_a_reviewer_with_a_conflict_sees_nothing_of_the_application(client, submitted, staff):
    reviewer = UserFactory(member=True)
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    reviews.review_declare(review=review, by=reviewer, conflict=True)
    client.force_login(reviewer)
    page = client.get(reverse("calls:review_detail", args=[review.pk])).content.decode()
    assert "Un teatro per il quartiere" not in page
    assert client.get(submitted.get_absolute_url()).status_code == 404


def test_who_sees_an_application_and_a_review(client, submitted, member, staff):
    co = UserFactory(member=True)
    declined = UserFactory(member=True)
    CoApplicant.objects.create(application=submitted, user=co, status="accepted")
    CoApplicant.objects.create(application=submitted, user=declined, status="declined")
    reviewer = UserFactory(member=True)
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    other_reviewer = UserFactory(member=True)
    other = services.application_create(call=submitted.call, by=co, title="Altra")
    services.application_submit
    url = submitted.get_absolute_url()
    expected = {
        member: 200,
        co: 200,
        reviewer: 200,
        staff: 200,
        declined: 404,
        other_reviewer: 404,
        UserFactory(member=True): 404,
        UserFactory(): 404,
    }
    for person, status in expected.items():
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_reviewer)
    assert client.get(reverse("calls:review_detail", args=[review.pk])).status_code == 404
    assert client.get(reverse("calls:application_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("calls:application_detail", args=[999999])).status_code == 404


def test_applicants_never_see_reviewer_names_or_scores(client, submitted, member, staff):
    reviewer = UserFactory(member=True, first_name="Recensora", last_name="Segretissima")
    review = reviews.review_assign(application=submitted, reviewer=reviewer, by=staff)
    reviews.review_declare(review=review, by=reviewer, conflict=False)
    reviews.review_submit(
        review=review,
        by=reviewer,
        scores={c.pk: 3 for c in reviews.criteria_for(submitted.call)},
        comment="Commento riservato",
    )
    services.application_move(application=submitted, by=staff, to=Status.IN_REVIEW)
    services.application_move(
        application=submitted, by=staff, to=Status.APPROVED, reason="Progetto coerente con il bando"
    )
    client.force_login(member)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Progetto coerente con il bando" in page
    for secret in ("Recensora", "Segretissima", "Commento riservato", "3.00", staff.last_name):
        assert secret not in page


def test_bad_input_on_the_application_forms_writes_nothing(client, call, member):
    client.force_login(member)
    url = reverse("calls:application_create", args=[call.pk])
    for data in (
        {"title": ""},
        {"title": "X", "requested_amount": "abc"},
        {"title": "X", "requested_amount": "-3"},
        {"title": "x" * 500},
        {"title": "X", "requested_amount": "1e400"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
    assert not Application.objects.exists()
    application = services.application_create(call=call, by=member, title="Buona")
    line_url = reverse("calls:budget_line_add", args=[application.pk])
    for data in (
        {"description": "", "amount": "3"},
        {"description": "x", "amount": "0"},
        {"description": "x", "amount": "tanti"},
    ):
        assert client.post(line_url, data).status_code == 302
    assert not application.budget_lines.exists()
    assert (
        client.post(reverse("calls:application_move", args=[application.pk, "fly"])).status_code
        == 404
    )
    assert Review.objects.count() == 0
