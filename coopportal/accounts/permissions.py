"""Role predicates (django-rules) that every app builds on. See PRODUCT.md, "Who uses it".

visitor: not logged in · participant: logged in, not (yet) a verified member · member: membership
verified by staff · staff: `is_staff` (Django admin; the "Staff" group carries the model
permissions)
· board: in the "Board" group. Coordinators are per working group and live in `workgroups`.
"""

import rules

from .models import BOARD_GROUP, MembershipRequest


def group_names(user) -> frozenset:
    """The names of the user's Django groups, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_group_names = cached
    return cached


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_member(user) -> bool:
    return is_authenticated(user) and user.membership_verified_at is not None


@rules.predicate
def is_staff_member(user) -> bool:
    return is_authenticated(user) and (user.is_superuser or user.is_staff)


@rules.predicate
def is_board_member(user) -> bool:
    return is_authenticated(user) and (user.is_superuser or BOARD_GROUP in group_names(user))


@rules.predicate
def has_pending_membership_request(user) -> bool:
    return (
        is_authenticated(user)
        and MembershipRequest.objects.filter(
            user=user, status=MembershipRequest.Status.PENDING
        ).exists()
    )


@rules.predicate
def is_pending_request(user, membership_request) -> bool:
    return (
        membership_request is not None
        and membership_request.status == MembershipRequest.Status.PENDING
    )


@rules.predicate
def is_own_request(user, membership_request) -> bool:
    return membership_request is not None and membership_request.user_id == user.pk


@rules.predicate
def is_superuser(user) -> bool:
    return is_authenticated(user) and user.is_superuser


@rules.predicate
def holds_a_role(user, target) -> bool:
    """The target account is staff, board or superuser (active or not: an inactive superuser
    reactivated by someone else is a superuser again)."""
    return target is not None and (
        target.is_superuser or target.is_staff or BOARD_GROUP in group_names(target)
    )


is_participant = is_authenticated & ~is_member

can_use_portal = is_authenticated
can_request_membership = is_authenticated & ~is_member & ~has_pending_membership_request
can_review_membership_request = is_staff_member & is_pending_request & ~is_own_request
can_access_member_area = is_member | is_staff_member
can_access_board = is_board_member
can_access_admin = is_staff_member
# Accounts: staff look after participants and members; only superusers touch the accounts that hold
# a role (staff, board, superuser: the staff member's own too) and only they set passwords — anyone
# else sends a reset e-mail, so that nobody can take over an account.
can_manage_account = is_superuser | (is_staff_member & ~holds_a_role)
can_set_password = is_superuser
can_add_account = is_superuser

# Staff, board members and superusers turn on a second factor before the admin or the board area.
must_use_second_factor = is_staff_member | is_board_member

rules.add_rule("accounts.use_portal", can_use_portal)
rules.add_rule("accounts.request_membership", can_request_membership)
rules.add_rule("accounts.review_membership_request", can_review_membership_request)
rules.add_rule("accounts.access_member_area", can_access_member_area)
rules.add_rule("accounts.access_board", can_access_board)
rules.add_rule("accounts.access_admin", can_access_admin)
rules.add_rule("accounts.manage_account", can_manage_account)
rules.add_rule("accounts.set_password", can_set_password)


def role_names(user) -> list[str]:
    """Machine names of the roles a user holds, most specific last (for badges and tests)."""
    if not is_authenticated(user):
        return ["visitor"]
    roles = ["member"] if is_member(user) else ["participant"]
    if is_staff_member(user):
        roles.append("staff")
    if is_board_member(user):
        roles.append("board")
    return roles
