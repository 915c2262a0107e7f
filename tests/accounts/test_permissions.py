import pytest
from django.contrib.auth.models import AnonymousUser

from coopportal.accounts import permissions
from tests.factories import MembershipRequestFactory, UserFactory, board_user, staff_user
from tests.helpers.permissions import assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "visitor": AnonymousUser(),
        "participant": UserFactory(),
        "member": UserFactory(member=True),
        "staff": staff_user(),
        "board": board_user(),
        "inactive_member": UserFactory(member=True, is_active=False),
    }


# predicate -> the roles for which it holds (every other role is refused)
EXPECTED = {
    "is_authenticated": {"participant", "member", "staff", "board"},
    "is_member": {"member", "board"},
    "is_participant": {"participant", "staff"},
    "is_staff_member": {"staff"},
    "is_board_member": {"board"},
    "can_use_portal": {"participant", "member", "staff", "board"},
    "can_request_membership": {"participant", "staff"},
    "can_access_member_area": {"member", "staff", "board"},
    "can_access_board": {"board"},
    "can_access_admin": {"staff"},
    "must_use_second_factor": {"staff", "board"},
}


@pytest.mark.parametrize("predicate", sorted(EXPECTED))
def test_role_predicate_allows_exactly_its_roles(people, predicate):
    assert_matrix(getattr(permissions, predicate), None, EXPECTED[predicate], people)


def test_rules_are_registered_by_name(people):
    import rules

    assert rules.test_rule("accounts.access_board", people["board"])
    assert not rules.test_rule("accounts.access_board", people["member"])
    assert rules.test_rule("accounts.access_admin", people["staff"])
    assert not rules.test_rule("accounts.access_admin", people["visitor"])


def test_can_request_membership_refused_while_a_request_is_pending():
    request = MembershipRequestFactory()
    assert not permissions.can_request_membership(request.user)


def test_can_request_membership_allowed_again_after_rejection():
    request = MembershipRequestFactory(rejected=True)
    assert permissions.can_request_membership(request.user)


def test_can_review_membership_request_only_staff_and_only_pending(people):
    pending = MembershipRequestFactory()
    roles = ("visitor", "participant", "member", "board", "staff")
    assert_matrix(
        permissions.can_review_membership_request,
        pending,
        {"staff"},
        {role: people[role] for role in roles},
    )
    pending.status = "approved"
    assert not permissions.can_review_membership_request(people["staff"], pending)


def test_staff_cannot_review_their_own_request(people):
    own = MembershipRequestFactory(user=people["staff"])
    assert not permissions.can_review_membership_request(people["staff"], own)


def test_superuser_holds_staff_and_board_roles():
    root = UserFactory(is_superuser=True, is_staff=True)
    assert permissions.is_staff_member(root)
    assert permissions.is_board_member(root)


def test_role_names(people):
    assert permissions.role_names(people["visitor"]) == ["visitor"]
    assert permissions.role_names(people["participant"]) == ["participant"]
    assert permissions.role_names(people["board"]) == ["member", "board"]
    assert permissions.role_names(people["staff"]) == ["participant", "staff"]


def test_group_names_are_read_once_per_user(people, django_assert_num_queries):
    user = people["board"]
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.is_board_member(user)


def test_staff_notices_go_to_exactly_whom_is_staff_member_admits(db):
    from coopportal.accounts.selectors import staff_member_list

    people = [
        staff_user(email="staff@example.org"),
        staff_user(email="gone@example.org", is_active=False),
        UserFactory(email="root@example.org", is_superuser=True),
        UserFactory(email="socia@example.org", member=True),
        board_user(email="cda@example.org"),
    ]
    expected = {p.email for p in people if p.is_active and permissions.is_staff_member(p)}
    assert set(staff_member_list().values_list("email", flat=True)) == expected
    assert expected == {"staff@example.org", "root@example.org"}
