"""What working groups hold about a person (see coopportal.core.data_rights). Erasure keeps
their posts, proposals, comments and documents (shown under "Deleted member") and ends what only
served them: follows, their requests' messages."""

from coopportal.core.data_rights import export_holds

from .models import GroupMembership, ProposalFollow, ThreadFollow

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
