"""The showcase's answer to the portal's events (gathered by community/hooks.py)."""

from django.utils import translation
from django.utils.translation import ngettext

from .models import EDITABLE, Practice


def membership_revoked(*, user, by, reason):
    """The person is no longer a member: their published cases stay in the showcase (they are
    the cooperative's), those waiting for validation stay for staff to decide, and their drafts
    stay saved but cannot be submitted (only members propose). Tells them about the drafts."""
    drafts = Practice.objects.filter(proposer=user, status__in=EDITABLE).count()
    if not drafts:
        return None
    with translation.override(user.language):
        return ngettext(
            "Your draft good practice stays saved, but only members can submit it.",
            "Your %(count)d draft good practices stay saved, but only members can submit them.",
            drafts,
        ) % {"count": drafts}
