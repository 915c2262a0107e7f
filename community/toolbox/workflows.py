"""The state machine of a resource: a member's suggestion waits for staff, who publish it or
reject it with a reason (the suggester reads it); staff may archive a published resource and
publish it again."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import ToolboxError
from .models import Resource, ResourceStatus

Status = ResourceStatus

TRANSITIONS = {
    Status.SUGGESTED: {Status.PUBLISHED, Status.REJECTED},
    Status.PUBLISHED: {Status.ARCHIVED},
    Status.REJECTED: set(),
    Status.ARCHIVED: {Status.PUBLISHED},
}

RESOURCE = Workflow(
    model=Resource,
    action="community.toolbox.resource",
    table=TRANSITIONS,
    moves={
        Status.PUBLISHED: Move(
            Status.PUBLISHED,
            permissions.can_moderate_resources,
            stamp="published_at",
            actor_field="published_by",
            label=_("Publish"),
        ),
        Status.REJECTED: Move(
            Status.REJECTED,
            permissions.can_moderate_resources,
            needs_reason=True,
            stamp="rejected_at",
            actor_field="rejected_by",
            reason_field="rejection_reason",
            label=_("Reject"),
        ),
        Status.ARCHIVED: Move(
            Status.ARCHIVED,
            permissions.can_moderate_resources,
            stamp="archived_at",
            label=_("Archive"),
        ),
    },
    error=ToolboxError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This cannot be done: the resource is “%(status)s”.")},
)
