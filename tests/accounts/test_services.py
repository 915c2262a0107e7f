import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coopportal.accounts import services
from coopportal.accounts.exceptions import MembershipError
from coopportal.accounts.models import MembershipRequest, User
from coopportal.core.models import AuditEvent
from tests.factories import MembershipRequestFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def submit(user, **overrides):
    data = {"membership_number": "sc-2020-17", "member_since": date(2020, 5, 4), "note": " ciao "}
    data.update(overrides)
    return services.membership_request_submit(user=user, **data)


def test_membership_request_submit_creates_a_pending_request_and_an_audit_event(participant):
    request = submit(participant)
    assert request.status == MembershipRequest.Status.PENDING
    assert request.membership_number == "SC-2020-17"
    assert request.note == "ciao"
    event = AuditEvent.objects.get(object_id=str(request.pk))
    assert event.action == "accounts.membership_request.submitted"
    assert event.actor == participant


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"member_since": timezone.localdate() + timedelta(days=1)}, "future"),
        ({"member_since": date(1850, 1, 1)}, "too_old"),
    ],
)
def test_membership_request_submit_refuses_bad_dates(participant, overrides, code):
    with pytest.raises(MembershipError) as exc:
        submit(participant, **overrides)
    assert exc.value.code == code
    assert not MembershipRequest.objects.exists()


def test_membership_request_submit_refuses_a_second_pending_request(participant):
    submit(participant)
    with pytest.raises(MembershipError) as exc:
        submit(participant, membership_number="OTHER-1")
    assert exc.value.code == "pending"
    assert MembershipRequest.objects.count() == 1


def test_membership_request_submit_refuses_members(member):
    with pytest.raises(MembershipError) as exc:
        submit(member)
    assert exc.value.code == "already_member"


def test_membership_request_submit_refuses_a_number_someone_else_holds(participant):
    UserFactory(member=True, membership_number="SC-2020-17")
    with pytest.raises(MembershipError) as exc:
        submit(participant)
    assert exc.value.code == "number_taken"
    assert not MembershipRequest.objects.exists()


def test_membership_request_approve_makes_the_person_a_member(
    participant, staff, django_capture_on_commit_callbacks, mailoutbox
):
    request = submit(participant)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.membership_request_approve(membership_request=request, by=staff)
    participant.refresh_from_db()
    assert participant.is_member
    assert participant.membership_number == "SC-2020-17"
    assert participant.member_since == date(2020, 5, 4)
    request.refresh_from_db()
    assert request.status == "approved"
    assert request.reviewed_by == staff
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [participant.email]
    assert "verificata" in mailoutbox[0].subject  # Italian: the person's language


def test_membership_decision_email_is_in_the_recipients_language(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    person = UserFactory(language="en")
    request = submit(person)
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request_reject(
            membership_request=request, by=staff, reason="Number not in the book"
        )
    assert mailoutbox[0].subject == "[Coop Portal] Your membership request"
    assert "Number not in the book" in mailoutbox[0].body
    html = mailoutbox[0].alternatives[0][0]
    assert "Number not in the book" in html


def test_membership_decision_email_is_sent_only_after_commit(participant, staff, mailoutbox):
    request = submit(participant)
    services.membership_request_approve(membership_request=request, by=staff)
    # the test transaction has not committed: nothing may leave yet
    assert mailoutbox == []


def test_membership_request_reject_needs_a_reason(participant, staff):
    request = submit(participant)
    with pytest.raises(MembershipError) as exc:
        services.membership_request_reject(membership_request=request, by=staff, reason="   ")
    assert exc.value.code == "reason"
    request.refresh_from_db()
    assert request.status == "pending"


def test_illegal_transition_is_a_clear_error_and_changes_nothing(participant, staff):
    request = submit(participant)
    services.membership_request_reject(membership_request=request, by=staff, reason="No")
    with pytest.raises(MembershipError) as exc:
        services.membership_request_approve(membership_request=request, by=staff)
    assert exc.value.code == "illegal_transition"
    participant.refresh_from_db()
    assert not participant.is_member


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_only_staff_review_membership_requests(role, request):
    person = request.getfixturevalue(role)
    membership_request = MembershipRequestFactory()
    with pytest.raises(MembershipError) as exc:
        services.membership_request_approve(membership_request=membership_request, by=person)
    assert exc.value.code == "forbidden"
    membership_request.refresh_from_db()
    assert membership_request.status == "pending"


def test_transitions_are_recorded_with_who_from_to_and_why(participant, staff):
    request = submit(participant)
    services.membership_request_reject(membership_request=request, by=staff, reason="Sconosciuto")
    event = AuditEvent.objects.get(action="accounts.membership_request.rejected")
    assert event.actor == staff
    assert event.data == {"from": "pending", "to": "rejected", "reason": "Sconosciuto"}


def test_membership_revoke_ends_membership_with_a_reason(member, staff):
    services.membership_revoke(user=member, by=staff, reason="Recesso del socio")
    member.refresh_from_db()
    assert not member.is_member
    assert member.membership_number is None
    with pytest.raises(MembershipError):
        services.membership_revoke(user=member, by=member, reason="x")


def test_user_update_profile_refuses_another_persons_profile(participant, member):
    with pytest.raises(MembershipError):
        services.user_update_profile(user=member, by=participant, first_name="X")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_from_one_person_leave_exactly_one():
    """Two browser tabs submitting at once: the database keeps one pending request."""
    person = UserFactory()
    barrier = threading.Barrier(4)
    outcomes = []

    def attempt(number):
        try:
            barrier.wait()
            submit(User.objects.get(pk=person.pk), membership_number=f"N-{number}")
            outcomes.append("ok")
        except MembershipError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert sorted(outcomes) == ["ok", "pending", "pending", "pending"]
    assert MembershipRequest.objects.filter(user=person).count() == 1


def test_staff_user_factory_really_is_staff():
    assert staff_user().is_staff
