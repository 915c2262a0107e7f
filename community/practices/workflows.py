"""The state machine of a good practice: draft → submitted → published, or returned for changes
(then submitted again) or rejected; staff give a reason when they return or reject a case, and
the proposer reads it."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import PracticeError
from .models import TRANSITIONS, Practice

Status = Practice.Status


def _decision(to, label):
    return Move(
        to,
        permissions.can_validate_practices,
        needs_reason=to != Status.PUBLISHED,
        stamp="published_at" if to == Status.PUBLISHED else "decided_at",
        actor_field="decided_by",
        reason_field="decision_reason",
        label=label,
    )


PRACTICE = Workflow(
    model=Practice,
    action="community.practice",
    table=TRANSITIONS,
    moves={
        Status.SUBMITTED: Move(
            Status.SUBMITTED,
            permissions.can_submit_practice,
            stamp="submitted_at",
            label=_("Submit for validation"),
        ),
        Status.PUBLISHED: _decision(Status.PUBLISHED, _("Publish")),
        Status.CHANGES_REQUESTED: _decision(Status.CHANGES_REQUESTED, _("Return for changes")),
        Status.REJECTED: _decision(Status.REJECTED, _("Reject")),
    },
    error=PracticeError,
    codes={"not_allowed": "forbidden", "reason_required": "reason"},
    messages={
        "illegal_transition": _("A good practice that is “%(status)s” cannot become “%(to)s”."),
        "reason_required": _("Please give a reason: the proposer will read it."),
    },
)

# the staff's decisions, in the order the review page shows them
DECISIONS = (Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.REJECTED)
