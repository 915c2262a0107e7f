import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from coopportal.accounts.models import MembershipRequest
from coopportal.core.models import AuditEvent
from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_membershiprequest_changelist")


def test_staff_see_the_membership_queue_with_filters_and_search(staff_client):
    MembershipRequestFactory(membership_number="FIND-ME")
    MembershipRequestFactory()
    response = staff_client.get(CHANGELIST, {"status__exact": "pending", "q": "FIND-ME"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_other_roles_cannot_reach_the_admin(role, request):
    from django.test import Client

    client = Client()
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("admin:index"), CHANGELIST):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response.url


def test_admin_approve_action_verifies_members(staff_client, staff):
    first, second = MembershipRequestFactory(), MembershipRequestFactory()
    data = {"action": "approve", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    confirm = staff_client.post(CHANGELIST, data)
    assert confirm.status_code == 200  # the intermediate page
    assert not MembershipRequest.objects.filter(status="approved").exists()
    response = staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert response.status_code == 302
    for item in (first, second):
        item.user.refresh_from_db()
        assert item.user.is_member
    assert AuditEvent.objects.filter(action="accounts.membership_request.approved").count() == 2


def test_admin_reject_action_requires_a_reason(staff_client):
    pending = MembershipRequestFactory()
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [pending.pk], "apply": "1", "reason": ""}
    response = staff_client.post(CHANGELIST, data)
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    pending.refresh_from_db()
    assert pending.status == "pending"
    staff_client.post(CHANGELIST, {**data, "reason": "Numero non trovato nel libro soci"})
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == ("rejected", "Numero non trovato nel libro soci")


def test_admin_action_on_an_already_decided_request_reports_an_error(staff_client):
    decided = MembershipRequestFactory(rejected=True)
    response = staff_client.post(
        CHANGELIST,
        {"action": "approve", ACTION_CHECKBOX_NAME: [decided.pk], "apply": "1"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(decided.membership_number in m for m in messages)
    decided.user.refresh_from_db()
    assert not decided.user.is_member


def test_membership_request_change_page_shows_the_history(staff_client, staff):
    from coopportal.accounts import services

    pending = MembershipRequestFactory()
    services.membership_request_reject(membership_request=pending, by=staff, reason="Motivo chiaro")
    response = staff_client.get(
        reverse("admin:accounts_membershiprequest_change", args=[pending.pk])
    )
    assert "accounts.membership_request.rejected" in response.content.decode()
    assert "Motivo chiaro" in response.content.decode()


def test_staff_cannot_delete_or_add_membership_requests_by_hand(staff_client):
    pending = MembershipRequestFactory()
    assert staff_client.get(reverse("admin:accounts_membershiprequest_add")).status_code == 403
    assert (
        staff_client.get(
            reverse("admin:accounts_membershiprequest_delete", args=[pending.pk])
        ).status_code
        == 403
    )


def test_user_admin_revoke_membership(staff_client, member):
    changelist = reverse("admin:accounts_user_changelist")
    data = {"action": "revoke_membership", ACTION_CHECKBOX_NAME: [member.pk], "apply": "1"}
    staff_client.post(changelist, {**data, "reason": "Recesso"})
    member.refresh_from_db()
    assert not member.is_member


def test_user_admin_pages_for_staff(staff_client, member):
    assert (
        staff_client.get(reverse("admin:accounts_user_changelist"), {"q": member.email}).status_code
        == 200
    )
    assert (
        staff_client.get(reverse("admin:accounts_user_change", args=[member.pk])).status_code == 200
    )


def test_staff_cannot_hand_out_roles_in_the_admin(staff_client, staff, member):
    from django.contrib.auth.models import Group

    url = reverse("admin:accounts_user_change", args=[member.pk])
    form = staff_client.get(url).context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "groups" not in form.fields
    board = Group.objects.get(name="Board")
    staff_client.post(
        url,
        {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "language": "it",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [board.pk],
        },
    )
    member.refresh_from_db()
    assert not member.is_superuser
    assert not member.groups.exists()
