"""The Celery tasks of the events' agendas: reminders the day before, and the questions on how the
meetings went right after the event and six months later. Thin wrappers around
services/outcomes.py; ids in; idempotent (each person or side is reached once per kind)."""

from celery import shared_task

from coopportal.core.tasks import fan_out

__all__ = [
    "events_ask_feedback",
    "events_ask_feedback_after",
    "events_ask_feedback_six_months",
    "events_remind_event",
    "events_send_reminders",
]


@shared_task(name="community.events_remind_event", acks_late=True)
def events_remind_event(event_id: int) -> int:
    from .services.outcomes import reminders_send

    return reminders_send(event_id=event_id)


@shared_task(name="community.events_send_reminders")
def events_send_reminders() -> int:
    """Beat, hourly: one task per event starting within a day with people not reminded yet."""
    from .services.outcomes import events_to_remind

    return fan_out(events_remind_event, events_to_remind().values_list("pk", flat=True))


@shared_task(name="community.events_ask_feedback_after", acks_late=True)
def events_ask_feedback_after(event_id: int) -> int:
    from .models import FeedbackStage
    from .services.outcomes import feedback_ask

    return feedback_ask(event_id=event_id, stage=FeedbackStage.AFTER)


@shared_task(name="community.events_ask_feedback_six_months", acks_late=True)
def events_ask_feedback_six_months(event_id: int) -> int:
    from .models import FeedbackStage
    from .services.outcomes import feedback_ask

    return feedback_ask(event_id=event_id, stage=FeedbackStage.SIX_MONTHS)


@shared_task(name="community.events_ask_feedback")
def events_ask_feedback() -> int:
    """Beat, hourly: one task per event that just ended (or ended six months ago) with sides
    not asked yet for that stage."""
    from .models import FeedbackStage
    from .services.outcomes import events_to_ask

    after = events_to_ask(FeedbackStage.AFTER).values_list("pk", flat=True)
    later = events_to_ask(FeedbackStage.SIX_MONTHS).values_list("pk", flat=True)
    return fan_out(events_ask_feedback_after, after) + fan_out(
        events_ask_feedback_six_months, later
    )
