"""Celery tasks of the shared spaces: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from .services import bookings


@shared_task(name="spaces.expire_offer", acks_late=True)
def expire_offer(slot_id: int) -> int:
    """One slot's lapsed offers move on to the next people waiting."""
    return bookings.expire_offers(slot_id=slot_id)


@shared_task(name="spaces.expire_place_offers")
def expire_place_offers() -> int:
    """Beat, every 10 minutes: one small task per slot with a lapsed offer."""
    return fan_out(expire_offer, bookings.slots_with_lapsed_offers().values_list("pk", flat=True))


@shared_task(name="spaces.send_reminder", acks_late=True)
def send_reminder(booking_id: int) -> bool:
    """Remind one person of one booking (once)."""
    return bookings.booking_remind(booking_id=booking_id)


@shared_task(name="spaces.send_reminders")
def send_reminders() -> int:
    """Beat, hourly: one small task per booking of the next day not reminded yet."""
    return fan_out(send_reminder, bookings.bookings_to_remind().values_list("pk", flat=True))
