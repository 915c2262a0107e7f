"""The membership request's state machine.

Declared here, not next to the model, because its predicates live in permissions.py, which imports
models.py.
"""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import MembershipError
from .models import MEMBERSHIP_REQUEST_TRANSITIONS, MembershipRequest

Status = MembershipRequest.Status

MEMBERSHIP_REQUEST = Workflow(
    model=MembershipRequest,
    action="accounts.membership_request",
    table=MEMBERSHIP_REQUEST_TRANSITIONS,
    moves={
        Status.APPROVED: Move(
            Status.APPROVED,
            permissions.can_review_membership_request,
            stamp="reviewed_at",
            actor_field="reviewed_by",
            reason_field="reason",
            label=_("Verify"),
        ),
        Status.REJECTED: Move(
            Status.REJECTED,
            permissions.can_review_membership_request,
            needs_reason=True,
            stamp="reviewed_at",
            actor_field="reviewed_by",
            reason_field="reason",
            label=_("Reject"),
        ),
    },
    error=MembershipError,
    codes={"not_allowed": "forbidden", "reason_required": "reason"},
    messages={
        "illegal_transition": _("This request is already %(status)s."),
        "not_allowed": _("You are not allowed to review this request."),
        "reason_required": _("Please give a reason: the person will read it."),
    },
)
