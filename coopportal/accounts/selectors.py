from django.db.models import Q

from .models import BOARD_GROUP, MembershipRequest, User


def membership_request_list(*, user):
    """A person's own membership requests, newest first."""
    return MembershipRequest.objects.filter(user=user).select_related("reviewed_by")


def pending_membership_request_count() -> int:
    return MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()


def staff_member_list():
    """Who `is_staff_member` admits (active, staff or superusers): the people staff notices go
    to."""
    return User.objects.filter(is_active=True).filter(Q(is_staff=True) | Q(is_superuser=True))


def board_member_list():
    """Who `is_board_member` admits (active, in the "Board" group, or superusers)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=BOARD_GROUP))
        .distinct()
        .order_by("pk")
    )
