"""What shared work spaces hold about a person (see coopportal.core.data_rights): their
bookings (kept under "Deleted member": the spaces' figures)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from coopportal.core.data_rights import export_holds

from .models import Booking, BookingStatus

HOLDS = {"spaces.Booking": ["user", "marked_by"]}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    """Nothing to remove: a booking names no one once the account is anonymised."""


def purge(now=None) -> int:
    """Offers that lapsed (unchanged since) more than RETENTION_OFFERS_DAYS ago."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RETENTION_OFFERS_DAYS)
    lapsed = Booking.objects.filter(status=BookingStatus.EXPIRED, updated_at__lt=cutoff)
    return lapsed.delete()[0]
