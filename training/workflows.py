"""The state machines of training: courses, applications to teach and consultation requests."""

import rules
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.workflow import Move, Workflow

from .exceptions import TrainingError
from .models import (
    ConsultationRequest,
    ConsultationStatus,
    Course,
    CourseStatus,
    TrainerApplication,
    TrainerApplicationStatus,
)
from .permissions import can_manage_training


@rules.predicate
def is_applicant(user, application) -> bool:
    return is_authenticated(user) and application.user_id == user.pk


@rules.predicate
def is_requester(user, consultation) -> bool:
    return is_authenticated(user) and consultation.member_id == user.pk


@rules.predicate
def is_consultant(user, consultation) -> bool:
    return is_authenticated(user) and consultation.consultant_id == user.pk


COURSE_TRANSITIONS = {
    CourseStatus.DRAFT: {CourseStatus.PUBLISHED, CourseStatus.CANCELLED},
    CourseStatus.PUBLISHED: {CourseStatus.CANCELLED},
    CourseStatus.CANCELLED: set(),
}

COURSE = Workflow(
    model=Course,
    action="training.course",
    table=COURSE_TRANSITIONS,
    error=TrainingError,
    moves={
        CourseStatus.PUBLISHED: Move(
            CourseStatus.PUBLISHED, can_manage_training, label=_("Publish")
        ),
        CourseStatus.CANCELLED: Move(
            CourseStatus.CANCELLED,
            can_manage_training,
            needs_reason=True,
            reason_field="cancel_reason",
            label=_("Cancel the course"),
        ),
    },
)

A = TrainerApplicationStatus
TRAINER_APPLICATION_TRANSITIONS = {
    A.SUBMITTED: {A.IN_REVIEW, A.ACCEPTED, A.REJECTED, A.WITHDRAWN},
    A.IN_REVIEW: {A.ACCEPTED, A.REJECTED, A.WITHDRAWN},
    A.ACCEPTED: set(),
    A.REJECTED: set(),
    A.WITHDRAWN: set(),
}


def _decision(to, label, *, needs_reason=False):
    return Move(
        to,
        can_manage_training,
        needs_reason=needs_reason,
        stamp="decided_at",
        actor_field="decided_by",
        reason_field="decision_reason",
        label=label,
    )


TRAINER_APPLICATION = Workflow(
    model=TrainerApplication,
    action="training.trainer_application",
    table=TRAINER_APPLICATION_TRANSITIONS,
    error=TrainingError,
    moves={
        A.IN_REVIEW: Move(A.IN_REVIEW, can_manage_training, label=_("Start the review")),
        A.ACCEPTED: _decision(A.ACCEPTED, _("Accept")),
        A.REJECTED: _decision(A.REJECTED, _("Do not accept"), needs_reason=True),
        A.WITHDRAWN: Move(A.WITHDRAWN, is_applicant, label=_("Withdraw")),
    },
)

C = ConsultationStatus
CONSULTATION_TRANSITIONS = {
    C.REQUESTED: {C.ASSIGNED, C.DECLINED, C.CANCELLED},
    C.ASSIGNED: {C.SCHEDULED, C.CLOSED, C.CANCELLED},
    C.SCHEDULED: {C.CLOSED, C.CANCELLED},
    C.CLOSED: set(),
    C.DECLINED: set(),
    C.CANCELLED: set(),
}

CONSULTATION = Workflow(
    model=ConsultationRequest,
    action="training.consultation",
    table=CONSULTATION_TRANSITIONS,
    error=TrainingError,
    moves={
        C.ASSIGNED: Move(
            C.ASSIGNED, can_manage_training, stamp="assigned_at", label=_("Assign a consultant")
        ),
        C.SCHEDULED: Move(
            C.SCHEDULED,
            can_manage_training | is_consultant,
            stamp="scheduled_at",
            label=_("Agree the slot"),
        ),
        C.CLOSED: Move(
            C.CLOSED,
            can_manage_training | is_consultant,
            stamp="closed_at",
            label=_("Close with notes"),
        ),
        C.DECLINED: Move(
            C.DECLINED,
            can_manage_training,
            needs_reason=True,
            reason_field="reason",
            label=_("Decline"),
        ),
        C.CANCELLED: Move(
            C.CANCELLED,
            is_requester | can_manage_training,
            reason_field="reason",
            label=_("Cancel the request"),
        ),
    },
)
