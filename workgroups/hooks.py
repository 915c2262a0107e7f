"""What working groups do when the layers below announce an event (coopportal.core.discovery
.run_hooks). Each hook runs in the caller's transaction."""

from django.utils import translation
from django.utils.translation import gettext, ngettext

from .services.groups import memberships_end_on_revocation


def _names(groups) -> str:
    return ", ".join(f"“{group.name}”" for group in groups)


def membership_revoked(*, user, by, reason):
    """Staff ended the person's membership of the cooperative: they leave the groups for members
    only and coordinate no group. Returns what changed, for the person, in their language."""
    done = memberships_end_on_revocation(user=user, by=by, reason=reason)
    sentences = []
    with translation.override(user.language):
        if done.left:
            sentences.append(
                ngettext(
                    "You are no longer in the group for members only %(groups)s.",
                    "You are no longer in the groups for members only %(groups)s.",
                    len(done.left),
                )
                % {"groups": _names(done.left)}
            )
        if done.demoted:
            sentences.append(
                gettext("You stay in %(groups)s as a participant, no longer as coordinator.")
                % {"groups": _names(done.demoted)}
            )
    return " ".join(sentences) or None


def group_found(*, name, summary, theme, people, by):
    """Another app (a call to action's respondents) asks for a group of these people: the new
    group."""
    from .services.groups import group_found as found

    return found(name=name, summary=summary, theme=theme, people=people, by=by)
