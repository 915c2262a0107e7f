"""The state machines of the matching events: registrations and meeting requests."""

from django.utils.translation import gettext_lazy as _

from coopportal.core.workflow import Move, Workflow

from . import permissions
from .exceptions import EventError
from .models import MeetingRequest, Registration

Status = MeetingRequest.Status

REQUEST_TRANSITIONS = {
    Status.PENDING: {Status.ACCEPTED, Status.DECLINED, Status.EXPIRED, Status.CANCELLED},
    Status.ACCEPTED: {Status.CANCELLED},
    Status.DECLINED: set(),
    Status.EXPIRED: set(),
    Status.CANCELLED: set(),
}

REQUEST = Workflow(
    model=MeetingRequest,
    action="community.meeting_request",
    table=REQUEST_TRANSITIONS,
    moves={
        Status.ACCEPTED: Move(
            Status.ACCEPTED, permissions.can_answer_request, stamp="answered_at", label=_("Accept")
        ),
        Status.DECLINED: Move(
            Status.DECLINED,
            permissions.can_answer_request,
            stamp="answered_at",
            label=_("Decline"),
        ),
        Status.EXPIRED: Move(Status.EXPIRED, permissions.is_system, stamp="expired_at"),
        Status.CANCELLED: Move(
            Status.CANCELLED,
            permissions.can_cancel_request,
            stamp="cancelled_at",
            label=_("Cancel"),
        ),
    },
    error=EventError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This request was already answered (“%(status)s”).")},
)

RegistrationStatus = Registration.Status

REGISTRATION_TRANSITIONS = {
    RegistrationStatus.REGISTERED: {RegistrationStatus.CANCELLED},
    RegistrationStatus.CANCELLED: {RegistrationStatus.REGISTERED},
}

REGISTRATION = Workflow(
    model=Registration,
    action="community.registration",
    table=REGISTRATION_TRANSITIONS,
    moves={
        RegistrationStatus.CANCELLED: Move(
            RegistrationStatus.CANCELLED,
            permissions.can_cancel_registration,
            stamp="cancelled_at",
            label=_("Cancel my registration"),
        ),
        RegistrationStatus.REGISTERED: Move(
            RegistrationStatus.REGISTERED,
            permissions.can_renew_registration,
            label=_("Register again"),
        ),
    },
    error=EventError,
    codes={"not_allowed": "forbidden"},
    messages={"illegal_transition": _("This cannot be done: the registration is %(status)s.")},
)
