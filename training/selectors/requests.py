"""Reads of applications to teach and consultation requests: a person sees their own; a
consultation also to its consultant. Anything else is a 404, as if it did not exist."""

from coopportal.core.http import get_or_404

from ..models import ConsultationRequest, TrainerApplication, TrainerApplicationStatus
from ..workflows import is_consultant, is_requester

OPEN = (TrainerApplicationStatus.SUBMITTED, TrainerApplicationStatus.IN_REVIEW)


def trainer_application_list(*, user):
    """The person's applications to teach, newest first."""
    if not user.is_authenticated:
        return TrainerApplication.objects.none()
    return (
        TrainerApplication.objects.filter(user=user)
        .select_related("trainer")
        .prefetch_related("areas")
        .order_by("-created_at", "-pk")
    )


def trainer_application_open(*, user):
    """The person's open application (submitted or in review), if any."""
    if not user.is_authenticated:
        return None
    return TrainerApplication.objects.filter(user=user, status__in=OPEN).first()


def trainer_application_own(*, user, pk) -> TrainerApplication:
    application = TrainerApplication.objects.filter(pk=pk).first()
    return get_or_404(application, allowed=lambda u, a: a.user_id == u.pk, user=user)


def consultation_list(*, user):
    """The member's consultation requests, newest first, with their consultant."""
    return (
        ConsultationRequest.objects.filter(member=user)
        .select_related("area", "consultant")
        .order_by("-created_at", "-pk")
    )


def consultation_access(*, user, pk) -> ConsultationRequest:
    """A consultation its member or its consultant may open; a 404 for anyone else."""
    consultation = (
        ConsultationRequest.objects.filter(pk=pk).select_related("area", "consultant", "member")
    ).first()
    return get_or_404(
        consultation, allowed=lambda u, c: is_requester(u, c) or is_consultant(u, c), user=user
    )
