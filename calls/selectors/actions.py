"""Reads of calls to action."""

from ..models import ActionResponse, CallToAction


def action_list(user):
    """Published calls to action, the open ones first (by deadline), then the closed ones."""
    return CallToAction.objects.filter(is_published=True).order_by("-deadline_at", "-pk")


def action_get(slug, user):
    from coopportal.core.http import get_or_404

    action = CallToAction.objects.filter(slug=slug).first()
    return get_or_404(action, allowed=lambda u, a: a.is_published or u.is_staff, user=user)


def my_response(action, user):
    if not user.is_authenticated:
        return None
    return ActionResponse.objects.filter(action=action, user=user).first()


def visible_respondents(action, user, mine):
    """The respondents who agreed to be seen by the others, shown only to a respondent who agreed
    too (staff see them in the admin)."""
    if mine is None or not mine.share_with_others:
        return ActionResponse.objects.none()
    return action.responses.filter(share_with_others=True).exclude(user=user).select_related("user")
