"""Reports of posts to staff, and their moderation."""

from django.utils.translation import gettext_lazy

from coopportal.core.workflow import Move, Workflow

from .. import permissions
from ..exceptions import WorkgroupError
from ..models import PostReport
from ..models.discussion import POST_REPORT_TRANSITIONS


def _by_staff(user, report) -> bool:
    return permissions.can_moderate_posts(user)


POST_REPORT = Workflow(
    model=PostReport,
    action="workgroups.post_report",
    table=POST_REPORT_TRANSITIONS,
    moves={
        to: Move(
            to,
            _by_staff,
            stamp="handled_at",
            actor_field="handled_by",
            reason_field="staff_note",
            label=label,
        )
        for to, label in [
            (PostReport.Status.ACTIONED, gettext_lazy("Hide the message")),
            (PostReport.Status.DISMISSED, gettext_lazy("Dismiss the report")),
        ]
    },
    error=WorkgroupError,
    codes={"not_allowed": "forbidden"},
    messages={
        "illegal_transition": gettext_lazy("This report was already handled."),
        "not_allowed": gettext_lazy("Only staff moderate messages."),
    },
)
