"""Working groups' models, one module per feature (like services/, selectors/, views/):
groups and phases, membership, discussion, meetings, documents, proposals."""

from .discussion import Post, PostReport, Thread, ThreadFollow
from .documents import Document, document_path
from .groups import GroupMembership, Phase, WorkingGroup
from .meetings import AgendaItem, Meeting, MeetingRSVP
from .proposals import (
    Endorsement,
    ProgressNote,
    Proposal,
    ProposalAuthor,
    ProposalComment,
    ProposalFollow,
)

__all__ = [
    "AgendaItem",
    "Document",
    "Endorsement",
    "GroupMembership",
    "Meeting",
    "MeetingRSVP",
    "Phase",
    "Post",
    "PostReport",
    "ProgressNote",
    "Proposal",
    "ProposalAuthor",
    "ProposalComment",
    "ProposalFollow",
    "Thread",
    "ThreadFollow",
    "WorkingGroup",
    "document_path",
]
