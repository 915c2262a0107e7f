"""Demo agendas (wired into community/events/seed.py's `seed()` after the events are made): the
scheduler places the accepted meetings of the demo events still without a time, and on the past
event each side says whether its meeting took place and what came of it (one no-show among them).
Idempotent: a second run places nothing and marks nothing again."""

from django.db.models import Q
from django.utils import timezone

from .models import FeedbackOutcome, MatchingEvent, MeetingSide
from .services.outcomes import outcome_record
from .services.schedule import schedule_run

__all__ = ["seed_agenda"]

SCALE_MARK = "(prova di carico)"

OUTCOMES = [
    FeedbackOutcome.COOPERATION_POSSIBLE,
    FeedbackOutcome.FURTHER_TALKS,
    FeedbackOutcome.AGREEMENT,
    FeedbackOutcome.NO_FOLLOW_UP,
]


def seed_agenda(*, stdout=None) -> dict:
    now = timezone.now()
    placed = marked = 0
    upcoming = MatchingEvent.objects.filter(
        Q(meetings__slot__isnull=True, meetings__cancelled_at__isnull=True),
        ends_at__gt=now,
        tables__isnull=False,
    ).distinct()
    # the benchmark's events (seed_scale.py) keep their meetings for the scheduler's benchmark
    upcoming = upcoming.exclude(title__endswith=SCALE_MARK)
    for event in upcoming.order_by("starts_at", "pk"):
        placed += schedule_run(event=event, by=None).placed
    sides = (
        MeetingSide.objects.filter(
            held__isnull=True,
            slot__isnull=False,
            meeting__cancelled_at__isnull=True,
            meeting__event__ends_at__lte=now,
        )
        .select_related("registration__user", "meeting__request")
        .order_by("meeting_id", "pk")
    )
    for side in sides:
        # every fourth meeting: its second side says it did not take place (a no-show)
        first = side.registration_id == side.meeting.request.requester_id
        no_show = side.meeting_id % 4 == 3 and not first
        outcome_record(
            side=side,
            held=not no_show,
            outcome="" if no_show else OUTCOMES[side.meeting_id % len(OUTCOMES)],
            comment="" if no_show else "Incontro utile, ci risentiamo a breve.",
            by=side.registration.user,
        )
        marked += 1
    if stdout is not None:
        stdout.write(
            f"Matching events' agendas: {placed} meetings placed, {marked} sides marked.\n"
        )
    return {"placed": placed, "marked": marked}
