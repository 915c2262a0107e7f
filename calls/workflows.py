"""The applications' state machines: the application itself and the co-applicant invitations."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import CallsError
from .models import Application, CoApplicant

Status = Application.Status

TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.IN_REVIEW, Status.WITHDRAWN},
    Status.IN_REVIEW: {
        Status.APPROVED,
        Status.CHANGES_REQUESTED,
        Status.REJECTED,
        Status.WITHDRAWN,
    },
    Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.APPROVED: {Status.SUBMITTED_TO_FUNDER},
    Status.SUBMITTED_TO_FUNDER: {Status.FUNDED, Status.NOT_FUNDED},
    Status.REJECTED: set(),
    Status.FUNDED: set(),
    Status.NOT_FUNDED: set(),
    Status.WITHDRAWN: set(),
}


def _staff(to, label, *, needs_reason=False, stamp=None):
    return Move(
        to,
        permissions.can_manage_applications,
        needs_reason=needs_reason,
        stamp=stamp,
        actor_field="decided_by" if needs_reason or to == Status.APPROVED else None,
        reason_field="decision_reason" if to != Status.IN_REVIEW else None,
        label=label,
    )


APPLICATION = Workflow(
    model=Application,
    action="calls.application",
    table=TRANSITIONS,
    moves={
        Status.SUBMITTED: Move(
            Status.SUBMITTED,
            permissions.can_submit_application,
            stamp="submitted_at",
            label=_("Submit to the cooperative"),
        ),
        Status.IN_REVIEW: _staff(
            Status.IN_REVIEW, _("Start the review"), stamp="review_started_at"
        ),
        Status.APPROVED: _staff(Status.APPROVED, _("Approve"), stamp="decided_at"),
        Status.CHANGES_REQUESTED: _staff(
            Status.CHANGES_REQUESTED, _("Request changes"), needs_reason=True, stamp="decided_at"
        ),
        Status.REJECTED: _staff(
            Status.REJECTED, _("Reject"), needs_reason=True, stamp="decided_at"
        ),
        Status.SUBMITTED_TO_FUNDER: Move(
            Status.SUBMITTED_TO_FUNDER,
            permissions.can_manage_applications,
            stamp="sent_to_funder_at",
            label=_("Submitted to the funder"),
        ),
        Status.FUNDED: Move(
            Status.FUNDED,
            permissions.can_manage_applications,
            stamp="outcome_at",
            label=_("Funded"),
        ),
        Status.NOT_FUNDED: Move(
            Status.NOT_FUNDED,
            permissions.can_manage_applications,
            stamp="outcome_at",
            label=_("Not funded"),
        ),
        Status.WITHDRAWN: Move(
            Status.WITHDRAWN,
            permissions.can_withdraw_application,
            stamp="withdrawn_at",
            label=_("Withdraw the application"),
        ),
    },
    error=CallsError,
    codes={"not_allowed": "forbidden", "reason_required": "reason"},
    messages={
        "illegal_transition": _("An application that is “%(status)s” cannot become “%(to)s”."),
        "reason_required": _("Please give the reasons: the applicants will read them."),
    },
)


def can_answer_invitation(user, invitation) -> bool:
    return (
        invitation.user_id == getattr(user, "pk", None)
        and bool(permissions.is_member(user))
        and invitation.application.status in permissions.EDITABLE
    )


COAPPLICANT_TRANSITIONS = {
    CoApplicant.Status.PENDING: {
        CoApplicant.Status.ACCEPTED,
        CoApplicant.Status.DECLINED,
        CoApplicant.Status.EXPIRED,
    },
    CoApplicant.Status.ACCEPTED: set(),
    CoApplicant.Status.DECLINED: set(),
    CoApplicant.Status.EXPIRED: set(),
}


def _system(user, invitation) -> bool:
    """Invitations expire by themselves (the beat job, or the application leaving the draft)."""
    return user is None


COAPPLICANT = Workflow(
    model=CoApplicant,
    action="calls.co_applicant",
    table=COAPPLICANT_TRANSITIONS,
    moves={
        CoApplicant.Status.ACCEPTED: Move(
            CoApplicant.Status.ACCEPTED,
            can_answer_invitation,
            stamp="answered_at",
            label=_("Accept"),
        ),
        CoApplicant.Status.DECLINED: Move(
            CoApplicant.Status.DECLINED,
            can_answer_invitation,
            stamp="answered_at",
            label=_("Decline"),
        ),
        CoApplicant.Status.EXPIRED: Move(CoApplicant.Status.EXPIRED, _system),
    },
    error=CallsError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This invitation was already answered.")},
)
