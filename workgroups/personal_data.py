"""What working groups hold about a person (see coopportal.core.data_rights). Erasure keeps
their posts, proposals, comments and documents (shown under "Deleted member") and ends what only
served them: follows, their requests' messages. Retention: the places on a meeting's waiting list
and the seats still offered are deleted RETENTION_OFFERS_DAYS after the meeting ended."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from coopportal.core.data_rights import export_holds

from .models import GroupMembership, MeetingRSVP, ProposalFollow, ThreadFollow
from .models.meetings import RSVPAnswer

HOLDS = {
    "workgroups.GroupMembership": ["user", "decided_by"],
    "workgroups.Thread": ["created_by"],
    "workgroups.Post": ["author"],
    "workgroups.ThreadFollow": ["user"],
    "workgroups.PostReport": ["reporter", "handled_by"],
    "workgroups.Document": ["uploaded_by"],
    "workgroups.Meeting": ["proposed_by", "moderated_by"],
    "workgroups.MeetingRSVP": ["user"],
    "workgroups.Proposal": ["created_by"],
    "workgroups.ProposalAuthor": ["user", "invited_by"],
    "workgroups.Endorsement": ["user"],
    "workgroups.ProposalComment": ["author"],
    "workgroups.ProposalFollow": ["user"],
    "workgroups.ProgressNote": ["author"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    GroupMembership.objects.filter(user=user).update(message="")
    ThreadFollow.objects.filter(user=user).delete()
    ProposalFollow.objects.filter(user=user).delete()


def purge(now=None) -> int:
    """The waiting lists and the unanswered seat offers of meetings that ended more than
    RETENTION_OFFERS_DAYS ago (who came and who sent apologies stays with the meeting)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RETENTION_OFFERS_DAYS)
    lapsed = MeetingRSVP.objects.filter(
        answer__in=[RSVPAnswer.WAITING, RSVPAnswer.OFFERED], meeting__ends_at__lt=cutoff
    )
    return lapsed.delete()[0]
