"""The state machines of member matching: contact requests and reports to staff."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import MatchingError
from .models import ContactRequest, Report

Status = ContactRequest.Status

CONTACT_TRANSITIONS = {
    Status.PENDING: {Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN, Status.EXPIRED},
    Status.ACCEPTED: set(),
    Status.DECLINED: set(),
    Status.WITHDRAWN: set(),
    Status.EXPIRED: set(),
}

CONTACT = Workflow(
    model=ContactRequest,
    action="matching.contact",
    table=CONTACT_TRANSITIONS,
    moves={
        Status.ACCEPTED: Move(
            Status.ACCEPTED, permissions.can_answer_contact, stamp="answered_at", label=_("Accept")
        ),
        Status.DECLINED: Move(
            Status.DECLINED,
            permissions.can_answer_contact,
            stamp="answered_at",
            label=_("Decline"),
        ),
        Status.WITHDRAWN: Move(
            Status.WITHDRAWN,
            permissions.can_withdraw_contact,
            stamp="withdrawn_at",
            label=_("Withdraw the request"),
        ),
        Status.EXPIRED: Move(Status.EXPIRED, permissions.is_system, stamp="expired_at"),
    },
    error=MatchingError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This request was already answered (“%(status)s”).")},
)

ReportStatus = Report.Status

REPORT_TRANSITIONS = {
    ReportStatus.OPEN: {ReportStatus.RESOLVED, ReportStatus.DISMISSED},
    ReportStatus.RESOLVED: set(),
    ReportStatus.DISMISSED: set(),
}

REPORT = Workflow(
    model=Report,
    action="matching.report",
    table=REPORT_TRANSITIONS,
    moves={
        ReportStatus.RESOLVED: Move(
            ReportStatus.RESOLVED,
            permissions.can_moderate_reports,
            needs_reason=True,
            stamp="handled_at",
            actor_field="handled_by",
            reason_field="resolution",
            label=_("Acted upon"),
        ),
        ReportStatus.DISMISSED: Move(
            ReportStatus.DISMISSED,
            permissions.can_moderate_reports,
            needs_reason=True,
            stamp="handled_at",
            actor_field="handled_by",
            reason_field="resolution",
            label=_("Dismiss"),
        ),
    },
    error=MatchingError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This report was already handled.")},
)
