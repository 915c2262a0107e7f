"""What training holds about a person (see coopportal.core.data_rights). Erasure keeps
enrolments and attendance (the courses' figures, under "Deleted member"); the trainer record,
trainer applications, certificates and requests stop naming or describing them."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.data_rights import export_holds

from .models import (
    Certificate,
    ConsultationRequest,
    Enrolment,
    EnrolmentStatus,
    Trainer,
    TrainerApplication,
)

HOLDS = {
    "training.Trainer": ["user"],
    "training.Course": ["created_by"],
    "training.Feedback": ["user"],
    "training.TrainingNeed": ["proposed_by"],
    "training.NeedSupport": ["user"],
    "training.TrainerApplication": ["user", "decided_by"],
    "training.ConsultationRequest": ["member", "consultant"],
    "training.Enrolment": ["user"],
    "training.Attendance": ["user", "marked_by"],
    "training.Certificate": ["user", "revoked_by"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    deleted = _("Deleted member")
    Trainer.objects.filter(user=user).update(name=deleted, bio="")
    TrainerApplication.objects.filter(user=user).update(topics="", experience="", bio="")
    Certificate.objects.filter(user=user).update(holder_name=deleted)
    ConsultationRequest.objects.filter(member=user).update(preferred_times="", description="")
    Enrolment.objects.filter(user=user).update(note="")


def purge(now=None) -> int:
    """Seat offers that lapsed more than RETENTION_OFFERS_DAYS ago."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RETENTION_OFFERS_DAYS)
    lapsed = Enrolment.objects.filter(status=EnrolmentStatus.EXPIRED, updated_at__lt=cutoff)
    return lapsed.delete()[0]
