"""What the matching events do when the layers below announce an event (gathered by
community/hooks.py for coopportal.core.discovery.run_hooks). Each hook runs in the caller's
transaction."""

from django.utils import timezone, translation
from django.utils.translation import ngettext

from .models import Registration, RegistrationStatus
from .services.registrations import registration_cancel


def _titles(registrations) -> str:
    return ", ".join(f"“{registration.event.title}”" for registration in registrations)


def membership_revoked(*, user, by=None, reason="", **kwargs):
    """Staff ended the person's membership: their registrations to the events to come that are
    for members only are cancelled (the people they were to meet are told). Returns what changed,
    for the person, in their language."""
    registrations = list(
        Registration.objects.filter(
            user=user,
            status=RegistrationStatus.REGISTERED,
            event__open_to_participants=False,
            event__starts_at__gt=timezone.now(),
        ).select_related("event")
    )
    for registration in registrations:
        registration_cancel(registration=registration, by=None)
    if not registrations:
        return None
    with translation.override(user.language):
        return ngettext(
            "Your registration to the matching event for members %(events)s is cancelled.",
            "Your registrations to the matching events for members %(events)s are cancelled.",
            len(registrations),
        ) % {"events": _titles(registrations)}
