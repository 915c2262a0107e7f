"""Celery tasks of working groups: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from .services import meetings, seats


@shared_task(name="workgroups.send_meeting_reminder", acks_late=True)
def send_meeting_reminder(meeting_id: int) -> bool:
    """Tell the people going that one meeting is tomorrow (does nothing if already done)."""
    return meetings.meeting_send_reminder(meeting_id=meeting_id)


@shared_task(name="workgroups.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Beat, hourly: one small task per meeting starting in 24–48 hours still without reminder."""
    ids = meetings.meetings_needing_reminder().values_list("pk", flat=True)
    return fan_out(send_meeting_reminder, ids)


@shared_task(name="workgroups.expire_seat_offer", acks_late=True)
def expire_seat_offer(meeting_id: int) -> int:
    """One meeting's lapsed seat offers pass to the next people waiting."""
    return seats.expire_offers(meeting_id=meeting_id)


@shared_task(name="workgroups.expire_seat_offers")
def expire_seat_offers() -> int:
    """Beat, every 10 minutes: one small task per meeting that has a lapsed offer."""
    ids = seats.meetings_with_lapsed_offers().values_list("pk", flat=True)
    return fan_out(expire_seat_offer, ids)
