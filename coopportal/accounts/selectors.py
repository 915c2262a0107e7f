from .models import MembershipRequest


def membership_request_list(*, user):
    """A person's own membership requests, newest first."""
    return MembershipRequest.objects.filter(user=user).select_related("reviewed_by")


def pending_membership_request_count() -> int:
    return MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()
