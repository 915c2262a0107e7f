"""Group memberships: joining, requests and their decisions, leaving."""

from django.utils.translation import gettext_lazy

from coopportal.core.workflow import Move, Workflow

from .. import permissions
from ..exceptions import WorkgroupError
from ..models import GroupMembership
from ..models.groups import GROUP_MEMBERSHIP_TRANSITIONS

Status = GroupMembership.Status


def _by_self(user, membership) -> bool:
    return user.is_authenticated and membership.user_id == user.pk


def _to_active(user, membership) -> bool:
    """The person joins again (an open group), or a coordinator accepts their request; staff put
    the founding members of a group they found in it (services.groups.group_found)."""
    if membership.status == Status.PENDING:
        return permissions.can_manage_memberships(user, membership.group)
    return _by_self(user, membership) or bool(permissions.is_staff_member(user))


def _to_left(user, membership) -> bool:
    """The person leaves (or withdraws the request); staff end it on revocation."""
    return _by_self(user, membership) or permissions.is_staff_member(user)


def _by_coordinators(user, membership) -> bool:
    return permissions.can_manage_memberships(user, membership.group)


# The table and who may make each move. services/groups.py moves memberships through
# transition() after taking the person lock (the lock order of its docstring); revocation adds its
# `cause` to the audit event.
GROUP_MEMBERSHIP = Workflow(
    model=GroupMembership,
    action="workgroups.membership",
    table=GROUP_MEMBERSHIP_TRANSITIONS,
    moves={
        Status.PENDING: Move(
            Status.PENDING,
            _by_self,
            stamp="decided_at",
            actor_field="decided_by",
            label=gettext_lazy("Ask to join"),
        ),
        Status.ACTIVE: Move(
            Status.ACTIVE,
            _to_active,
            stamp="decided_at",
            actor_field="decided_by",
            label=gettext_lazy("Accept"),
        ),
        Status.DECLINED: Move(
            Status.DECLINED,
            _by_coordinators,
            stamp="decided_at",
            actor_field="decided_by",
            label=gettext_lazy("Decline"),
        ),
        Status.LEFT: Move(
            Status.LEFT,
            _to_left,
            stamp="decided_at",
            actor_field="decided_by",
            label=gettext_lazy("Leave the group"),
        ),
    },
    error=WorkgroupError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": gettext_lazy("This request cannot change any more.")},
)
