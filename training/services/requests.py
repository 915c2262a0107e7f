"""Applications to teach and requests for a free consultation, each moved by its workflow
(training/workflows.py) through `coopportal.core.workflow.transition()`.

An application to teach: anyone with an account applies (one open application at a time, backed
by a unique constraint), withdraws it while it is open; staff start the review, accept it (the
person becomes a trainer: their Trainer is created, or the one already linked to their account is
kept, with the biography copied when it has none) or do not accept it with a reason.

A consultation: a member asks; staff assign a consultant (a staff member or a trainer with an
account), the consultant or staff agree the slot, then close it with notes (for staff and the
consultant only) or staff decline it with a reason; the member cancels it while it is not over.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member
from coopportal.accounts.selectors import staff_member_list
from coopportal.core.dates import format_date
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications
from ..exceptions import TrainingError
from ..models import (
    ConsultationRequest,
    ConsultationStatus,
    Trainer,
    TrainerApplication,
    TrainerApplicationStatus,
)
from ..workflows import CONSULTATION, TRAINER_APPLICATION

A = TrainerApplicationStatus
C = ConsultationStatus
ALREADY_OPEN = gettext_lazy(
    "You already have an application to teach under review: wait for the answer, or withdraw "
    "it first."
)


def _text(value, *, code, limit, required=True, missing="", too_long=""):
    value = (value or "").strip()
    if required and not value:
        raise TrainingError(missing or _("This field is required."), code=code)
    if len(value) > limit:
        raise TrainingError(
            too_long or _("Please keep it under %(limit)d characters.") % {"limit": limit},
            code=code,
        )
    return value


# --- applications to teach -------------------------------------------------------------------


@transaction.atomic
def trainer_application_submit(*, by, topics, experience, bio="", areas=()) -> TrainerApplication:
    if not is_authenticated(by):
        raise TrainingError(_("Log in to apply to teach."), code="forbidden")
    topics = _text(topics, code="topics", limit=3000, missing=_("Say what you would teach."))
    experience = _text(
        experience, code="experience", limit=5000, missing=_("Tell us about your experience.")
    )
    bio = _text(bio, code="bio", limit=3000, required=False)
    try:
        with transaction.atomic():
            application = TrainerApplication.objects.create(
                user=by, topics=topics, experience=experience, bio=bio
            )
    except IntegrityError:
        raise TrainingError(ALREADY_OPEN, code="already_open") from None
    application.areas.set(areas or [])
    notify(
        notifications.TRAINER_APPLICATION_SUBMITTED.name,
        staff_member_list(),
        target=application,
        url=reverse("admin:training_trainerapplication_change", args=[application.pk]),
        actor=by,
        context={"person": by.display_name, "topics": topics[:200]},
    )
    return application


def _tell_applicant(application, by):
    notify(
        notifications.TRAINER_APPLICATION_STATUS.name,
        [application.user_id],
        target=application,
        url=reverse("training:trainer_application"),
        actor=by,
        context={
            "status": TRAINER_APPLICATION.label(application.status),
            "reason": application.decision_reason,
        },
    )


def _trainer_for(application) -> Trainer:
    """The Trainer of the applicant's account, created if they have none."""
    person = application.user
    trainer = Trainer.objects.select_for_update().filter(user=person).first()
    if trainer is None:
        return Trainer.objects.create(user=person, name=person.display_name, bio=application.bio)
    if not trainer.bio and application.bio:
        trainer.bio = application.bio
        trainer.save(update_fields=["bio", "updated_at"])
    return trainer


@transaction.atomic
def trainer_application_move(*, application, by, to, reason="") -> TrainerApplication:
    """Staff's moves (in review, accepted, not accepted) and the applicant's withdrawal."""
    application = transition(TRAINER_APPLICATION, application, to, by=by, reason=reason)
    if to == A.ACCEPTED:
        application.trainer = _trainer_for(application)
        application.save(update_fields=["trainer", "updated_at"])
    if to != A.WITHDRAWN:
        _tell_applicant(application, by)
    return application


def trainer_application_withdraw(*, application, by) -> TrainerApplication:
    return trainer_application_move(application=application, by=by, to=A.WITHDRAWN)


# --- consultations ---------------------------------------------------------------------------


def is_possible_consultant(user) -> bool:
    """A consultant is an active staff member or a trainer with an account."""
    if not is_authenticated(user):
        return False
    return is_staff_member(user) or Trainer.objects.filter(user=user).exists()


@transaction.atomic
def consultation_request(
    *, by, topic, description, area=None, preferred_times=""
) -> ConsultationRequest:
    if not is_member(by):
        raise TrainingError(
            _("Free consultations are for verified members of the cooperative."),
            code="forbidden",
        )
    topic = _text(topic, code="topic", limit=200, missing=_("Say what the consultation is about."))
    description = _text(
        description, code="description", limit=5000, missing=_("Describe what you need.")
    )
    preferred_times = _text(preferred_times, code="preferred_times", limit=300, required=False)
    consultation = ConsultationRequest.objects.create(
        member=by,
        topic=topic,
        description=description,
        area=area,
        preferred_times=preferred_times,
    )
    notify(
        notifications.CONSULTATION_REQUESTED.name,
        staff_member_list(),
        target=consultation,
        url=reverse("admin:training_consultationrequest_change", args=[consultation.pk]),
        actor=by,
        context={"person": by.display_name, "topic": topic},
    )
    return consultation


def _tell_member(consultation, by, details=""):
    notify(
        notifications.CONSULTATION_STATUS.name,
        [consultation.member_id],
        target=consultation,
        url=reverse("training:consultation_detail", args=[consultation.pk]),
        actor=by,
        context={
            "topic": consultation.topic,
            "status": CONSULTATION.label(consultation.status),
            "details": details,
        },
    )


@transaction.atomic
def consultation_assign(*, consultation, by, consultant) -> ConsultationRequest:
    if not is_possible_consultant(consultant):
        raise TrainingError(
            _("The consultant must be a staff member or a trainer with an account."),
            code="consultant",
        )
    if consultant.pk == consultation.member_id:
        raise TrainingError(
            _("The member who asks cannot be their own consultant."), code="consultant"
        )
    consultation = transition(CONSULTATION, consultation, C.ASSIGNED, by=by, consultant=consultant)
    url = reverse("training:consultation_detail", args=[consultation.pk])
    notify(
        notifications.CONSULTATION_ASSIGNED.name,
        [consultant.pk],
        target=consultation,
        url=url,
        actor=by,
        context={"topic": consultation.topic, "person": consultation.member.display_name},
    )
    _tell_member(
        consultation,
        by,
        _("Your consultant is %(name)s.") % {"name": consultant.display_name},
    )
    return consultation


@transaction.atomic
def consultation_schedule(*, consultation, by, slot_at, slot_place="") -> ConsultationRequest:
    if slot_at is None:
        raise TrainingError(_("Choose the date and time of the slot."), code="slot_at")
    if slot_at <= timezone.now():
        raise TrainingError(_("The slot must be in the future."), code="slot_at")
    slot_place = _text(slot_place, code="slot_place", limit=500, required=False)
    consultation = transition(
        CONSULTATION, consultation, C.SCHEDULED, by=by, slot_at=slot_at, slot_place=slot_place
    )
    when = format_date(timezone.localtime(slot_at), "DATETIME_FORMAT")
    details = _("On %(when)s.") % {"when": when}
    if slot_place:
        details = _("On %(when)s, %(place)s.") % {"when": when, "place": slot_place}
    _tell_member(consultation, by, details)
    return consultation


@transaction.atomic
def consultation_close(*, consultation, by, notes="") -> ConsultationRequest:
    notes = _text(notes, code="notes", limit=5000, required=False)
    consultation = transition(CONSULTATION, consultation, C.CLOSED, by=by, closing_notes=notes)
    _tell_member(consultation, by)
    return consultation


@transaction.atomic
def consultation_decline(*, consultation, by, reason) -> ConsultationRequest:
    reason = _text(reason, code="reason", limit=2000, required=False)
    consultation = transition(CONSULTATION, consultation, C.DECLINED, by=by, reason=reason)
    _tell_member(consultation, by, consultation.reason)
    return consultation


@transaction.atomic
def consultation_cancel(*, consultation, by, reason="") -> ConsultationRequest:
    reason = _text(reason, code="reason", limit=2000, required=False)
    consultation = transition(CONSULTATION, consultation, C.CANCELLED, by=by, reason=reason)
    if by is None or by.pk != consultation.member_id:
        _tell_member(consultation, by, consultation.reason)
    return consultation
