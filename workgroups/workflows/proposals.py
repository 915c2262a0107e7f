"""Proposals, the board's answer to them, and co-author invitations."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from .. import permissions
from ..exceptions import WorkgroupError
from ..models import Proposal, ProposalAuthor
from ..models.proposals import ANSWER_TRANSITIONS, COAUTHOR_TRANSITIONS, TRANSITIONS

Status = Proposal.Status
Answer = Proposal.Answer
CODES = {"not_allowed": "forbidden", "reason_required": "reason"}


def _moderation(to, label):
    return Move(
        to,
        permissions.can_moderate_proposal,
        needs_reason=to != Status.PUBLISHED,
        stamp="published_at" if to == Status.PUBLISHED else None,
        reason_field="moderation_reason",
        label=label,
    )


PROPOSAL = Workflow(
    model=Proposal,
    action="workgroups.proposal",
    table=TRANSITIONS,
    moves={
        Status.SUBMITTED: Move(
            Status.SUBMITTED,
            permissions.can_submit_proposal,
            stamp="submitted_at",
            label=_("Submit to the staff"),
        ),
        Status.PUBLISHED: _moderation(Status.PUBLISHED, _("Publish")),
        Status.CHANGES_REQUESTED: _moderation(Status.CHANGES_REQUESTED, _("Request changes")),
        Status.REJECTED: _moderation(Status.REJECTED, _("Reject")),
        Status.FORWARDED: Move(
            Status.FORWARDED,
            permissions.can_forward_proposal,
            stamp="forwarded_at",
            label=_("Forward to the board"),
        ),
        Status.WITHDRAWN: Move(
            Status.WITHDRAWN, permissions.can_withdraw_proposal, label=_("Withdraw the proposal")
        ),
    },
    error=WorkgroupError,
    codes=CODES,
    messages={
        "illegal_transition": _("A proposal that is “%(status)s” cannot become “%(to)s”."),
        "reason_required": _("Please give a reason: the authors will read it."),
    },
)


def _forwarded(proposal):
    if proposal.status != Status.FORWARDED:
        raise WorkgroupError(
            _("Only the board answers proposals that were forwarded to it."), code="forbidden"
        )


def _answer_move(to):
    return Move(
        to,
        permissions.can_answer_proposal,
        needs_reason=True,
        stamp="answered_at",
        reason_field="answer_text",
        guard=_forwarded,
        label=Answer(to).label,
    )


def _answer_audit(proposal, previous):
    """On the proposal's timeline the first answer is a move from its status ("forwarded")."""
    return {"from": str(previous or proposal.status)}


# The board's answer (field "answer", blank until the board answers; it may be revised).
PROPOSAL_ANSWER = Workflow(
    model=Proposal,
    action="workgroups.proposal",
    field="answer",
    table=ANSWER_TRANSITIONS,
    moves={to: _answer_move(to) for to in Answer.values},
    error=WorkgroupError,
    codes=CODES,
    messages={
        "not_allowed": _("Only the board answers proposals that were forwarded to it."),
        "reason_required": _("Please write the answer: the group will read it."),
    },
    audit=_answer_audit,
)


def can_answer_invitation(user, invitation) -> bool:
    return invitation.user_id == getattr(user, "pk", None) and bool(
        permissions.can_answer_coauthor_invitation(user, invitation.proposal)
    )


COAUTHOR = Workflow(
    model=ProposalAuthor,
    action="workgroups.proposal_author",
    table=COAUTHOR_TRANSITIONS,
    moves={
        ProposalAuthor.Status.ACCEPTED: Move(
            ProposalAuthor.Status.ACCEPTED, can_answer_invitation, label=_("Accept")
        ),
        ProposalAuthor.Status.DECLINED: Move(
            ProposalAuthor.Status.DECLINED, can_answer_invitation, label=_("Decline")
        ),
    },
    error=WorkgroupError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("You already answered this invitation.")},
)
