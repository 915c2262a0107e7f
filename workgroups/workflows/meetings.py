"""Meetings: moderation of the proposed ones, cancelling (not the RSVPs: core.capacity)."""

from django.utils.translation import gettext_lazy

from coopportal.core.workflow import Move, Workflow

from .. import permissions
from ..exceptions import WorkgroupError
from ..models import Meeting
from ..models.meetings import MEETING_TRANSITIONS

Status = Meeting.Status


def _moderation(to, label, *, needs_reason=False):
    return Move(
        to, permissions.can_moderate_meeting.test, needs_reason=needs_reason, stamp="moderated_at",
        actor_field="moderated_by", reason_field="moderation_reason", label=label,
    )  # fmt: skip


MEETING = Workflow(
    model=Meeting,
    action="workgroups.meeting",
    table=MEETING_TRANSITIONS,
    moves={
        Status.PUBLISHED: _moderation(Status.PUBLISHED, gettext_lazy("Approve and publish")),
        Status.REJECTED: _moderation(
            Status.REJECTED, gettext_lazy("Reject the meeting"), needs_reason=True
        ),
        Status.CANCELLED: Move(
            Status.CANCELLED,
            permissions.can_cancel_meeting.test,
            label=gettext_lazy("Cancel the meeting"),
        ),
    },
    error=WorkgroupError,
    codes={"not_allowed": "forbidden", "reason_required": "reason"},
    messages={
        "illegal_transition": gettext_lazy(
            "This meeting is “%(status)s”: that change is no longer possible."
        ),
        "reason_required": gettext_lazy("Please give a reason: the proposer will read it."),
    },
)
