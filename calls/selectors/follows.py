"""What a person follows: calls and kept searches."""

from ..models import CallFollow, FundingCall, SavedSearch


def followed_ids(user, call_ids) -> set[int]:
    """Which of `call_ids` the person follows (one query)."""
    if not user.is_authenticated or not call_ids:
        return set()
    return set(
        CallFollow.objects.filter(user=user, call_id__in=call_ids).values_list("call_id", flat=True)
    )


def is_following(user, call) -> bool:
    return bool(user.is_authenticated) and CallFollow.objects.filter(user=user, call=call).exists()


def followed_calls(user):
    """The calls a person follows, the nearest deadline first."""
    return FundingCall.objects.filter(follows__user=user).order_by("next_deadline_at", "-pk")


def saved_searches(user):
    return SavedSearch.objects.filter(user=user)


def my_applications_for(user, call):
    """The person's own applications for a call (as lead), the latest first."""
    return call.applications.filter(lead=user).order_by("-created_at")[:5]
