"""Staff's side of an event: its time slots, cut from each session's start, end and meeting
length (an admin action and the session's save in the admin call `slots_generate`)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ..exceptions import EventError
from ..models import Meeting, MeetingSide, TimeSlot

MAX_SLOTS_PER_SESSION = 200


def slot_times(session) -> list[tuple]:
    """The (start, end) of each slot of `session`: meetings of `meeting_minutes`, each followed
    by `break_minutes`, as many as fit between its start and its end."""
    if session.meeting_minutes <= 0:
        raise EventError(_("A meeting must last at least one minute."), code="meeting_minutes")
    length = timedelta(minutes=session.meeting_minutes)
    step = length + timedelta(minutes=session.break_minutes or 0)
    times = []
    start = session.starts_at
    while start + length <= session.ends_at:
        times.append((start, start + length))
        if len(times) > MAX_SLOTS_PER_SESSION:
            raise EventError(
                _("A session holds at most %(max)d time slots: make it shorter or the meetings "
                  "longer.") % {"max": MAX_SLOTS_PER_SESSION},
                code="too_many_slots",
            )  # fmt: skip
        start += step
    return times


@transaction.atomic
def slots_generate(*, session) -> dict:
    """Make the session's slots match its times: the missing ones are created, those that no
    longer fit are removed unless a meeting uses them (those stay, and are counted as `kept`).
    Running it twice changes nothing. Returns {"created", "removed", "kept"}."""
    times = slot_times(session)
    starts = {start for start, _end in times}
    existing = {slot.starts_at: slot for slot in session.slots.all()}
    used = Exists(Meeting.objects.filter(slot=OuterRef("pk"))) | Exists(
        MeetingSide.objects.filter(slot=OuterRef("pk"))
    )
    stale = session.slots.exclude(starts_at__in=starts)
    kept = stale.filter(used).count()
    removable = stale.exclude(used)
    removed = removable.count()
    removable.delete()
    created = [
        TimeSlot(session=session, starts_at=start, ends_at=end)
        for start, end in times
        if start not in existing
    ]
    # a slot whose start stays but whose end moved (a new meeting length) gets its new end
    for start, end in times:
        slot = existing.get(start)
        if slot is not None and slot.ends_at != end:
            slot.ends_at = end
            slot.save(update_fields=["ends_at"])
    TimeSlot.objects.bulk_create(created, ignore_conflicts=True)
    return {"created": len(created), "removed": removed, "kept": kept}
