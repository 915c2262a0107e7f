"""Celery tasks of working groups: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from .services import meetings


@shared_task(name="workgroups.send_meeting_reminder", acks_late=True)
def send_meeting_reminder(meeting_id: int) -> bool:
    """Tell the people going that one meeting is tomorrow (does nothing if already done)."""
    return meetings.meeting_send_reminder(meeting_id=meeting_id)


@shared_task(name="workgroups.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Beat, hourly: one small task per meeting starting in 24–48 hours still without reminder."""
    ids = meetings.meetings_needing_reminder().values_list("pk", flat=True)
    return fan_out(send_meeting_reminder, ids)
